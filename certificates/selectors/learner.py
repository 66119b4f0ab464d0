"""The certificates a person holds, and the ones a person may download."""

from django.db import router
from django.db.models import QuerySet

from certificates.models import Certificate
from lms.prepared import PreparedRows, instance_from_row
from people.access import visible_to
from people.models import User


def my_certificates(*, person: User | int) -> QuerySet[Certificate]:
    """The holder's certificates in force (valid or revoked), newest first."""
    return (
        Certificate.objects.filter(holder=person)
        .exclude(status=Certificate.Status.REPLACED)
        .select_related("issuing_body")
        .order_by("-issued_on", "-pk")
    )


# What My learning shows of each certificate.
_ON_MY_LEARNING = [
    "id",
    "number",
    "subject_title",
    "issued_on",
    "status",
    "verification_code",
]

# Read on every visit to My learning: the SQL is built once (lms.prepared).
_MY_CERTIFICATES = PreparedRows(
    Certificate,
    lambda person: my_certificates(person=person).values_list(*_ON_MY_LEARNING),
    "person",
)


def certificates_on_my_learning(*, person: User) -> list[Certificate]:
    """my_certificates with only the fields My learning shows."""
    alias = router.db_for_read(Certificate)
    return [
        instance_from_row(Certificate, alias, _ON_MY_LEARNING, row)
        for row in _MY_CERTIFICATES.rows(person=person.pk)
    ]


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
