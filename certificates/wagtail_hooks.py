from wagtail import hooks

from .admin import (
    exports,  # noqa: F401  (its hook registers the downloads)
    issued,  # noqa: F401  (its hook registers the certificates list)
)
from .viewsets import CertificatesViewSetGroup


@hooks.register("register_admin_viewset")
def register_certificates_viewsets():
    return CertificatesViewSetGroup()
