"""A lesson that places a quiz: access, completion by passing, course completion."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments.access import may_take_quiz
from assessments.models import Attempt, Question
from assessments.services import attempts as quiz_services
from courses.models import Enrolment, LessonProgress
from courses.services import lesson_complete
from tests.factories.assessments import make_question, make_quiz
from tests.factories.courses import make_enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz_lesson(course_and_lessons):
    """The course's last lesson places a one-question quiz (pass mark 50 %)."""
    course, lessons = course_and_lessons
    quiz = make_quiz([make_question(Question.Type.TRUE_FALSE)])
    lesson = lessons[-1]
    lesson.quiz = quiz
    lesson.save_revision().publish()
    return lesson


def take(quiz, learner, value):
    attempt = quiz_services.attempt_start(quiz=quiz, learner=learner)
    quiz_services.attempt_answers_save(
        attempt=attempt, answers={1: {"value": value}}, sequence=attempt.sequence
    )
    return quiz_services.attempt_submit(attempt=attempt)


def test_only_the_course_learners_may_take_a_placed_quiz(
    quiz_lesson, course, learner, other_learner
):
    make_enrolment(learner, course)
    assert may_take_quiz(learner, quiz_lesson.quiz)
    assert not may_take_quiz(other_learner, quiz_lesson.quiz)


def test_lesson_page_links_to_its_quiz(client, quiz_lesson, course, learner):
    make_enrolment(learner, course)
    client.force_login(learner)
    html = client.get(quiz_lesson.url).content.decode()
    assert reverse("assessments:quiz", args=[quiz_lesson.quiz.pk]) in html
    assert 'id="lesson-complete-form"' not in html


def test_manual_completion_refused_for_quiz_lesson(quiz_lesson, course, learner):
    make_enrolment(learner, course)
    with pytest.raises(ValidationError):
        lesson_complete(learner=learner, lesson=quiz_lesson)
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def test_failing_leaves_the_lesson_open_and_passing_completes_it(
    quiz_lesson, course, learner, django_capture_on_commit_callbacks
):
    enrolment = make_enrolment(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        take(quiz_lesson.quiz, learner, False)
    assert not LessonProgress.objects.filter(
        lesson=quiz_lesson, completed_at__isnull=False
    ).exists()
    with django_capture_on_commit_callbacks(execute=True):
        take(quiz_lesson.quiz, learner, True)
    progress = LessonProgress.objects.get(lesson=quiz_lesson, enrolment=enrolment)
    assert progress.completed_at is not None
    enrolment.refresh_from_db()
    assert enrolment.progress == pytest.approx(0.25)


def test_course_completes_only_with_its_quiz_passed(
    quiz_lesson,
    course_and_lessons,
    learner,
    django_capture_on_commit_callbacks,
    settings,
):
    settings.COURSES_LESSON_TIME_SHARE = 0
    course, lessons = course_and_lessons
    enrolment = make_enrolment(learner, course)
    for lesson in lessons[:-1]:
        lesson_complete(learner=learner, lesson=lesson)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACTIVE
    with django_capture_on_commit_callbacks(execute=True):
        take(quiz_lesson.quiz, learner, True)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED


# --- Issue 9: a learner not enrolled is told to enrol, when the course is theirs to see


def quiz_url(lesson):
    return reverse("assessments:quiz", args=[lesson.quiz.pk])


def test_not_enrolled_learner_is_told_to_enrol_with_a_link(
    client, quiz_lesson, course, other_learner
):
    client.force_login(other_learner)
    for response in (
        client.get(quiz_url(quiz_lesson)),
        client.post(reverse("assessments:start", args=[quiz_lesson.quiz.pk])),
    ):
        assert response.status_code == 403
        html = response.content.decode()
        assert f"Hãy ghi danh khóa học “{course.title}” trước" in html
        assert f'href="{course.url}"' in html
    assert not Attempt.objects.exists()


def test_enrolled_learner_takes_the_quiz(client, quiz_lesson, course, learner):
    make_enrolment(learner, course)
    client.force_login(learner)
    assert client.get(quiz_url(quiz_lesson)).status_code == 200
    started = client.post(reverse("assessments:start", args=[quiz_lesson.quiz.pk]))
    assert started.status_code == 302
    assert Attempt.objects.filter(learner=learner).count() == 1


def test_unpublished_course_gives_a_bare_not_found(
    client, quiz_lesson, course, other_learner
):
    course.unpublish()
    # The lesson stays live on its own if a trainer republishes only it.
    quiz_lesson.refresh_from_db()
    quiz_lesson.save_revision().publish()
    client.force_login(other_learner)
    response = client.get(quiz_url(quiz_lesson))
    assert response.status_code == 404
    assert course.title not in response.content.decode()


def test_restricted_course_gives_a_bare_not_found(
    client, quiz_lesson, course, other_learner
):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Cán bộ tư pháp"))
    client.force_login(other_learner)
    response = client.get(quiz_url(quiz_lesson))
    assert response.status_code == 404
    assert course.title not in response.content.decode()

    other_learner.groups.add(restriction.groups.get())
    assert client.get(quiz_url(quiz_lesson)).status_code == 403


def test_anonymous_is_sent_to_login_for_a_placed_quiz(client, quiz_lesson):
    response = client.get(quiz_url(quiz_lesson))
    assert response.status_code == 302 and "/accounts/login" in response.url


def test_english_learner_reads_the_enrol_message_in_english(
    client, quiz_lesson, course, other_learner
):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(other_learner)
    html = client.get(quiz_url(quiz_lesson)).content.decode()
    assert f"Enrol in the course “{course.title}” first" in html
    assert "Go to the course" in html
