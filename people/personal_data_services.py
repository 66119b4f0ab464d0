"""The rights of a person over their data: erasure requested, refused or carried
out; people's own sections of the registry (profile, consents, requests); and
the log of every export that holds personal data.

What erasure keeps and why is written out in the README ("Personal data: what
erasure keeps, and why"); each app's own part is in its personal_data.py.
"""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from lms.text import normalise_text

from .access import forget_roles, sees_everything
from .models import ErasureRequest, PersonalDataExport, User
from .personal_data import Row, personal_data_sections
from .services import login_failures_clear

ERASURE_REASON_REQUIRED = _("Please say why you ask for your data to be erased.")
ERASURE_ALREADY_PENDING = _(
    "You have already asked for erasure; an administrator will answer your request."
)
ERASURE_ALREADY_DONE = _("Your personal data has already been erased.")
ERASURE_NOT_PENDING = _("This request has already been answered.")
ERASURE_REFUSAL_REASON_REQUIRED = _("Please say why the request is refused.")
ERASURE_ONLY_ADMINISTRATORS = _("Only an administrator may answer an erasure request.")

#: The name an erased person's account carries (stored, so in Vietnamese).
ERASED_NAME = "Người dùng đã xoá #{pk}"
ERASED_USERNAME = "da-xoa-{pk}"
REASON_MAX_LENGTH = 2000


# --- Requests ----------------------------------------------------------------------


@transaction.atomic
def erasure_request_create(*, person: User, reason: str) -> ErasureRequest:
    """A person asks for their data to be erased; an administrator answers."""
    reason = normalise_text(reason or "").strip()[:REASON_MAX_LENGTH]
    if not reason:
        raise ValidationError({"reason": ERASURE_REASON_REQUIRED})
    if person.erased_at is not None:
        raise ValidationError(ERASURE_ALREADY_DONE)
    # Locks the person's row: two posts at once make one request.
    User.objects.select_for_update().filter(pk=person.pk).first()
    if ErasureRequest.objects.filter(
        person=person, status=ErasureRequest.Status.PENDING
    ).exists():
        raise ValidationError(ERASURE_ALREADY_PENDING)
    return ErasureRequest.objects.create(person=person, reason=reason)


def _answerable(erasure_request: ErasureRequest, by: User) -> ErasureRequest:
    if not sees_everything(by):
        raise PermissionDenied(ERASURE_ONLY_ADMINISTRATORS)
    locked = ErasureRequest.objects.select_for_update().get(pk=erasure_request.pk)
    if locked.status != ErasureRequest.Status.PENDING:
        raise ValidationError(ERASURE_NOT_PENDING)
    return locked


@transaction.atomic
def erasure_request_refuse(
    *, erasure_request: ErasureRequest, by: User, reason: str
) -> ErasureRequest:
    """An administrator refuses, saying why (a law that requires the data kept)."""
    reason = normalise_text(reason or "").strip()[:REASON_MAX_LENGTH]
    if not reason:
        raise ValidationError({"refusal_reason": ERASURE_REFUSAL_REASON_REQUIRED})
    locked = _answerable(erasure_request, by)
    locked.status = ErasureRequest.Status.REFUSED
    locked.refusal_reason = reason
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "refusal_reason", "decided_by", "decided_at"])
    return locked


@transaction.atomic
def erasure_request_carry_out(
    *, erasure_request: ErasureRequest, by: User
) -> ErasureRequest:
    """An administrator carries the request out: every app's eraser runs, then
    the account is anonymised; all of it or none (one transaction)."""
    locked = _answerable(erasure_request, by)
    person_erase(person=locked.person)
    locked.status = ErasureRequest.Status.DONE
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    return locked


@transaction.atomic
def person_erase(*, person: User) -> None:
    """Erase a person's data through every registered eraser, the apps above
    first and people's own profile last. Running it again changes nothing."""
    person = User.objects.select_for_update().get(pk=person.pk)
    for section in reversed(personal_data_sections()):
        if section.eraser is not None:
            section.eraser(person)


# --- People's own sections -----------------------------------------------------------


def _erased_birth_date(born: dt.date | None) -> dt.date | None:
    """Only the year is kept, as the middle of that year: the age bands of the
    statistics (by decade) stay right but for the months around a birthday."""
    return dt.date(born.year, 7, 1) if born else None


def profile_export(user: User) -> list[Row]:
    person = (
        User.objects.select_related("unit", "organisation", "ethnicity")
        .prefetch_related("target_groups", "groups")
        .get(pk=user.pk)
    )
    return [
        {
            "id": person.pk,
            "username": person.username,
            "full_name": person.full_name,
            "email": person.email,
            "phone": person.phone,
            "sex": person.get_sex_display() if person.sex else "",
            "date_of_birth": person.date_of_birth,
            "position": person.position,
            "employment_type": person.get_employment_type_display()
            if person.employment_type
            else "",
            "is_leader": person.is_leader,
            "unit": str(person.unit) if person.unit else "",
            "organisation": str(person.organisation) if person.organisation else "",
            "target_groups": [group.name for group in person.target_groups.all()],
            "ethnicity": person.ethnicity.name if person.ethnicity else "",
            "roles": [group.name for group in person.groups.all()],
            "date_joined": person.date_joined,
            "last_login": person.last_login,
        }
    ]


def consents_export(user: User) -> list[Row]:
    """Each consent with its purpose and when it was given (none: not given)."""
    return [
        {
            "purpose": str(_("Processing of personal data for training")),
            "given_at": user.data_processing_consent_at,
        },
        {
            "purpose": str(_("Recording of ethnicity (sensitive data)")),
            "given_at": user.ethnicity_consent_at,
        },
    ]


def erasure_requests_export(user: User) -> list[Row]:
    return [
        {
            "requested_at": request.requested_at,
            "reason": request.reason,
            "status": request.get_status_display(),
            "decided_at": request.decided_at,
            "refusal_reason": request.refusal_reason,
        }
        for request in ErasureRequest.objects.filter(person=user).order_by("pk")
    ]


def profile_erase(user: User) -> None:
    """Anonymise the account; keep what the statistics count (sex, unit,
    employment, leadership, target groups, birth year) so past figures stand."""
    pk = user.pk
    erased_name = ERASED_NAME.format(pk=pk)
    # django-axes' failed-login records name the account and the address it was
    # tried from: they go with it.
    login_failures_clear(username=user.get_username())
    User.objects.filter(pk=pk).update(
        username=ERASED_USERNAME.format(pk=pk),
        full_name=erased_name,
        email="",
        phone="",
        position="",
        date_of_birth=_erased_birth_date(user.date_of_birth),
        organisation=None,
        ethnicity=None,
        ethnicity_consent_at=None,
        data_processing_consent_at=None,
        is_active=False,
        is_staff=False,
        is_superuser=False,
        erased_at=user.erased_at or timezone.now(),
    )
    user.refresh_from_db()
    if user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.clear()
    forget_roles(user)
    user.user_permissions.clear()
    user.managed_units.clear()
    for profile in UserProfile.objects.filter(user=user):
        if profile.avatar:
            profile.avatar.delete(save=False)
        profile.delete()
    # Wagtail's history of the account names it as it was.
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(pk)
    ).update(label=erased_name)


# --- The export log ------------------------------------------------------------------


def personal_data_export_record(
    *,
    exported_by: User,
    view_name: str,
    query: str = "",
    file_format: str = "",
    row_count: int | None = None,
) -> PersonalDataExport:
    """Log one export that held personal data (people.personal_data_log)."""
    return PersonalDataExport.objects.create(
        exported_by=exported_by if exported_by.is_authenticated else None,
        view_name=view_name[:200],
        query=query,
        file_format=file_format[:20],
        row_count=row_count,
    )
