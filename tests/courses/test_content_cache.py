"""A course's outline and published facts are cached under the content version
(lms.versions): publishing moves the version, so a learner sees the change at
once; and the cache holds nothing personal, so one learner's progress never
shows on another's page."""

import pytest
from django.core.cache import caches
from django.test import Client

from courses.models import LessonProgress
from lms.versions import content_version
from tests.factories import TargetGroupFactory
from tests.factories.courses import make_enrolment, make_lesson

pytestmark = pytest.mark.django_db


def lesson_titles(response) -> list[str]:
    return [lesson.title for lesson in response.context["detail"].outline.lessons]


def test_renaming_a_lesson_shows_on_the_course_page_at_once(
    learner_client, learner, course, lessons
):
    make_enrolment(learner, course)
    assert learner_client.get(course.url).status_code == 200
    before = content_version()
    assert lesson_titles(learner_client.get(course.url))[0] == lessons[0].title

    lesson = lessons[0]
    lesson.title = "Bài đổi tên"
    lesson.save_revision().publish()

    assert content_version() != before
    response = learner_client.get(course.url)
    assert lesson_titles(response)[0] == "Bài đổi tên"
    assert "Bài đổi tên" in response.content.decode()
    # The lesson page's outline, too.
    lesson_page = learner_client.get(lessons[1].url)
    assert lesson_page.context["outline"].lessons[0].title == "Bài đổi tên"


def test_publishing_a_lesson_adds_it_to_the_cached_outline(
    learner_client, learner, course, lessons
):
    make_enrolment(learner, course)
    module = lessons[0].get_parent()
    draft = make_lesson(module, title="Bài mới", live=False)
    assert "Bài mới" not in lesson_titles(learner_client.get(course.url))
    assert learner_client.get(lessons[0].url).context["outline"].lesson_count == 4

    draft.save_revision().publish()

    titles = lesson_titles(learner_client.get(course.url))
    assert titles[2] == "Bài mới"  # the module's last lesson
    assert len(titles) == 5
    assert learner_client.get(lessons[0].url).context["outline"].lesson_count == 5


def test_one_learners_progress_never_shows_on_anothers_page(
    learner, other_learner, course, lessons
):
    done = make_enrolment(learner, course, progress=0.5)
    make_enrolment(other_learner, course)
    for lesson in lessons[:2]:
        LessonProgress.objects.create(
            enrolment=done, lesson=lesson, completed_at="2026-01-05T08:00+07:00"
        )
    first, second = Client(), Client()
    first.force_login(learner)
    second.force_login(other_learner)

    # The first learner fills the caches, then the second reads them.
    for url in (course.url, lessons[2].url):
        assert first.get(url).status_code == 200
    course_page = second.get(course.url)
    lesson_page = second.get(lessons[2].url)

    assert [
        lesson.is_done for lesson in course_page.context["detail"].outline.lessons
    ] == [False] * 4
    assert [lesson.is_done for lesson in lesson_page.context["outline"].lessons] == [
        False
    ] * 4
    for response in (course_page, lesson_page):
        body = response.content.decode()
        assert 'class="done' not in body
        assert "50%" not in body
    # And the first learner still sees their own ticks.
    mine = first.get(course.url).context["detail"].outline.lessons
    assert [lesson.is_done for lesson in mine] == [True, True, False, False]


def test_the_cache_holds_no_enrolment_nor_progress(
    learner_client, learner, course, lessons, course_index, monkeypatch
):
    enrolment = make_enrolment(learner, course, progress=0.25)
    LessonProgress.objects.create(
        enrolment=enrolment, lesson=lessons[0], completed_at="2026-01-05T08:00+07:00"
    )
    stored = []
    backend = type(caches["default"])  # locmem or Redis alike
    real_set = backend.set

    def recording_set(self, key, value, *args, **kwargs):
        if key.startswith("courses:"):
            stored.append(value)
        return real_set(self, key, value, *args, **kwargs)

    monkeypatch.setattr(backend, "set", recording_set)
    for url in (course.url, lessons[1].url, course_index.url):
        assert learner_client.get(url).status_code == 200

    assert stored
    text = repr(stored)
    assert "Enrolment" not in text
    assert "LessonProgress" not in text
    assert learner.username not in text


def test_renaming_a_target_group_shows_on_the_course_page_at_once(
    learner_client, course
):
    group = TargetGroupFactory(name="Cán bộ xã")
    course.target_groups.add(group)
    course.save_revision().publish()
    assert "Cán bộ xã" in learner_client.get(course.url).content.decode()

    group.name = "Cán bộ cấp xã"
    group.save()

    assert "Cán bộ cấp xã" in learner_client.get(course.url).content.decode()


def test_renaming_a_trainer_shows_on_the_course_page_at_once(
    learner_client, learner, course, lessons
):
    from tests.factories import UserFactory

    trainer = UserFactory(full_name="Nguyễn Thị Giảng")
    course.trainers.add(trainer)
    course.save_revision().publish()
    assert "Nguyễn Thị Giảng" in learner_client.get(course.url).content.decode()

    trainer.full_name = "Trần Thị Giảng"
    trainer.save()

    page = learner_client.get(course.url).content.decode()
    assert "Trần Thị Giảng" in page
    assert "Nguyễn Thị Giảng" not in page


def test_a_login_does_not_start_a_new_version(client, learner, password):
    before = content_version()

    client.post(
        "/accounts/login/", {"username": learner.username, "password": password}
    )

    assert content_version() == before
