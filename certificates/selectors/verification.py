"""What the public verification page states about a certificate, and nothing more."""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone

from certificates.models import Certificate

# new_verification_code(): token_urlsafe(24) gives 32 URL-safe characters. Anything
# else cannot be a code, so it is refused before the database is asked.
CODE_PATTERN = re.compile(r"[A-Za-z0-9_-]{32}")


class VerificationStatus:
    VALID = "valid"
    REVOKED = "revoked"
    EXPIRED = "expired"
    REPLACED = "replaced"


@dataclass(frozen=True)
class VerificationFacts:
    """The facts a stranger may learn from a certificate's code."""

    code: str
    status: str
    holder: str
    subject: str
    subject_kind: str
    issuing_body: str
    issued_on: dt.date
    valid_until: dt.date | None

    def as_json(self, *, checked_at: dt.datetime) -> dict[str, Any]:
        return {
            "verification_code": self.code,
            "status": self.status,
            "holder": self.holder,
            "subject": self.subject,
            "subject_kind": self.subject_kind,
            "issuing_body": self.issuing_body,
            "issued_on": self.issued_on.isoformat(),
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "checked_at": checked_at.isoformat(timespec="seconds"),
        }


def verification_base_url() -> str:
    """The public root the QR codes point at (as certificates.rendering)."""
    base: str = getattr(settings, "CERTIFICATES_VERIFY_BASE_URL", "") or getattr(
        settings, "WAGTAILADMIN_BASE_URL", ""
    )
    return base.rstrip("/")


def certificate_status(
    certificate: Certificate, *, today: dt.date | None = None
) -> str:
    today = today or timezone.localdate()
    if certificate.status == Certificate.Status.REVOKED:
        return VerificationStatus.REVOKED
    if certificate.status == Certificate.Status.REPLACED:
        return VerificationStatus.REPLACED
    if certificate.valid_until is not None and certificate.valid_until < today:
        return VerificationStatus.EXPIRED
    return VerificationStatus.VALID


def certificate_by_code(*, code: str) -> Certificate | None:
    """The certificate with exactly this code; None for anything else."""
    if not CODE_PATTERN.fullmatch(code):
        return None
    return (
        Certificate.objects.select_related("issuing_body")
        .filter(verification_code=code)
        .first()
    )


def verification_facts(
    *, certificate: Certificate, today: dt.date | None = None
) -> VerificationFacts:
    return VerificationFacts(
        code=certificate.verification_code,
        status=certificate_status(certificate, today=today),
        holder=certificate.full_name,
        subject=certificate.subject_title,
        subject_kind="course" if certificate.course_id else "class",
        issuing_body=certificate.issuing_body.name,
        issued_on=certificate.issued_on,
        valid_until=certificate.valid_until,
    )
