"""Reads for the downloads: a class's certificates, the classes that have some,
and the register of certificates issued in a period; all scoped by people.access."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from people.access import unit_subtree_q, visible_to
from people.models import AdminUnit, User
from training.models import TrainingClass

from ..models import Certificate, IssuingBody


@dataclass(frozen=True)
class ClassWithCertificates:
    training_class: TrainingClass
    certificate_count: int


def certificates_of_class(
    *, user: User, training_class: TrainingClass
) -> QuerySet[Certificate]:
    """The class's certificates in force that this person may see, by holder's name."""
    return (
        visible_to(user, Certificate.objects.all())
        .filter(training_class=training_class, status=Certificate.Status.VALID)
        .order_by("full_name", "pk")
    )


def classes_with_certificates(*, user: User) -> list[ClassWithCertificates]:
    """The classes this person may open that have certificates in force they see,
    with how many (two queries)."""
    counts = dict(
        visible_to(user, Certificate.objects.all())
        .filter(training_class__isnull=False, status=Certificate.Status.VALID)
        .values_list("training_class")
        .annotate(count=Count("pk"))
        .values_list("training_class", "count")
    )
    classes = visible_to(user, TrainingClass.objects.all()).filter(pk__in=counts)
    return [
        ClassWithCertificates(training_class=item, certificate_count=counts[item.pk])
        for item in classes.order_by("-starts_on", "code")
    ]


def certificate_register(
    *,
    user: User,
    start: dt.date,
    end: dt.date,
    unit: AdminUnit | None = None,
    issuing_body: IssuingBody | None = None,
) -> QuerySet[Certificate]:
    """The register book: every certificate issued from `start` to `end` (inclusive)
    that this person may see, of the holders of `unit` and the units below it,
    in register order (body, year, number). Revoked and replaced ones stay listed,
    as a register's lines do."""
    rows = visible_to(user, Certificate.objects.all()).filter(
        issued_on__gte=start, issued_on__lte=end
    )
    if unit is not None:
        rows = rows.filter(unit_subtree_q([unit], prefix="holder__unit__"))
    if issuing_body is not None:
        rows = rows.filter(issuing_body=issuing_body)
    return rows.select_related("issuing_body", "replaced_by").order_by(
        "issuing_body__name", "year", "sequence"
    )
