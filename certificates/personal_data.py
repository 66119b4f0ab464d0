"""What certificates holds on a person, for the download (registered in
CertificatesConfig.ready()). Erasure keeps issued certificates: see the README,
"Personal data: what erasure keeps, and why"."""

from people.models import User
from people.personal_data import Row

from .models import Certificate


def certificates_export(user: User) -> list[Row]:
    certificates = (
        Certificate.objects.filter(holder=user)
        .select_related("issuing_body")
        .order_by("issued_on", "pk")
    )
    return [
        {
            "number": certificate.number,
            "status": certificate.get_status_display(),
            "full_name": certificate.full_name,
            "date_of_birth": certificate.date_of_birth,
            "position": certificate.position,
            "organisation": certificate.organisation_name,
            "course_or_class": certificate.subject_title,
            "from": certificate.starts_on,
            "to": certificate.ends_on,
            "hours": certificate.hours,
            "score_percent": certificate.score,
            "result": certificate.result,
            "grade": certificate.grade,
            "issued_by": str(certificate.issuing_body),
            "issued_on": certificate.issued_on,
            "valid_until": certificate.valid_until,
            "verification_code": certificate.verification_code,
        }
        for certificate in certificates
    ]
