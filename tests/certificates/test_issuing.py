"""Issuing certificates: exactly once, numbered per body and year, frozen,
graded, rendered once; revoking, re-issuing and manual issue."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assessments.models import Attempt
from certificates.models import Certificate, CertificateCounter, CertificateRule
from certificates.services import issuing as svc
from certificates.tasks import issue_certificate_task, render_certificate_pdf_task
from courses.models import Enrolment
from courses.signals import course_completed
from tests.factories.assessments import make_quiz
from tests.factories.certificates import make_rule
from tests.factories.courses import make_course, make_enrolment
from tests.factories.training import make_participant, make_session
from training.models import Participant
from training.signals import class_completed

pytestmark = pytest.mark.django_db


def complete(participant):
    participant.completed_at = timezone.now()
    participant.save(update_fields=["completed_at"])
    return participant


@pytest.fixture
def completed(participant, training_class):
    make_session(training_class)  # 08:00-11:30
    return complete(participant)


def pdf_files():
    folder = Path(settings.PRIVATE_UPLOADS_ROOT) / "certificates"
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


def graded_attempt(quiz, person, score):
    return Attempt.objects.create(
        quiz=quiz,
        learner=person,
        number=Attempt.objects.filter(quiz=quiz, learner=person).count() + 1,
        state=Attempt.State.GRADED,
        score=Decimal(score),
        max_score=Decimal(10),
    )


# --- Issuing ----------------------------------------------------------------------


def test_issue_numbers_freezes_renders_and_mails(
    class_rule, completed, learner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = svc.certificate_issue(rule=class_rule, holder=learner)
    certificate.refresh_from_db()
    year = timezone.localdate().year
    assert certificate.number == "001/GCN-SNV"
    assert (certificate.year, certificate.sequence) == (year, 1)
    assert certificate.full_name == learner.full_name
    assert certificate.subject_title == "Tập huấn Luật BĐG"
    assert certificate.place == "Hội trường UBND xã"
    assert certificate.hours == Decimal("3.50")
    assert certificate.issued_by is None
    assert certificate.valid_until is None
    assert certificate.status == Certificate.Status.VALID
    assert len(certificate.verification_code) >= 32
    assert (
        certificate.pdf.name == f"certificates/{year}/certificate-{certificate.pk}.pdf"
    )
    assert Path(certificate.pdf.path).read_bytes().startswith(b"%PDF")
    assert pdf_files() == [f"certificate-{certificate.pk}.pdf"]
    assert [m.to for m in mailoutbox] == [[learner.email]]
    assert certificate.number in mailoutbox[0].body


def test_issuing_again_returns_the_same_certificate(class_rule, completed, learner):
    first = svc.certificate_issue(rule=class_rule, holder=learner)
    again = svc.certificate_issue(rule=class_rule, holder=learner)
    assert again.pk == first.pk
    assert Certificate.objects.count() == 1
    assert CertificateCounter.objects.get().last_number == 1


def test_numbers_run_per_body_and_year(
    class_rule, completed, learner, other_learner, training_class
):
    complete(make_participant(training_class, other_learner))
    first = svc.certificate_issue(rule=class_rule, holder=learner)
    second = svc.certificate_issue(rule=class_rule, holder=other_learner)
    assert [first.number, second.number] == ["001/GCN-SNV", "002/GCN-SNV"]


def test_number_pattern_with_year(class_rule, completed, learner, issuing_body):
    issuing_body.number_pattern = "{number:04d}/{year}/GCN-{code}"
    issuing_body.save()
    certificate = svc.certificate_issue(rule=class_rule, holder=learner)
    assert certificate.number == f"0001/{timezone.localdate().year}/GCN-SNV"


def test_a_certificate_issued_earlier_goes_in_that_years_register(
    class_rule, completed, learner, other_learner, training_class, issuing_body
):
    issuing_body.number_pattern = "{number:03d}/{year}/GCN-{code}"
    issuing_body.save()
    earlier = svc.certificate_issue(
        rule=class_rule, holder=learner, issued_on=dt.date(2022, 11, 9)
    )
    complete(make_participant(training_class, other_learner))
    today = svc.certificate_issue(rule=class_rule, holder=other_learner)
    assert (earlier.year, earlier.number) == (2022, "001/2022/GCN-SNV")
    assert earlier.issued_on == dt.date(2022, 11, 9)
    assert today.number == f"001/{timezone.localdate().year}/GCN-SNV"


def test_not_completed_is_not_issued(class_rule, participant, learner):
    with pytest.raises(ValidationError) as error:
        svc.certificate_issue(rule=class_rule, holder=learner)
    assert error.value.code == "not_earned"
    assert not Certificate.objects.exists()


def test_inactive_rule_issues_nothing_automatically(class_rule, completed, learner):
    class_rule.is_active = False
    class_rule.save()
    with pytest.raises(ValidationError) as error:
        svc.certificate_issue(rule=class_rule, holder=learner)
    assert error.value.code == "rule_inactive"
    assert not Certificate.objects.exists()


def test_a_broken_placeholder_issues_nothing(class_rule, completed, learner, template):
    template.body = "Ông/Bà: {full_name} {fullname}"
    template.save()
    with pytest.raises(ValidationError, match="fullname"):
        svc.certificate_issue(rule=class_rule, holder=learner)
    assert not Certificate.objects.exists()
    assert not CertificateCounter.objects.filter(last_number__gt=0).exists()


def test_the_certificate_keeps_what_it_certified(
    class_rule, completed, learner, training_class
):
    certificate = svc.certificate_issue(rule=class_rule, holder=learner)
    learner.full_name = "Tên Đã Đổi"
    learner.save()
    training_class.title = "Tên lớp mới"
    training_class.save()
    certificate.refresh_from_db()
    assert certificate.full_name != "Tên Đã Đổi"
    assert certificate.subject_title == "Tập huấn Luật BĐG"


def test_grade_bands_and_minimum_score(
    training_class, template, completed, learner, other_learner
):
    quiz = make_quiz()
    rule = make_rule(
        training_class=training_class,
        template=template,
        condition=CertificateRule.Condition.MIN_QUIZ_SCORE,
        quiz=quiz,
        min_score=Decimal(50),
        grade_bands=[[0, "Đạt"], [70, "Khá"], [85, "Giỏi"]],
        validity_months=24,
    )
    graded_attempt(quiz, learner, 8)
    certificate = svc.certificate_issue(rule=rule, holder=learner)
    assert (certificate.score, certificate.grade) == (Decimal("80.00"), "Khá")
    assert certificate.valid_until == certificate.issued_on + relativedelta(months=24)

    complete(make_participant(training_class, other_learner))
    graded_attempt(quiz, other_learner, 4)
    with pytest.raises(ValidationError) as error:
        svc.certificate_issue(rule=rule, holder=other_learner)
    assert error.value.code == "not_earned"


def test_certificate_grade_bands():
    bands = [[0, "Đạt"], [70, "Khá"], [85, "Giỏi"]]
    grade = svc.certificate_grade
    assert grade(grade_bands=bands, score=Decimal("69.99")) == "Đạt"
    assert grade(grade_bands=bands, score=Decimal(70)) == "Khá"
    assert grade(grade_bands=bands, score=Decimal(100)) == "Giỏi"
    assert grade(grade_bands=bands, score=None) == ""
    assert grade(grade_bands=[], score=Decimal(90)) == ""


def test_post_test_passed(commune_a, template, learner, trainer):
    from tests.factories.training import make_training_class

    post = make_quiz(pass_percentage=Decimal(50))
    training_class = make_training_class(commune_a, trainers=[trainer], post_test=post)
    rule = make_rule(
        training_class=training_class,
        template=template,
        condition=CertificateRule.Condition.POST_TEST_PASSED,
        grade_bands=[[0, "Đạt"], [85, "Giỏi"]],
    )
    complete(make_participant(training_class, learner))
    graded_attempt(post, learner, 3)
    assert not svc.certificate_earned(rule=rule, holder=learner)
    graded_attempt(post, learner, 9)
    certificate = svc.certificate_issue(rule=rule, holder=learner)
    assert certificate.grade == "Giỏi"


def test_course_certificate(course_index, template, learner):
    course = make_course(course_index, title="Khóa K1", estimated_hours=Decimal(8))
    rule = make_rule(course=course, template=template)
    enrolment = make_enrolment(learner, course)
    with pytest.raises(ValidationError):
        svc.certificate_issue(rule=rule, holder=learner)
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.completed_at = timezone.now()
    enrolment.save()
    certificate = svc.certificate_issue(rule=rule, holder=learner)
    assert certificate.subject_title == "Khóa K1"
    assert certificate.hours == Decimal(8)
    assert certificate.place == "trực tuyến"
    assert certificate.ends_on == timezone.localdate()


# --- Tasks and signals ---------------------------------------------------------------


def test_class_completed_issues_by_celery_once(
    class_rule, completed, learner, mailoutbox, django_capture_on_commit_callbacks
):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            class_completed.send(sender=Participant, participant=completed)
    certificate = Certificate.objects.get()
    assert certificate.holder == learner
    assert pdf_files() == [f"certificate-{certificate.pk}.pdf"]
    assert len(mailoutbox) == 1


def test_course_completed_issues(
    course_index, template, learner, django_capture_on_commit_callbacks
):
    course = make_course(course_index)
    make_rule(course=course, template=template)
    enrolment = make_enrolment(
        learner, course, status=Enrolment.Status.COMPLETED, completed_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        course_completed.send(sender=Enrolment, enrolment=enrolment)
    assert callbacks
    assert Certificate.objects.get().course_id == course.pk


def test_completion_without_a_rule_queues_nothing(
    participant, django_capture_on_commit_callbacks
):
    complete(participant)
    with django_capture_on_commit_callbacks() as callbacks:
        class_completed.send(sender=Participant, participant=participant)
    assert callbacks == []


def test_the_task_run_twice_issues_one_certificate_and_one_pdf(
    class_rule,
    completed,
    learner,
    training_class,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        first = issue_certificate_task(learner.pk, training_class_id=training_class.pk)
    with django_capture_on_commit_callbacks(execute=True):
        second = issue_certificate_task(learner.pk, training_class_id=training_class.pk)
    render_certificate_pdf_task(first)
    assert first == second
    assert Certificate.objects.count() == 1
    assert pdf_files() == [f"certificate-{first}.pdf"]
    assert len(mailoutbox) == 1


def test_a_redelivered_task_renders_a_pdf_the_first_run_never_queued(
    class_rule, completed, learner, training_class, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        # The worker dies after the commit, before anything queued ran.
        certificate = svc.certificate_issue(rule=class_rule, holder=learner)
    assert pdf_files() == []
    with django_capture_on_commit_callbacks(execute=True):
        issue_certificate_task(learner.pk, training_class_id=training_class.pk)
    assert pdf_files() == [f"certificate-{certificate.pk}.pdf"]
    assert Certificate.objects.count() == 1


def test_the_task_for_a_learner_who_did_not_earn_it_does_nothing(
    class_rule, participant, learner, training_class
):
    assert (
        issue_certificate_task(learner.pk, training_class_id=training_class.pk) is None
    )
    assert not Certificate.objects.exists()


def test_a_render_killed_mid_way_leaves_one_pdf_after_the_retry(
    class_rule, completed, learner, monkeypatch
):
    certificate = svc.certificate_issue(rule=class_rule, holder=learner)
    real_fsync = svc.os.fsync
    calls = []

    def dying_fsync(fd):
        calls.append(fd)
        if len(calls) == 1:
            raise OSError("worker killed")
        real_fsync(fd)

    monkeypatch.setattr(svc.os, "fsync", dying_fsync)
    with pytest.raises(OSError):
        svc.certificate_render_pdf(certificate=certificate)
    certificate.refresh_from_db()
    assert not certificate.pdf  # no PDF recorded, only the partial file
    name = svc.certificate_render_pdf(certificate=Certificate.objects.get())
    assert pdf_files() == [f"certificate-{certificate.pk}.pdf"]
    assert Certificate.objects.count() == 1
    assert Certificate.objects.get().pdf.name == name
    # Rendering again is a no-op.
    monkeypatch.setattr(
        "certificates.rendering.certificate_pdf",
        lambda c: pytest.fail("rendered twice"),
    )
    assert svc.certificate_render_pdf(certificate=Certificate.objects.get()) == name


# --- Manual issue, revoking, re-issuing ------------------------------------------------


def test_an_administrator_issues_manually(
    class_rule, participant, learner, administrator
):
    certificate = svc.certificate_issue(
        rule=class_rule, holder=learner, by=administrator
    )
    assert certificate.issued_by == administrator


@pytest.mark.parametrize("who", ["learner", "trainer", "unit_manager"])
def test_others_cannot_issue_manually(class_rule, participant, learner, who, request):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        svc.certificate_issue(rule=class_rule, holder=learner, by=user)
    assert not Certificate.objects.exists()


def test_revoke(class_rule, completed, learner, administrator):
    certificate = svc.certificate_issue(rule=class_rule, holder=learner)
    with pytest.raises(ValidationError) as error:
        svc.certificate_revoke(certificate=certificate, by=administrator, reason="  ")
    assert error.value.code == "reason_required"
    revoked = svc.certificate_revoke(
        certificate=certificate, by=administrator, reason="Cấp nhầm"
    )
    assert revoked.status == Certificate.Status.REVOKED
    assert (revoked.revoked_by, revoked.revocation_reason) == (
        administrator,
        "Cấp nhầm",
    )
    with pytest.raises(ValidationError) as error:
        svc.certificate_revoke(certificate=revoked, by=administrator, reason="x")
    assert error.value.code == "not_valid"
    # A revoked certificate stays in force: it is not issued again.
    assert svc.certificate_issue(rule=class_rule, holder=learner).pk == certificate.pk


@pytest.mark.parametrize("who", ["learner", "trainer", "unit_manager"])
def test_others_cannot_revoke_or_reissue(class_rule, completed, learner, who, request):
    user = request.getfixturevalue(who)
    certificate = svc.certificate_issue(rule=class_rule, holder=learner)
    with pytest.raises(PermissionDenied):
        svc.certificate_revoke(certificate=certificate, by=user, reason="x")
    with pytest.raises(PermissionDenied):
        svc.certificate_reissue(certificate=certificate, by=user)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    assert Certificate.objects.count() == 1


def test_reissue_gives_a_new_number_and_marks_the_old_replaced(
    class_rule, completed, learner, administrator, django_capture_on_commit_callbacks
):
    old = svc.certificate_issue(rule=class_rule, holder=learner)
    learner.full_name = "Nguyễn Thị Hồng Nhung"
    learner.save()
    with django_capture_on_commit_callbacks(execute=True):
        new = svc.certificate_reissue(certificate=old, by=administrator)
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.status == Certificate.Status.REPLACED
    assert old.replaced_by == new
    assert new.number == "002/GCN-SNV"
    assert new.full_name == "Nguyễn Thị Hồng Nhung"
    assert new.issued_by == administrator
    assert new.verification_code != old.verification_code
    assert new.pdf.name.endswith(f"certificate-{new.pk}.pdf")
    with pytest.raises(ValidationError) as error:
        svc.certificate_reissue(certificate=old, by=administrator)
    assert error.value.code == "replaced"
    assert svc.certificate_in_force(rule=class_rule, holder=learner) == new
