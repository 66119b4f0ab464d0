"""Issuing certificates exactly once, numbering them, rendering their PDF.

A certificate is earned per learner and course or class, under the course's or
class's `CertificateRule`. Issuing is exactly once however many workers run it
and however often a task is redelivered:

- the in-force certificate is looked up first, then again after the issuing
  body's register counter is locked (select_for_update): issuers of one body
  queue on that lock, so the second one finds the first's certificate;
- the partial unique constraints (one certificate not "replaced" per holder and
  course or class) stand behind that; an IntegrityError means another issuer
  won, and its certificate is returned;
- the register number comes from the locked counter, so numbers run without
  gaps or repeats per body and year ("015/GCN-SNV").

Everything the certificate prints is frozen on it at issue. The PDF is written
after the row has committed, to a temporary file beside its final name and
moved into place (os.replace), so a worker killed mid-render leaves no PDF (or
the previous one) and a redelivered task writes the one PDF.
"""

import datetime as dt
import logging
import os
from decimal import Decimal
from pathlib import Path

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from assessments.models import Quiz
from assessments.selectors import quiz_final_grade, quiz_passed_by
from certificates.models import (
    Certificate,
    CertificateCounter,
    CertificateRule,
)
from certificates.placeholders import format_register_number, validate_body
from certificates.signals import certificate_issued
from courses.models import CoursePage, Enrolment
from courses.services.mail import mail_user
from people.access import users_visible_to, visible_to
from people.models import User
from training.models import Participant, TrainingClass

logger = logging.getLogger("certificates")

NOT_EARNED = _("%(name)s has not earned a certificate for “%(subject)s” yet.")
RULE_INACTIVE = _("Certificates are not issued automatically for “%(subject)s”.")
ISSUE_NOT_ALLOWED = _("You cannot issue certificates.")
HOLDER_OUT_OF_SCOPE = _("This person is outside the units you manage.")
CHANGE_NOT_ALLOWED = _("You cannot revoke or re-issue this certificate.")
REASON_REQUIRED = _("Give the reason for revoking the certificate.")
NOT_VALID = _("Only a valid certificate can be revoked.")
ALREADY_REPLACED = _("This certificate has already been replaced by %(number)s.")

ISSUE_PERMISSION = "certificates.add_certificate"
CHANGE_PERMISSION = "certificates.change_certificate"
PDF_FOLDER = "certificates"


# --- Reads --------------------------------------------------------------------


def _subject_filter(rule: CertificateRule) -> Q:
    if rule.course_id is not None:
        return Q(course_id=rule.course_id)
    return Q(training_class_id=rule.training_class_id)


def certificate_in_force(*, rule: CertificateRule, holder: User) -> Certificate | None:
    """The holder's valid or revoked certificate for the rule's course or class."""
    return (
        Certificate.objects.filter(_subject_filter(rule), holder=holder)
        .exclude(status=Certificate.Status.REPLACED)
        .first()
    )


def certificate_rule_for(
    *, course_id: int | None = None, training_class_id: int | None = None
) -> CertificateRule | None:
    """The active rule of a course or a class, if it has one."""
    rules = CertificateRule.objects.filter(is_active=True).select_related(
        "template", "template__issuing_body", "quiz"
    )
    if course_id is not None:
        return rules.filter(course_id=course_id).first()
    return rules.filter(training_class_id=training_class_id).first()


def certificates_managed_by(*, user: User) -> QuerySet[Certificate]:
    """The certificates this person may see in the admin (people.access)."""
    return visible_to(user, Certificate.objects.all())


def _rule_subject(rule: CertificateRule) -> CoursePage | TrainingClass:
    subject = rule.course if rule.course_id is not None else rule.training_class
    assert subject is not None  # the rule's check constraint  # noqa: S101
    return subject


def _rule_quiz(rule: CertificateRule) -> Quiz | None:
    """The quiz whose grade is the certificate's score: the rule's own, else the
    class's post-test."""
    if rule.quiz_id is not None:
        return rule.quiz
    if rule.training_class_id is not None and rule.training_class is not None:
        return rule.training_class.post_test
    return None


def _completion(rule: CertificateRule, holder: User) -> Enrolment | Participant | None:
    """The holder's completed enrolment or participation, or None."""
    if rule.course_id is not None:
        return Enrolment.objects.filter(
            learner=holder, course_id=rule.course_id, status=Enrolment.Status.COMPLETED
        ).first()
    return Participant.objects.filter(
        person=holder,
        training_class_id=rule.training_class_id,
        completed_at__isnull=False,
    ).first()


def certificate_score(*, rule: CertificateRule, holder: User) -> Decimal | None:
    """The score a certificate is graded by: the final quiz's grade (the rule's
    quiz, or the class's post-test), as a percentage; None when there is none."""
    quiz = _rule_quiz(rule)
    if quiz is None:
        return None
    return quiz_final_grade(quiz=quiz, learner=holder)


def certificate_earned(*, rule: CertificateRule, holder: User) -> bool:
    """Whether the holder meets the rule's condition: the course or class
    completed, and the minimum score or the post-test where the rule says so."""
    if _completion(rule, holder) is None:
        return False
    condition = rule.condition
    quiz = _rule_quiz(rule)
    if condition == CertificateRule.Condition.MIN_QUIZ_SCORE:
        score = certificate_score(rule=rule, holder=holder)
        return score is not None and score >= (rule.min_score or Decimal(0))
    if condition == CertificateRule.Condition.POST_TEST_PASSED:
        return quiz is not None and quiz_passed_by(quiz=quiz, learner=holder)
    return True


def certificate_grade(*, grade_bands: list[list[object]], score: Decimal | None) -> str:
    """The grade of the highest band whose threshold the score reaches ("" without
    a score or bands). Bands are [[threshold, grade], ...]."""
    if score is None:
        return ""
    grade = ""
    for threshold, name in sorted(
        ((Decimal(str(band[0])), str(band[1])) for band in grade_bands),
        key=lambda band: band[0],
    ):
        if score >= threshold:
            grade = name
    return grade


# --- Freezing -------------------------------------------------------------------


def _local_date(value: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(value) if value is not None else None


def _class_hours(training_class: TrainingClass) -> Decimal | None:
    """The hours of the class's sessions, added up."""
    minutes = 0
    for session in training_class.sessions.all():
        start = dt.datetime.combine(session.date, session.starts_at)
        end = dt.datetime.combine(session.date, session.ends_at)
        minutes += max(0, int((end - start).total_seconds() // 60))
    if not minutes:
        return None
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def _frozen_fields(
    rule: CertificateRule, holder: User, score: Decimal | None
) -> dict[str, object]:
    """What the certificate prints, copied now so later edits never change it."""
    organisation = holder.organisation or holder.unit
    fields: dict[str, object] = {
        "full_name": holder.full_name or holder.get_username(),
        "date_of_birth": holder.date_of_birth,
        "position": holder.position,
        "organisation_name": organisation.name if organisation is not None else "",
        "score": score,
        "grade": certificate_grade(grade_bands=rule.grade_bands or [], score=score),
    }
    if rule.training_class_id is not None:
        training_class = rule.training_class
        assert training_class is not None  # noqa: S101
        fields.update(
            subject_title=training_class.title,
            starts_on=training_class.starts_on,
            ends_on=training_class.ends_on,
            place=training_class.venue or training_class.unit.name,
            hours=_class_hours(training_class),
        )
    else:
        course = rule.course
        assert course is not None  # noqa: S101
        enrolment = Enrolment.objects.filter(learner=holder, course=course).first()
        # Printed in the certificate's language, whoever's request issues it.
        with translation.override(settings.LANGUAGE_CODE):
            place = str(_("online"))
        fields.update(
            subject_title=course.title,
            starts_on=_local_date(enrolment.enrolled_at) if enrolment else None,
            ends_on=_local_date(enrolment.completed_at) if enrolment else None,
            place=place,
            hours=course.estimated_hours,
        )
    return fields


def _valid_until(rule: CertificateRule, issued_on: dt.date) -> dt.date | None:
    if not rule.validity_months:
        return None
    result: dt.date = issued_on + relativedelta(months=rule.validity_months)
    return result


# --- Issuing --------------------------------------------------------------------


def _lock_counter(rule: CertificateRule, year: int) -> CertificateCounter:
    """The body's register counter for the year, locked until the caller's
    transaction ends: issuers of one body queue here."""
    counter, _created = CertificateCounter.objects.select_for_update().get_or_create(
        issuing_body=rule.template.issuing_body, year=year
    )
    return counter


def _next_number(*, rule: CertificateRule, year: int) -> tuple[int, str]:
    """The next sequence and number in the body's register for the year."""
    body = rule.template.issuing_body
    counter = _lock_counter(rule, year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    number = format_register_number(
        body.number_pattern, number=counter.last_number, year=year, code=body.code
    )
    return counter.last_number, number


def _create(
    *,
    rule: CertificateRule,
    holder: User,
    by: User | None,
    score: Decimal | None,
    issued_on: dt.date,
    frozen: dict[str, object] | None = None,
) -> Certificate:
    """Number and store one certificate; must run inside a transaction."""
    sequence, number = _next_number(rule=rule, year=issued_on.year)
    values = _frozen_fields(rule, holder, score)
    if frozen:
        values.update(frozen)
    return Certificate.objects.create(
        holder=holder,
        rule=rule,
        course_id=rule.course_id,
        training_class_id=rule.training_class_id,
        issuing_body=rule.template.issuing_body,
        year=issued_on.year,
        sequence=sequence,
        number=number,
        issued_on=issued_on,
        valid_until=_valid_until(rule, issued_on),
        issued_by=by,
        **values,
    )


def _after_issue(certificate: Certificate) -> None:
    """Once committed: render the PDF, tell the learner, tell whoever listens."""
    from certificates.tasks import render_certificate_pdf_task

    render_certificate_pdf_task.delay_on_commit(certificate.pk)
    holder = certificate.holder
    mail_user(
        user=holder,
        template_prefix="certificates/emails/certificate_issued",
        context=lambda: {
            "name": certificate.full_name,
            "title": certificate.subject_title,
            "number": certificate.number,
            "issued_on": date_format(certificate.issued_on, "d/m/Y"),
            "dashboard_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            + reverse("courses:dashboard"),
        },
    )
    transaction.on_commit(
        lambda: certificate_issued.send(sender=Certificate, certificate=certificate)
    )


def certificate_issue(
    *,
    rule: CertificateRule,
    holder: User,
    by: User | None = None,
    issued_on: dt.date | None = None,
) -> Certificate:
    """The holder's certificate for the rule's course or class, issued exactly once.

    Automatic issuing (`by` None) needs the rule active and its condition met.
    An administrator (`by`) issues whatever the condition, within their scope.
    A certificate already in force is returned as it is. `issued_on` (today by
    default) enters a certificate issued earlier in that year's register.
    """
    if by is not None:
        if not by.has_perm(ISSUE_PERMISSION):
            raise PermissionDenied(ISSUE_NOT_ALLOWED)
        if not users_visible_to(user=by).filter(pk=holder.pk).exists():
            raise PermissionDenied(HOLDER_OUT_OF_SCOPE)
    existing = certificate_in_force(rule=rule, holder=holder)
    if existing is not None:
        return existing
    subject = _rule_subject(rule)
    if by is None:
        if not rule.is_active:
            raise ValidationError(
                RULE_INACTIVE, code="rule_inactive", params={"subject": subject.title}
            )
        if not certificate_earned(rule=rule, holder=holder):
            raise ValidationError(
                NOT_EARNED,
                code="not_earned",
                params={"name": holder.full_name, "subject": subject.title},
            )
    # A template with a broken placeholder issues nothing.
    validate_body(rule.template.body)
    score = certificate_score(rule=rule, holder=holder)
    issued_on = issued_on or timezone.localdate()
    year = issued_on.year
    # Created beforehand, so that the lock below always has a row to hold.
    CertificateCounter.objects.get_or_create(
        issuing_body=rule.template.issuing_body, year=year
    )
    try:
        with transaction.atomic():
            # The loser of a race waits here and then finds the winner's certificate.
            _lock_counter(rule, year)
            existing = certificate_in_force(rule=rule, holder=holder)
            if existing is not None:
                return existing
            certificate = _create(
                rule=rule, holder=holder, by=by, score=score, issued_on=issued_on
            )
            _after_issue(certificate)
    except IntegrityError:
        existing = certificate_in_force(rule=rule, holder=holder)
        if existing is None:
            raise
        return existing
    logger.info("certificate %s issued to user %s", certificate.number, holder.pk)
    return certificate


def certificate_issue_earned(
    *,
    holder_id: int,
    course_id: int | None = None,
    training_class_id: int | None = None,
) -> Certificate | None:
    """Issue automatically when the course or class has an active rule and the
    learner earned it (a completion signal's task); None otherwise."""
    rule = certificate_rule_for(
        course_id=course_id, training_class_id=training_class_id
    )
    holder = User.objects.filter(pk=holder_id).first()
    if rule is None or holder is None:
        return None
    try:
        certificate = certificate_issue(rule=rule, holder=holder)
    except ValidationError as error:
        if error.code in ("not_earned", "rule_inactive"):
            return None
        raise
    if not certificate.pdf:
        # A redelivered task whose first run died between the commit and
        # queueing the PDF: queue it again (rendering is idempotent).
        from certificates.tasks import render_certificate_pdf_task

        render_certificate_pdf_task.delay_on_commit(certificate.pk)
    return certificate


# --- Revoking and re-issuing -------------------------------------------------------


def _check_may_change(certificate: Certificate, by: User) -> None:
    if not by.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied(CHANGE_NOT_ALLOWED)
    if not certificates_managed_by(user=by).filter(pk=certificate.pk).exists():
        raise PermissionDenied(CHANGE_NOT_ALLOWED)


@transaction.atomic
def certificate_revoke(
    *, certificate: Certificate, by: User, reason: str
) -> Certificate:
    """Revoke a valid certificate, with the reason; verification shows it revoked."""
    _check_may_change(certificate, by)
    reason = reason.strip()
    if not reason:
        raise ValidationError(REASON_REQUIRED, code="reason_required")
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.status != Certificate.Status.VALID:
        raise ValidationError(NOT_VALID, code="not_valid")
    locked.status = Certificate.Status.REVOKED
    locked.revoked_at = timezone.now()
    locked.revoked_by = by
    locked.revocation_reason = reason
    locked.save(
        update_fields=["status", "revoked_at", "revoked_by", "revocation_reason"]
    )
    return locked


def certificate_reissue(*, certificate: Certificate, by: User) -> Certificate:
    """A new certificate under a new number, with the holder's details as they
    are now (a corrected name); the old one shows as replaced by it. Its score,
    result and grade are carried over."""
    _check_may_change(certificate, by)
    with transaction.atomic():
        rule = CertificateRule.objects.select_related(
            "template", "template__issuing_body", "course", "training_class"
        ).get(pk=certificate.rule_id)
        validate_body(rule.template.body)
        today = timezone.localdate()
        _lock_counter(rule, today.year)
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if old.status == Certificate.Status.REPLACED:
            number = old.replaced_by.number if old.replaced_by else ""
            raise ValidationError(
                ALREADY_REPLACED, code="replaced", params={"number": number}
            )
        old.status = Certificate.Status.REPLACED
        old.save(update_fields=["status"])
        new = _create(
            rule=rule,
            holder=old.holder,
            by=by,
            score=old.score,
            issued_on=today,
            frozen={"result": old.result, "grade": old.grade},
        )
        old.replaced_by = new
        old.save(update_fields=["replaced_by"])
        _after_issue(new)
    return new


# --- The PDF ----------------------------------------------------------------------


def certificate_pdf_name(certificate: Certificate) -> str:
    """Where the certificate's PDF lives in private storage: one name per
    certificate, so rendering again replaces it rather than adding one."""
    return f"{PDF_FOLDER}/{certificate.year}/certificate-{certificate.pk}.pdf"


def certificate_render_pdf(*, certificate: Certificate, force: bool = False) -> str:
    """Render the certificate's PDF into private storage unless it is there
    already (or `force`); returns its storage name. Idempotent.

    The bytes go to a temporary file beside the final one, flushed to disk, then
    moved into place with os.replace (atomic on one file system): a reader never
    sees half a PDF and a crash mid-render leaves no stray certificate.
    """
    from certificates.rendering import certificate_pdf

    storage = Certificate._meta.get_field("pdf").storage
    name = certificate_pdf_name(certificate)
    final = Path(storage.path(name))
    if not force and certificate.pdf.name == name and final.exists():
        return name
    content = certificate_pdf(certificate)
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(final.name + ".part")
    with open(partial, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, final)
    if certificate.pdf.name != name:
        Certificate.objects.filter(pk=certificate.pk).update(pdf=name)
        certificate.pdf.name = name
    return name
