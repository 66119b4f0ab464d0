"""Certificates (layer 4, above training): who issues them, how they look, when
they are earned, and each certificate issued with what it certifies frozen."""

from .certificates import Certificate, CertificateCounter
from .templates import CertificateRule, CertificateTemplate, IssuingBody

__all__ = [
    "Certificate",
    "CertificateCounter",
    "CertificateRule",
    "CertificateTemplate",
    "IssuingBody",
]
