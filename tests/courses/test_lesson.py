"""The lesson page: who may open it, what it shows, completing it, the heartbeat,
and progress kept right when lessons are added, unpublished or deleted."""

import json
import logging
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from courses.models import Enrolment, LessonPage, LessonProgress
from courses.services import (
    HEARTBEAT_MAX_SECONDS,
    LESSON_TIME_NOT_SPENT,
    NOT_ENROLLED,
)
from courses.signals import course_completed
from tests.factories import UserFactory
from tests.factories.courses import (
    make_course_tree,
    make_enrolment,
    make_lesson,
    make_module,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def complete_url(lesson) -> str:
    return reverse("courses:lesson_complete", args=[lesson.pk])


def heartbeat_url(lesson) -> str:
    return reverse("courses:lesson_heartbeat", args=[lesson.pk])


def opened(enrolment, lesson, seconds_ago: int) -> LessonProgress:
    """The learner opened the lesson this long ago (as the lesson view records it)."""
    progress, _created = LessonProgress.objects.get_or_create(
        enrolment=enrolment, lesson=lesson
    )
    progress.last_viewed_at = timezone.now() - timedelta(seconds=seconds_ago)
    progress.save(update_fields=["last_viewed_at"])
    return progress


def time_spent(enrolment, lesson) -> int:
    progress = LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).first()
    return progress.time_spent_seconds if progress else 0


@pytest.fixture
def completions():
    """Every course_completed signal sent during the test."""
    sent = []

    def receiver(sender, enrolment, **kwargs):
        sent.append(enrolment.pk)

    course_completed.connect(receiver, dispatch_uid="test_completions")
    yield sent
    course_completed.disconnect(dispatch_uid="test_completions")


# --- Opening a lesson ----------------------------------------------------------


def test_enrolled_learner_reads_the_lesson_beside_the_outline(
    learner_client, enrolment, course, lessons
):
    response = learner_client.get(lessons[1].url)

    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Bài 2</h1>" in body
    assert "Bình đẳng giới là việc nam, nữ" in body
    assert '<details class="outline-box" id="lesson-outline">' in body
    assert f'<a href="{lessons[1].url}" aria-current="page">' in body
    assert "0% complete" in body
    assert f'action="{complete_url(lessons[1])}"' in body
    assert "Mark as complete" in body


def test_previous_and_next_links_cross_modules(learner_client, enrolment, lessons):
    response = learner_client.get(lessons[1].url)

    assert response.context["previous_lesson"].id == lessons[0].pk
    assert response.context["next_lesson"].id == lessons[2].pk
    body = response.content.decode()
    assert f'href="{lessons[0].url}" rel="prev"' in body
    assert f'href="{lessons[2].url}" rel="next"' in body


def test_first_and_last_lessons_have_one_neighbour(learner_client, enrolment, lessons):
    first = learner_client.get(lessons[0].url).context
    last = learner_client.get(lessons[-1].url).context

    assert first["previous_lesson"] is None
    assert first["next_lesson"].id == lessons[1].pk
    assert last["next_lesson"] is None


def test_opening_a_lesson_records_where_to_resume(learner_client, enrolment, lessons):
    learner_client.get(lessons[2].url)

    enrolment.refresh_from_db()
    progress = LessonProgress.objects.get(enrolment=enrolment, lesson=lessons[2])
    assert enrolment.resume_lesson_id == lessons[2].pk
    assert enrolment.last_activity_at is not None
    assert progress.last_viewed_at is not None


def test_lesson_page_starts_the_heartbeat(learner_client, enrolment, lessons):
    body = learner_client.get(lessons[0].url).content.decode()

    assert f'data-url="{heartbeat_url(lessons[0])}"' in body
    assert 'data-interval="30"' in body
    assert "courses/lesson.js" in body


def test_lesson_page_says_how_much_time_is_still_needed(
    learner_client, enrolment, lessons, spend
):
    spend(enrolment, lessons[0], 130)
    spend(enrolment, lessons[1], 300)

    early = learner_client.get(lessons[0].url).content.decode()
    enough = learner_client.get(lessons[1].url).content.decode()

    assert "Spend at least 5 minutes on this lesson first. So far: 2 minutes." in (
        early
    )
    assert "Spend at least" not in enough
    assert "Mark as complete" in enough


def test_completed_lesson_shows_its_date_instead_of_the_button(
    learner_client, enrolment, lessons
):
    LessonProgress.objects.create(
        enrolment=enrolment, lesson=lessons[0], completed_at="2026-01-05T08:00+07:00"
    )

    body = learner_client.get(lessons[0].url).content.decode()

    assert "You completed this lesson on 05/01/2026." in body
    assert "Mark as complete" not in body


def test_learner_with_a_completed_course_may_read_again(
    learner_client, learner, course, lessons
):
    make_enrolment(learner, course, status=Enrolment.Status.COMPLETED, progress=1)

    assert learner_client.get(lessons[0].url).status_code == 200


def test_visitors_are_sent_to_log_in(client, lessons):
    response = client.get(lessons[0].url)

    assert response.status_code == 302
    assert response.url == f"{reverse('people:login')}?next={lessons[0].url}"


def test_a_learner_not_enrolled_is_sent_to_the_course_page(
    learner_client, learner, course, lessons
):
    response = learner_client.get(lessons[0].url)

    assert response.status_code == 302
    assert response.url == course.url
    assert messages_of(response) == [str(NOT_ENROLLED)]
    assert not LessonProgress.objects.exists()


@pytest.mark.parametrize(
    "status", [Enrolment.Status.PENDING, Enrolment.Status.REJECTED]
)
def test_a_request_not_yet_approved_does_not_open_lessons(
    learner_client, learner, course, lessons, status
):
    make_enrolment(learner, course, status=status)

    response = learner_client.get(lessons[0].url)

    assert response.status_code == 302
    assert response.url == course.url


def test_a_draft_lesson_is_404(learner_client, enrolment, lessons):
    draft = make_lesson(lessons[0].get_parent(), live=False, slug="nhap")

    assert learner_client.get(f"{lessons[0].get_parent().url}nhap/").status_code == 404
    assert not LessonProgress.objects.filter(lesson=draft).exists()


def test_an_unpublished_lesson_is_404(learner_client, enrolment, lessons):
    url = lessons[0].url
    lessons[0].unpublish()

    assert learner_client.get(url).status_code == 404


def test_a_lesson_in_an_unpublished_module_or_course_is_404(
    learner_client, enrolment, course, lessons
):
    lesson_url, other_url = lessons[0].url, lessons[2].url
    module = lessons[0].get_parent()
    # Unpublish the module alone: its lessons stay live in the tree.
    type(module).objects.filter(pk=module.pk).update(live=False)

    assert learner_client.get(lesson_url).status_code == 404
    assert learner_client.get(other_url).status_code == 200

    type(course).objects.filter(pk=course.pk).update(live=False)
    assert learner_client.get(other_url).status_code == 404


def test_learners_cannot_preview_or_view_drafts_of_lessons(
    learner_client, enrolment, lessons
):
    lesson = lessons[0]
    lesson.body = [("paragraph", "<p>Nội dung nháp bí mật</p>")]
    lesson.save_revision()

    for url in (
        reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[lesson.pk]),
    ):
        response = learner_client.get(url)
        assert response.status_code in (302, 403)
        assert "Nội dung nháp bí mật" not in response.content.decode()
    assert "Nội dung nháp bí mật" not in learner_client.get(lesson.url).content.decode()


def test_editors_preview_shows_the_lesson_and_records_nothing(administrator, lessons):
    request = RequestFactory().get("/")
    request.user = administrator

    response = lessons[0].serve_preview(request, "")
    response.render()

    body = response.content.decode()
    assert "Bình đẳng giới là việc nam, nữ" in body
    assert "Mark as complete" not in body
    assert "lesson-heartbeat" not in body
    assert not LessonProgress.objects.exists()


def test_editors_can_preview_a_lesson_not_saved_yet(administrator, lessons):
    module = lessons[0].get_parent()
    lesson = LessonPage(title="Bài mới", slug="bai-moi", body=[])
    # As Wagtail's preview of a page being added does.
    lesson.depth = module.depth + 1
    lesson.path = module.get_last_child()._inc_path()
    lesson.set_url_path(module)
    request = RequestFactory().get("/")
    request.user = administrator

    response = lesson.serve_preview(request, "")
    response.render()

    assert response.status_code == 200
    assert "Bài mới" in response.content.decode()


def test_lesson_page_does_not_accept_post(learner_client, enrolment, lessons):
    assert learner_client.post(lessons[0].url).status_code == 405


# --- Blocks --------------------------------------------------------------------


def test_every_block_renders_light_and_accessible(learner_client, enrolment, lessons):
    image = Image.objects.create(title="Sơ đồ", file=get_test_image_file())
    video = Document.objects.create(
        title="Phim", file=ContentFile(b"0" * 2048, name="phim.mp4")
    )
    audio = Document.objects.create(
        title="Bài nói", file=ContentFile(b"0" * 1024, name="bai-noi.mp3")
    )
    handout = Document.objects.create(
        title="Tài liệu phát tay", file=ContentFile(b"%PDF-1.4", name="tai-lieu.pdf")
    )
    embed_url = "https://www.youtube.com/watch?v=abc"
    Embed.objects.create(
        url=embed_url,
        max_width=800,
        hash=get_embed_hash(embed_url, 800),
        type="video",
        html='<iframe title="Video" src="https://www.youtube.com/embed/abc"></iframe>',
    )
    lesson = lessons[0]
    lesson.body = [
        ("heading", {"text": "Khái niệm", "level": "h2"}),
        (
            "image",
            {
                "image": {
                    "image": image,
                    "alt_text": "Sơ đồ vai trò giới",
                    "decorative": False,
                },
                "caption": "Hình 1",
            },
        ),
        ("video", {"file": video, "caption": "", "transcript": "Lời thoại"}),
        ("video", {"embed": embed_url, "caption": "", "transcript": ""}),
        ("audio", {"file": audio, "caption": "", "transcript": ""}),
        ("document", {"document": handout, "description": "Đọc trước buổi học"}),
        ("callout", {"kind": "tip", "text": "<p>Mẹo nhỏ</p>"}),
        (
            "accordion",
            {
                "items": [
                    {"question": "Giới là gì?", "answer": "<p>Đặc điểm xã hội</p>"}
                ]
            },
        ),
        (
            "law_quotation",
            {
                "text": "Nam, nữ bình đẳng trong lĩnh vực chính trị.",
                "article": "Điều 11",
                "act": "Luật Bình đẳng giới",
            },
        ),
        (
            "table",
            {
                "data": [["Chỉ tiêu", "Nam"], ["Số người", "10"]],
                "first_row_is_table_header": True,
                "first_col_is_header": True,
                "table_caption": "Bảng 1",
            },
        ),
        ("reflection", {"question": "Ở địa phương bạn thì sao?", "hint": "Nghĩ về"}),
    ]
    lesson.save_revision().publish()

    response = learner_client.get(lesson.url)

    body = response.content.decode()
    assert response.status_code == 200
    assert "<h2>Khái niệm</h2>" in body
    assert 'alt="Sơ đồ vai trò giới"' in body
    assert "srcset=" in body and ".webp" in body
    assert '<video controls preload="none"' in body
    assert f'<a href="{video.url}" download>Download the video</a>' in body
    assert "<summary>Transcript</summary>" in body
    assert 'src="https://www.youtube.com/embed/abc"' in body
    assert '<audio controls preload="none">' in body
    assert f'<a href="{handout.url}" download>Tài liệu phát tay</a>' in body
    assert 'class="callout callout-tip"' in body
    assert "<summary>Giới là gì?</summary>" in body
    assert "<cite>Điều 11, Luật Bình đẳng giới</cite>" in body
    assert "<caption>Bảng 1</caption>" in body
    assert '<th scope="col"' in body and '<th scope="row"' in body
    assert "Ở địa phương bạn thì sao?" in body


# --- Mark as complete ----------------------------------------------------------


def test_completing_a_lesson_after_enough_time_ticks_it_and_goes_on(
    learner_client, enrolment, lessons, spend
):
    spend(enrolment, lessons[0], 300)

    response = learner_client.post(complete_url(lessons[0]))

    progress = LessonProgress.objects.get(enrolment=enrolment, lesson=lessons[0])
    enrolment.refresh_from_db()
    assert progress.completed_at is not None
    assert enrolment.progress == 0.25
    assert response.status_code == 302
    assert response.url == lessons[1].url
    assert messages_of(response) == ["Lesson complete."]


def test_completing_too_early_says_how_long_and_completes_nothing(
    learner_client, enrolment, lessons, spend
):
    spend(enrolment, lessons[0], 60)

    response = learner_client.post(complete_url(lessons[0]))

    progress = LessonProgress.objects.get(enrolment=enrolment, lesson=lessons[0])
    assert progress.completed_at is None
    assert response.url == lessons[0].url
    assert messages_of(response) == [str(LESSON_TIME_NOT_SPENT) % {"minutes": 5}]


def test_time_since_the_last_heartbeat_counts_when_completing(
    learner_client, enrolment, lessons
):
    opened(enrolment, lessons[0], seconds_ago=55)
    LessonProgress.objects.filter(lesson=lessons[0]).update(time_spent_seconds=250)

    learner_client.post(complete_url(lessons[0]), {"seconds": "50"})

    progress = LessonProgress.objects.get(enrolment=enrolment, lesson=lessons[0])
    assert progress.time_spent_seconds == 300
    assert progress.completed_at is not None


def test_completing_a_lesson_of_a_course_one_is_not_in_is_refused(
    learner_client, course, other_course, learner
):
    make_enrolment(learner, course)
    foreign = LessonPage.objects.descendant_of(other_course).get()

    response = learner_client.post(complete_url(foreign))

    assert response.status_code == 302
    assert response.url == other_course.url
    assert messages_of(response) == [str(NOT_ENROLLED)]
    assert not LessonProgress.objects.filter(lesson=foreign).exists()


def test_completing_needs_post_login_and_a_live_lesson(
    client, learner, enrolment, lessons
):
    assert client.get(complete_url(lessons[0])).status_code == 405
    visitor = client.post(complete_url(lessons[0]))
    assert visitor.url == f"{reverse('people:login')}?next={lessons[0].url}"
    client.force_login(learner)
    draft = make_lesson(lessons[0].get_parent(), live=False)
    assert client.post(complete_url(draft)).status_code == 404
    assert not LessonProgress.objects.exists()


def test_completing_every_required_lesson_completes_the_course_once(
    learner_client,
    enrolment,
    lessons,
    spend,
    completions,
    django_capture_on_commit_callbacks,
):
    optional = make_lesson(lessons[-1].get_parent(), is_required=False)
    for lesson in lessons:
        spend(enrolment, lesson, 600)

    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons:
            response = learner_client.post(complete_url(lesson))
        learner_client.post(complete_url(lessons[-1]))

    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert enrolment.progress == 1.0
    assert enrolment.completed_at is not None
    assert completions == [enrolment.pk]
    assert response.url == lessons[0].get_parent().get_parent().url
    assert "You have completed the course" in messages_of(response)[-1]
    assert not LessonProgress.objects.filter(
        lesson=optional, completed_at__isnull=False
    ).exists()


# --- Heartbeat -----------------------------------------------------------------


def test_heartbeat_adds_the_time_the_page_was_in_view(
    learner_client, enrolment, lessons
):
    opened(enrolment, lessons[0], seconds_ago=40)

    response = learner_client.post(heartbeat_url(lessons[0]), {"seconds": "30"})

    assert response.status_code == 200
    assert json.loads(response.content) == {"counted": 30}
    assert time_spent(enrolment, lessons[0]) == 30


@pytest.mark.parametrize(
    "seconds",
    ["-30", "0", str(HEARTBEAT_MAX_SECONDS + 1), "99999999999999999999999", "abc"]
    + ["30.5", "", "1e3", "NaN", "[30]"],
)
def test_heartbeat_ignores_and_logs_bad_durations(
    learner_client, enrolment, lessons, caplog, seconds
):
    opened(enrolment, lessons[0], seconds_ago=3600)

    with caplog.at_level(logging.WARNING, logger="courses"):
        response = learner_client.post(heartbeat_url(lessons[0]), {"seconds": seconds})

    assert response.status_code == 200
    assert json.loads(response.content) == {"counted": 0}
    assert time_spent(enrolment, lessons[0]) == 0
    assert "heartbeat ignored" in caplog.text


def test_heartbeat_without_seconds_is_ignored(learner_client, enrolment, lessons):
    response = learner_client.post(heartbeat_url(lessons[0]))

    assert json.loads(response.content) == {"counted": 0}
    assert time_spent(enrolment, lessons[0]) == 0


def test_heartbeat_cannot_claim_more_time_than_has_passed(
    learner_client, enrolment, lessons, caplog
):
    opened(enrolment, lessons[0], seconds_ago=5)

    with caplog.at_level(logging.WARNING, logger="courses"):
        first = learner_client.post(heartbeat_url(lessons[0]), {"seconds": "60"})
        second = learner_client.post(heartbeat_url(lessons[0]), {"seconds": "60"})

    assert json.loads(first.content)["counted"] <= 6
    assert json.loads(second.content)["counted"] <= 1
    assert time_spent(enrolment, lessons[0]) <= 7
    assert "heartbeat capped" in caplog.text


def test_heartbeat_for_a_course_one_is_not_in_is_ignored(
    learner_client, learner, course, other_course, caplog
):
    make_enrolment(learner, course)
    someone = UserFactory()
    their_enrolment = make_enrolment(someone, other_course)
    their_lesson = LessonPage.objects.descendant_of(other_course).get()
    opened(their_enrolment, their_lesson, seconds_ago=120)

    with caplog.at_level(logging.WARNING, logger="courses"):
        response = learner_client.post(heartbeat_url(their_lesson), {"seconds": "30"})

    assert json.loads(response.content) == {"counted": 0}
    assert "not enrolled" in caplog.text
    assert time_spent(their_enrolment, their_lesson) == 0
    assert not LessonProgress.objects.filter(enrolment__learner=learner).exists()


def test_heartbeat_of_visitors_is_forbidden(lessons):
    response = Client().post(heartbeat_url(lessons[0]), {"seconds": "30"})

    assert response.status_code == 403
    assert not LessonProgress.objects.exists()


def test_heartbeat_needs_post_csrf_and_a_live_lesson(
    learner_client, learner, enrolment, lessons
):
    assert learner_client.get(heartbeat_url(lessons[0])).status_code == 405
    assert learner_client.post("/learning/lessons/999999/heartbeat/").status_code == 404
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(learner)
    assert browser.post(heartbeat_url(lessons[0]), {"seconds": "30"}).status_code == (
        403
    )
    assert time_spent(enrolment, lessons[0]) == 0


# --- Progress follows the course's content -------------------------------------


@pytest.fixture
def half_done(enrolment, lessons, spend, django_capture_on_commit_callbacks):
    """The learner has completed two of the four lessons."""
    from courses.services import lesson_complete

    for lesson in lessons[:2]:
        spend(enrolment, lesson, 600)
        lesson_complete(learner=enrolment.learner, lesson=lesson)
    enrolment.refresh_from_db()
    assert enrolment.progress == 0.5
    return enrolment


def test_publishing_a_new_lesson_recomputes_progress(
    half_done, lessons, django_capture_on_commit_callbacks
):
    new = make_lesson(lessons[-1].get_parent(), live=False)

    with django_capture_on_commit_callbacks(execute=True):
        new.save_revision().publish()

    half_done.refresh_from_db()
    assert half_done.progress == pytest.approx(2 / 5)


def test_unpublishing_a_lesson_recomputes_progress(
    half_done, lessons, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lessons[-1].unpublish()

    half_done.refresh_from_db()
    assert half_done.progress == pytest.approx(2 / 3)


def test_deleting_a_lesson_recomputes_progress(
    half_done, lessons, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        LessonPage.objects.get(pk=lessons[-1].pk).delete()

    half_done.refresh_from_db()
    assert half_done.progress == pytest.approx(2 / 3)


def test_unpublishing_the_last_missing_lessons_completes_the_course(
    half_done, lessons, completions, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lessons[2].unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        lessons[3].unpublish()

    half_done.refresh_from_db()
    assert half_done.status == Enrolment.Status.COMPLETED
    assert completions == [half_done.pk]


def test_a_lesson_added_to_another_course_leaves_this_one_alone(
    half_done, course_index, django_capture_on_commit_callbacks
):
    other, _lessons = make_course_tree(course_index)
    new = make_lesson(make_module(other), live=False)

    with django_capture_on_commit_callbacks(execute=True):
        new.save_revision().publish()

    half_done.refresh_from_db()
    assert half_done.progress == 0.5
