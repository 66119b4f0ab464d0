"""The certificates a person holds, and the ones a person may download."""

from django.db.models import QuerySet

from certificates.models import Certificate
from people.access import visible_to
from people.models import User


def my_certificates(*, person: User) -> QuerySet[Certificate]:
    """The holder's certificates in force (valid or revoked), newest first."""
    return (
        Certificate.objects.filter(holder=person)
        .exclude(status=Certificate.Status.REPLACED)
        .select_related("issuing_body")
        .order_by("-issued_on", "-pk")
    )


def certificate_for_download(*, user: User, pk: int) -> Certificate | None:
    """The certificate if this person may have its PDF: anyone who sees it
    (people.access), but its holder only while it is valid."""
    certificate = visible_to(user, Certificate.objects.filter(pk=pk)).first()
    if certificate is None:
        return None
    if certificate.holder_id == user.pk and certificate.status != (
        Certificate.Status.VALID
    ):
        return None
    return certificate
