"""Lesson files go to the course's learners and staff only (courses/documents.py):
Wagtail's /documents/<id>/<name> asks the before_serve_document hook first."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import ReferenceIndex

from content_pages.models import ResourcePage
from courses.documents import lesson_document_allowed, lessons_using_document
from courses.models import Enrolment
from people.roles import Role
from tests.content_pages.library_builders import (
    PDF_BYTES,
    make_document,
    make_library,
    make_resource,
)
from tests.factories import UserFactory
from tests.factories.courses import make_enrolment, make_lesson

pytestmark = pytest.mark.django_db


def document_block(document):
    return ("document", {"document": document, "description": "Phiếu bài tập"})


def body_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def assert_nothing_leaked(response, document):
    """Neither the file nor its title (the URL itself the asker already has)."""
    body = body_of(response)
    assert PDF_BYTES not in body
    assert document.title.encode() not in body


@pytest.fixture
def handout(course, lessons):
    """A worksheet placed in a new live lesson of the course."""
    document = make_document(title="Phiếu bài tập bí mật", filename="phieu-bt.pdf")
    make_lesson(lessons[0].get_parent(), body=[document_block(document)])
    return document


@pytest.fixture
def client_of():
    def client_of(user):
        client = Client()
        client.force_login(user)
        return client

    return client_of


def test_an_enrolled_learner_downloads_a_lesson_file(
    client_of, learner, enrolment, handout
):
    response = client_of(learner).get(handout.url)

    assert response.status_code == 200
    assert body_of(response) == PDF_BYTES


def test_a_learner_who_completed_the_course_still_downloads(
    client_of, learner, course, handout
):
    make_enrolment(learner, course, status=Enrolment.Status.COMPLETED)

    assert client_of(learner).get(handout.url).status_code == 200


def test_the_courses_staff_download_it(client_of, province, course, handout):
    owner = UserFactory(unit=province, roles=[Role.TRAINER])
    listed = UserFactory(unit=province, roles=[Role.TRAINER])
    administrator = UserFactory(unit=province, roles=[Role.ADMINISTRATOR])
    course.owner = owner
    course.trainers.add(listed)
    course.save()

    for user in (owner, listed, administrator):
        response = client_of(user).get(handout.url)
        assert response.status_code == 200, user
        assert body_of(response) == PDF_BYTES


def test_a_learner_of_another_course_gets_not_found(
    client_of, other_learner, other_course, handout
):
    make_enrolment(other_learner, other_course)

    response = client_of(other_learner).get(handout.url)

    assert response.status_code == 404
    assert_nothing_leaked(response, handout)


@pytest.mark.parametrize(
    "status", [Enrolment.Status.PENDING, Enrolment.Status.WITHDRAWN]
)
def test_an_enrolment_that_does_not_open_lessons_does_not_open_files(
    client_of, learner, course, handout, status
):
    make_enrolment(learner, course, status=status)

    assert client_of(learner).get(handout.url).status_code == 404


def test_a_trainer_of_another_course_gets_not_found(
    client_of, province, other_course, handout
):
    trainer = UserFactory(unit=province, roles=[Role.TRAINER])
    other_course.trainers.add(trainer)
    other_course.save()

    assert client_of(trainer).get(handout.url).status_code == 404


def test_an_anonymous_visitor_is_sent_to_sign_in(client, handout):
    response = client.get(handout.url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert_nothing_leaked(response, handout)


def test_a_document_no_lesson_uses_is_served_as_before(client, course, lessons):
    leaflet = make_document(title="Tờ rơi", filename="to-roi.pdf")

    response = client.get(leaflet.url)

    assert response.status_code == 200
    assert body_of(response) == PDF_BYTES


def test_a_document_linked_from_lesson_text_is_a_lesson_file(client, course, lessons):
    document = make_document(title="Phụ lục", filename="phu-luc.pdf")
    paragraph = f'<p>Xem <a linktype="document" id="{document.pk}">phụ lục</a>.</p>'
    make_lesson(lessons[0].get_parent(), body=[("paragraph", paragraph)])

    assert client.get(document.url).status_code == 302


def test_a_video_file_in_a_lesson_is_a_lesson_file(client, course, lessons):
    video = make_document(title="Phim", filename="phim.pdf")
    make_lesson(
        lessons[0].get_parent(),
        body=[
            ("video", {"embed": None, "file": video, "caption": "", "transcript": ""})
        ],
    )

    assert client.get(video.url).status_code == 302


def test_a_file_only_in_a_lessons_unpublished_draft_counts(
    client, client_of, learner, enrolment, lessons
):
    """The index reads the live page; the latest draft is read too (safest)."""
    draft_only = make_document(title="Bản nháp", filename="ban-nhap.pdf")
    lesson = lessons[0]
    lesson.body = [document_block(draft_only)]
    lesson.save_revision()
    assert not ReferenceIndex.get_references_to(draft_only).exists()

    assert client.get(draft_only.url).status_code == 302
    assert client_of(learner).get(draft_only.url).status_code == 200
    assert [found.pk for found in lessons_using_document(document=draft_only)] == [
        lesson.pk
    ]


def test_a_file_in_a_never_published_lesson_counts(client, course, lessons):
    document = make_document(title="Chưa xuất bản", filename="chua-xb.pdf")
    make_lesson(lessons[0].get_parent(), body=[document_block(document)], live=False)

    assert client.get(document.url).status_code == 302


def test_a_file_taken_out_of_a_lesson_and_its_draft_is_public_again(client, lessons):
    document = make_document(title="Cũ", filename="cu.pdf")
    lesson = make_lesson(lessons[0].get_parent(), body=[document_block(document)])
    assert client.get(document.url).status_code == 302

    lesson.body = [("paragraph", "<p>Không còn tệp.</p>")]
    lesson.save_revision().publish()

    assert client.get(document.url).status_code == 200


def test_a_public_library_file_used_in_a_lesson_takes_the_stricter_rule(
    client, client_of, learner, enrolment, home_page, lessons
):
    library = make_library(home_page)
    resource = make_resource(library, access=ResourcePage.Access.PUBLIC)
    shared = resource.files.get().document
    make_lesson(lessons[0].get_parent(), body=[document_block(shared)])

    assert client.get(shared.url).status_code == 302
    assert client_of(learner).get(shared.url).status_code == 200


def test_the_library_download_of_a_lesson_file_takes_the_stricter_rule_too(
    client, client_of, learner, other_learner, enrolment, home_page, lessons
):
    """The library's own download link runs Wagtail's document hooks as well:
    a public resource's file that a lesson uses is not fetched around them."""
    library = make_library(home_page)
    resource = make_resource(library, access=ResourcePage.Access.PUBLIC)
    resource_file = resource.files.get()
    make_lesson(lessons[0].get_parent(), body=[document_block(resource_file.document)])
    url = reverse("content_pages:resource_download", args=[resource_file.pk])

    assert client.get(url).status_code == 302
    assert client_of(other_learner).get(url).status_code == 404
    response = client_of(learner).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert resource_file.resource.downloads.count() == 1  # only the allowed one


def test_the_check_costs_a_fixed_few_queries(
    django_assert_max_num_queries, learner, lessons
):
    leaflet = make_document(title="Tờ rơi", filename="to-roi.pdf")
    with django_assert_max_num_queries(2):
        assert lesson_document_allowed(document=leaflet, user=learner) is None


def test_a_reviewer_downloads_the_files_of_a_course_under_review(
    client_of, province, course_index, course, lessons
):
    """Whoever Wagtail lets open the course in the admin: here the review
    task's group, while the course awaits its review."""
    from courses.services import course_publishing_setup

    course_publishing_setup(course_index=course_index)
    trainer = UserFactory(unit=province, roles=[Role.TRAINER])
    reviewer = UserFactory(unit=province, roles=[Role.REVIEWER])
    outsider = UserFactory(unit=province, roles=[Role.LEARNER])
    document = make_document(title="Để duyệt", filename="de-duyet.pdf")
    lesson = lessons[0]
    lesson.body = [document_block(document)]
    lesson.save_revision(user=trainer)
    course.save_revision(user=trainer)
    course.get_workflow().start(course, trainer)

    assert client_of(reviewer).get(document.url).status_code == 200
    assert client_of(outsider).get(document.url).status_code == 404
