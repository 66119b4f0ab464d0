"""The Content Security Policy header: the site's strict policy, the admin's exception.

The policy itself is in settings (CONTENT_SECURITY_POLICY, lms/settings/base.py).
Wagtail's admin templates hold inline scripts and style attributes, so the paths
in ADMIN_CSP_URL_PREFIXES get ADMIN_CSP_REPLACE over the site's policy: a looser
script and style rule, every other directive kept. The report-only policy, when
one is set, is never loosened, so it can show what the admin still needs.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's directives replaced."""

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.replace is None and is_admin_path(request):
            parts.replace = dict(getattr(settings, "ADMIN_CSP_REPLACE", {}))
        return parts


def is_admin_path(request: HttpRequest) -> bool:
    prefixes = tuple(getattr(settings, "ADMIN_CSP_URL_PREFIXES", ()))
    return bool(prefixes) and request.path_info.startswith(prefixes)
