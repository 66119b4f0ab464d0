"""Records of every kind about a person, for the personal-data tests."""

import datetime as dt

from assessments.models import Question
from assessments.services import attempts as attempt_services
from content_pages.models import ResourceBookmark, ResourceDownload
from courses.models import LessonProgress
from tests.content_pages.library_builders import make_library, make_resource
from tests.factories.assessments import make_question, make_quiz
from tests.factories.certificates import make_certificate, make_rule
from tests.factories.courses import make_course_tree, make_enrolment
from tests.factories.training import (
    make_mark,
    make_participant,
    make_session,
    make_training_class,
)

ESSAY = "Tôi là Nguyễn Thị Bí Mật, ở thôn Ba, có hai con nhỏ."


def give_records(person, course_index, *, tag="A", classes=1):
    """An enrolment with progress, a graded attempt with an essay, `classes`
    class registrations with a mark each, and a certificate."""
    course, lessons = make_course_tree(
        course_index, title=f"Khoá {tag}", slug=f"khoa-{tag.lower()}"
    )
    enrolment = make_enrolment(person, course)
    LessonProgress.objects.create(enrolment=enrolment, lesson=lessons[0])
    choice = make_question()
    essay = make_question(Question.Type.ESSAY)
    quiz = make_quiz([choice, essay], open_to_all=True, title=f"Bài {tag}")
    attempt = attempt_services.attempt_start(quiz=quiz, learner=person)
    for question in attempt.questions.select_related("question_version__question"):
        if question.question_version.question.question_type == Question.Type.ESSAY:
            question.response = {"text": ESSAY}
            question.grader_comment = "Bài viết tốt, chị Bí Mật."
        else:
            question.response = {"choice": "b"}
        question.save()
    attempt_services.attempt_submit(attempt=attempt)
    participants = []
    for number in range(classes):
        training_class = make_training_class(
            code=f"K-{tag}-{number}",
            title=f"Lớp {tag} {number}",
            starts_on=dt.date(2026, 3, 10),
            ends_on=dt.date(2026, 3, 11),
        )
        session = make_session(training_class)
        participant = make_participant(
            training_class,
            person,
            needs_disability_support=True,
            interpreter_language="Hrê",
            accommodation_needs="Cần phòng cho con nhỏ",
        )
        make_mark(session, participant)
        participants.append(participant)
    certificate = make_certificate(person, make_rule(course=course))
    library = make_library(
        course_index.get_parent(),
        title=f"Thư viện {tag}",
        slug=f"thu-vien-{tag.lower()}",
    )
    resource = make_resource(
        library, title=f"Tài liệu {tag}", slug=f"tai-lieu-{tag.lower()}"
    )
    ResourceDownload.objects.create(
        resource=resource, file=resource.files.first(), user=person, unit=person.unit
    )
    ResourceBookmark.objects.create(user=person, resource=resource)
    return {
        "course": course,
        "enrolment": enrolment,
        "attempt": attempt,
        "participants": participants,
        "certificate": certificate,
    }
