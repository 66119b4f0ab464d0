"""Registration in a class: capacity, the waiting list, approval and withdrawal.

Places are held by confirmed participants *and* by those awaiting approval, so
approving a request never takes a class over its capacity. Everyone else
waits, in the order they registered, and moves up when a place is freed.

Every write that can change who holds a place locks the class row first
(select_for_update inside the transaction): on PostgreSQL concurrent
registrations for one class queue on that lock; on SQLite the database's single
write lock serialises them (IMMEDIATE transactions in settings.base).
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from courses.models import Enrolment
from courses.services import enrolment_create
from courses.services.mail import mail_user
from people.access import users_visible_to, visible_to
from people.models import User
from training.models import Participant, TrainingClass

logger = logging.getLogger("training")

CLASS_CANCELLED = _("This class has been cancelled.")
CLASS_FINISHED = _("This class has already finished.")
CLASS_NOT_OPEN = _("This class is not open for registration.")
REGISTRATION_NOT_YET_OPEN = _("Registration for this class opens on %(opens)s.")
REGISTRATION_CLOSED = _("Registration for this class closed on %(closes)s.")
CONSENT_REQUIRED = _(
    "Please agree to the processing of your personal data to register."
)
ALREADY_REGISTERED = _("You are already registered for this class.")
ALREADY_WAITING = _("You are already on the waiting list of this class.")
ALREADY_PENDING = _("Your registration for this class is already waiting for approval.")
REGISTRATION_REFUSED = _(
    "Your registration for this class was not approved. "
    "Ask the class's organisers if you think this is a mistake."
)
MODE_NOT_OFFERED = _("This class cannot be attended that way.")
YEAR_INVALID = _("Enter a year between 1990 and this year.")
NOT_PENDING = _("This registration is not waiting for approval.")
NOT_ACTIVE = _("This registration has already been withdrawn or refused.")
DECIDE_NOT_ALLOWED = _("You cannot decide on registrations for this class.")
WITHDRAW_NOT_ALLOWED = _("You cannot withdraw this registration.")
REGISTER_NOT_ALLOWED = _("You cannot register people for this class.")
PEOPLE_OUT_OF_SCOPE = _("Some of these people are outside the units you manage.")
NOBODY_CHOSEN = _("Choose at least one person to register.")

DECIDE_PERMISSION = "training.change_participant"
REGISTER_PERMISSION = "training.add_participant"
# Statuses that hold one of the class's places.
HOLDING_PLACE = (Participant.Status.CONFIRMED, Participant.Status.PENDING)
ACTIVE = (*HOLDING_PLACE, Participant.Status.WAITING)
FIRST_YEAR = 1990


@dataclass(frozen=True)
class RegistrationDetails:
    """The answers of the registration form (DOMAIN.md §5.4) that belong to
    the registration; sex, unit and the like come from the person's profile."""

    attendance_mode: str = Participant.Mode.IN_PERSON
    brings_young_child: bool = False
    needs_disability_support: bool = False
    interpreter_language: str = ""
    accommodation_needs: str = ""
    previous_training_year: int | None = None


@dataclass
class BulkRegistration:
    """What a bulk registration did: who got a place, who waits, who was
    already registered (left as they were)."""

    confirmed: list[Participant] = field(default_factory=list)
    waiting: list[Participant] = field(default_factory=list)
    already: list[User] = field(default_factory=list)


def _day(value: datetime) -> str:
    return date_format(timezone.localtime(value), "d/m/Y H:i")


def _check_class_takes_registrations(
    training_class: TrainingClass, *, now: datetime, self_service: bool
) -> None:
    """Cancelled and finished classes take nobody. Learners register
    themselves only while the class is open and inside its window; a unit
    manager may register staff earlier or later (the organisers asked them to)."""
    status = training_class.status
    if status == TrainingClass.Status.CANCELLED:
        raise ValidationError(CLASS_CANCELLED, code="cancelled")
    if status == TrainingClass.Status.FINISHED:
        raise ValidationError(CLASS_FINISHED, code="finished")
    if not self_service:
        return
    if status != TrainingClass.Status.OPEN:
        raise ValidationError(CLASS_NOT_OPEN, code="not_open")
    opens, closes = (
        training_class.registration_opens_at,
        training_class.registration_closes_at,
    )
    if opens is not None and now < opens:
        raise ValidationError(
            REGISTRATION_NOT_YET_OPEN, code="not_yet", params={"opens": _day(opens)}
        )
    if closes is not None and now > closes:
        raise ValidationError(
            REGISTRATION_CLOSED, code="closed", params={"closes": _day(closes)}
        )


def attendance_modes_offered(training_class: TrainingClass) -> list[str]:
    """How a participant may attend: both ways only in a blended class."""
    if training_class.mode == TrainingClass.Mode.IN_PERSON:
        return [Participant.Mode.IN_PERSON]
    if training_class.mode == TrainingClass.Mode.ONLINE:
        return [Participant.Mode.ONLINE]
    return list(Participant.Mode.values)


def _check_details(training_class: TrainingClass, details: RegistrationDetails) -> None:
    offered = attendance_modes_offered(training_class)
    if details.attendance_mode not in offered:
        raise ValidationError({"attendance_mode": MODE_NOT_OFFERED})
    year = details.previous_training_year
    if year is not None and not FIRST_YEAR <= year <= timezone.localdate().year:
        raise ValidationError({"previous_training_year": YEAR_INVALID})


def _locked(training_class: TrainingClass) -> TrainingClass:
    """The class row, locked until the transaction ends."""
    return TrainingClass.objects.select_for_update().get(pk=training_class.pk)


def places_taken(training_class: TrainingClass) -> int:
    return Participant.objects.filter(
        training_class=training_class, status__in=HOLDING_PLACE
    ).count()


def _enrol_in_course(participant: Participant, *, by: User | None) -> None:
    """A confirmed participant takes the class's course (its online part).

    A course that is not live or has no lessons yet cannot enrol anyone: the
    class goes on and the enrolment is made when the person is confirmed again
    or by the organisers; it is logged, not an error for the learner.
    """
    course = participant.training_class.course
    if course is None:
        return
    try:
        enrolment_create(
            learner=participant.person,
            course=course,
            source=Enrolment.Source.TRAINING_CLASS,
            assigned_by=by,
        )
    except ValidationError as error:
        logger.warning(
            "participant %s not enrolled in course %s: %s",
            participant.pk,
            course.pk,
            "; ".join(error.messages),
        )


def _placed_status(
    training_class: TrainingClass, *, needs_approval: bool
) -> Participant.Status:
    if places_taken(training_class) >= training_class.capacity:
        return Participant.Status.WAITING
    if needs_approval:
        return Participant.Status.PENDING
    return Participant.Status.CONFIRMED


def _mail(participant: Participant, template: str, **extra: object) -> None:
    def context() -> dict[str, object]:
        training_class = participant.training_class
        return {
            "name": participant.person.get_full_name() or participant.person.username,
            "title": training_class.title,
            "code": training_class.code,
            "starts_on": date_format(training_class.starts_on, "d/m/Y"),
            "venue": training_class.venue,
            **extra,
        }

    mail_user(
        user=participant.person,
        template_prefix=f"training/emails/{template}",
        context=context,
    )


def _already_message(participant: Participant) -> ValidationError:
    message = {
        Participant.Status.CONFIRMED: ALREADY_REGISTERED,
        Participant.Status.WAITING: ALREADY_WAITING,
        Participant.Status.PENDING: ALREADY_PENDING,
        Participant.Status.REJECTED: REGISTRATION_REFUSED,
    }.get(Participant.Status(participant.status), ALREADY_REGISTERED)
    return ValidationError(message, code="already_registered")


def _place(
    training_class: TrainingClass,
    *,
    person: User,
    by: User,
    source: str,
    details: RegistrationDetails,
    now: datetime,
) -> Participant:
    """Create or reopen (after a withdrawal) one registration; the class row
    is locked by the caller."""
    status = _placed_status(
        training_class,
        needs_approval=training_class.requires_approval
        and source == Participant.Source.SELF,
    )
    values = {
        "status": status,
        "source": source,
        "registered_by": by,
        "attendance_mode": details.attendance_mode,
        "brings_young_child": details.brings_young_child,
        "needs_disability_support": details.needs_disability_support,
        "interpreter_language": details.interpreter_language.strip(),
        "accommodation_needs": details.accommodation_needs.strip(),
        "previous_training_year": details.previous_training_year,
        "consent_at": now,
        "confirmed_at": now if status == Participant.Status.CONFIRMED else None,
        "withdrawn_at": None,
    }
    existing = Participant.objects.filter(
        training_class=training_class, person=person
    ).first()
    if existing is not None:
        if existing.status != Participant.Status.WITHDRAWN:
            raise _already_message(existing)
        # Back after a withdrawal: at the end of the queue, as anyone new.
        for name, value in values.items():
            setattr(existing, name, value)
        existing.registered_at = now
        existing.save()
        participant = existing
    else:
        participant = Participant.objects.create(
            training_class=training_class, person=person, **values
        )
    participant.training_class = training_class
    if status == Participant.Status.CONFIRMED:
        _enrol_in_course(participant, by=by)
    return participant


def participant_register(
    *,
    training_class: TrainingClass,
    person: User,
    by: User,
    consent: bool,
    details: RegistrationDetails | None = None,
) -> Participant:
    """A learner registers themselves: confirmed, awaiting approval, or waiting.

    Refused (ValidationError, nothing saved) when the class does not take
    registrations now, without consent, or when the person is already
    registered; someone who withdrew may register again, at the end of the queue.
    """
    if by.pk != person.pk:
        raise PermissionDenied(REGISTER_NOT_ALLOWED)
    details = details or RegistrationDetails()
    if not consent:
        raise ValidationError({"consent": CONSENT_REQUIRED}, code="consent")
    _check_details(training_class, details)
    now = timezone.now()
    try:
        with transaction.atomic():
            locked = _locked(training_class)
            _check_class_takes_registrations(locked, now=now, self_service=True)
            participant = _place(
                locked,
                person=person,
                by=by,
                source=Participant.Source.SELF,
                details=details,
                now=now,
            )
    except IntegrityError as error:
        # Two clicks that passed the lock together cannot happen on one class
        # row; a unique-constraint clash is still answered kindly.
        existing = Participant.objects.filter(
            training_class=training_class, person=person
        ).first()
        if existing is None:
            raise
        raise _already_message(existing) from error
    return participant


def participants_register_bulk(
    *, training_class: TrainingClass, people: Iterable[User], by: User
) -> BulkRegistration:
    """A unit manager (or trainer, administrator) registers staff.

    Only people the registrant may see (people.access) are accepted: one
    outside their scope refuses the whole list, nothing saved. People already
    registered are left as they are. No approval step: the registrant decides.
    Consent is recorded at registration, as the unit registers its own staff
    for their work; people are placed in the order given.
    """
    if not by.has_perm(REGISTER_PERMISSION):
        raise PermissionDenied(REGISTER_NOT_ALLOWED)
    chosen = list(dict.fromkeys(people))
    if not chosen:
        raise ValidationError(NOBODY_CHOSEN)
    ids = [person.pk for person in chosen]
    in_scope = set(
        users_visible_to(user=by).filter(pk__in=ids).values_list("pk", flat=True)
    )
    if len(in_scope) != len(set(ids)):
        raise PermissionDenied(PEOPLE_OUT_OF_SCOPE)
    result = BulkRegistration()
    now = timezone.now()
    details = RegistrationDetails(
        attendance_mode=Participant.Mode.ONLINE
        if training_class.mode == TrainingClass.Mode.ONLINE
        else Participant.Mode.IN_PERSON
    )
    with transaction.atomic():
        locked = _locked(training_class)
        _check_class_takes_registrations(locked, now=now, self_service=False)
        for person in chosen:
            try:
                participant = _place(
                    locked,
                    person=person,
                    by=by,
                    source=Participant.Source.MANAGER,
                    details=details,
                    now=now,
                )
            except ValidationError:
                result.already.append(person)
                continue
            if participant.status == Participant.Status.CONFIRMED:
                result.confirmed.append(participant)
            else:
                result.waiting.append(participant)
    for participant in result.confirmed:
        _mail(participant, "participant_confirmed")
    return result


def _may_manage(by: User, participant: Participant) -> bool:
    return (
        by.has_perm(DECIDE_PERMISSION)
        and visible_to(by, Participant.objects.filter(pk=participant.pk)).exists()
    )


def participant_approve(*, participant: Participant, by: User) -> Participant:
    """A trainer of the class or a manager of its unit confirms a request."""
    if not _may_manage(by, participant):
        raise PermissionDenied(DECIDE_NOT_ALLOWED)
    with transaction.atomic():
        _locked(participant.training_class)
        updated = Participant.objects.filter(
            pk=participant.pk, status=Participant.Status.PENDING
        ).update(status=Participant.Status.CONFIRMED, confirmed_at=timezone.now())
        if not updated:
            raise ValidationError(NOT_PENDING)
        participant.refresh_from_db()
        _enrol_in_course(participant, by=by)
        _mail(participant, "participant_confirmed")
    return participant


def participant_reject(*, participant: Participant, by: User) -> Participant:
    """Refuse a request (or someone waiting); a freed place goes to the next
    person waiting."""
    if not _may_manage(by, participant):
        raise PermissionDenied(DECIDE_NOT_ALLOWED)
    with transaction.atomic():
        locked = _locked(participant.training_class)
        updated = Participant.objects.filter(
            pk=participant.pk,
            status__in=(Participant.Status.PENDING, Participant.Status.WAITING),
        ).update(status=Participant.Status.REJECTED)
        if not updated:
            raise ValidationError(NOT_PENDING)
        participant.refresh_from_db()
        _mail(participant, "participant_rejected")
        waiting_list_advance(training_class=locked, by=by)
    return participant


def participant_withdraw(*, participant: Participant, by: User) -> Participant:
    """The person (or the class's organisers) withdraws a registration; the
    first person waiting takes the freed place and is told by e-mail.

    The course enrolment, if any, stays: the online part remains theirs to finish.
    """
    if by.pk != participant.person_id and not _may_manage(by, participant):
        raise PermissionDenied(WITHDRAW_NOT_ALLOWED)
    with transaction.atomic():
        locked = _locked(participant.training_class)
        updated = Participant.objects.filter(
            pk=participant.pk, status__in=ACTIVE
        ).update(status=Participant.Status.WITHDRAWN, withdrawn_at=timezone.now())
        if not updated:
            raise ValidationError(NOT_ACTIVE)
        participant.refresh_from_db()
        if locked.status not in (
            TrainingClass.Status.FINISHED,
            TrainingClass.Status.CANCELLED,
        ):
            waiting_list_advance(training_class=locked, by=None)
    return participant


def waiting_list_advance(
    *, training_class: TrainingClass, by: User | None
) -> list[Participant]:
    """Move people up from the waiting list, in registration order, while
    there are free places; each is e-mailed. Call with the class row locked."""
    free = training_class.capacity - places_taken(training_class)
    if free <= 0:
        return []
    moved = list(
        Participant.objects.filter(
            training_class=training_class, status=Participant.Status.WAITING
        )
        .select_related("person", "training_class")
        .order_by("registered_at", "pk")[:free]
    )
    now = timezone.now()
    for participant in moved:
        # Self-registrations of an approval class move up to the approval step.
        pending = (
            training_class.requires_approval
            and participant.source == Participant.Source.SELF
        )
        participant.status = (
            Participant.Status.PENDING if pending else Participant.Status.CONFIRMED
        )
        participant.confirmed_at = None if pending else now
        participant.save(update_fields=["status", "confirmed_at"])
        if not pending:
            _enrol_in_course(participant, by=by)
        _mail(participant, "participant_moved_up", pending=pending)
    return moved
