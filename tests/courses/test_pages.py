"""The catalogue, the course page and the module page, as learners see them."""

from datetime import date

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from courses.models import CoursePage, Enrolment, LessonProgress
from courses.services import ASSIGNED_ONLY
from tests.factories import TargetGroupFactory, UserFactory
from tests.factories.courses import (
    make_course,
    make_course_tree,
    make_enrolment,
    make_lesson,
    make_module,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def make_listed_course(parent, **kwargs) -> CoursePage:
    """A live course with one live lesson: the catalogue lists only such courses."""
    return make_course_tree(parent, modules=1, lessons_per_module=1, **kwargs)[0]


def titles(response) -> list[str]:
    return [card.course.title for card in response.context["cards"]]


# --- Catalogue -----------------------------------------------------------------


def test_catalogue_lists_live_courses_with_what_a_learner_needs_to_choose(
    client, course_index, course
):
    make_course(course_index, title="Bản nháp", live=False)

    response = client.get(course_index.url)

    body = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == ["Bình đẳng giới cơ bản"]
    assert "BDG-01" in body
    assert course.summary in body
    assert "1 h" in body
    assert "Basic" in body or "Cơ bản" in body
    assert f'href="{course.url}"' in body


def test_catalogue_shows_the_learners_status_and_progress(
    learner_client, learner, course_index, course, other_course
):
    make_enrolment(learner, course, progress=0.5)
    make_enrolment(learner, other_course, status=Enrolment.Status.PENDING)

    response = learner_client.get(course_index.url)

    body = response.content.decode()
    cards = {card.course.pk: card for card in response.context["cards"]}
    assert cards[course.pk].enrolment.status == Enrolment.Status.ACTIVE
    assert cards[other_course.pk].enrolment.status == Enrolment.Status.PENDING
    assert '<progress max="100" value="50"' in body
    assert "50% complete" in body


def test_catalogue_shows_no_status_to_visitors(client, learner, course_index, course):
    make_enrolment(learner, course, progress=0.5)

    response = client.get(course_index.url)

    assert response.context["cards"][0].enrolment is None
    assert "<progress" not in response.content.decode()


def test_catalogue_search_finds_courses_by_words_of_title_or_summary(
    client, course_index
):
    make_listed_course(course_index, title="Phòng chống bạo lực gia đình")
    make_listed_course(
        course_index, title="Kỹ năng tư vấn", summary="Dành cho cán bộ tư pháp xã."
    )
    make_listed_course(course_index, title="Lồng ghép giới trong văn bản")

    assert titles(client.get(course_index.url, {"q": "bạo lực"})) == [
        "Phòng chống bạo lực gia đình"
    ]
    assert titles(client.get(course_index.url, {"q": "tư pháp"})) == ["Kỹ năng tư vấn"]


def test_catalogue_filters_by_topic_target_group_and_level(client, course_index):
    teachers = TargetGroupFactory(code="teachers", name="Giáo viên")
    violence = make_listed_course(course_index, title="Phòng chống bạo lực")
    violence.topics.add("bao-luc")
    violence.target_groups.add(teachers)
    violence.save()
    advanced = make_listed_course(
        course_index, title="Nâng cao", level=CoursePage.Level.ADVANCED
    )
    make_listed_course(course_index, title="Cơ bản")

    assert titles(client.get(course_index.url, {"topic": "bao-luc"})) == [
        "Phòng chống bạo lực"
    ]
    assert titles(client.get(course_index.url, {"group": "teachers"})) == [
        "Phòng chống bạo lực"
    ]
    assert titles(client.get(course_index.url, {"level": "advanced"})) == [
        advanced.title
    ]
    assert (
        titles(client.get(course_index.url, {"group": "teachers", "level": "advanced"}))
        == []
    )


def test_catalogue_filters_combine_with_search(client, course_index):
    first = make_listed_course(course_index, title="Bạo lực gia đình cơ bản")
    first.topics.add("bao-luc")
    first.save()
    make_listed_course(course_index, title="Bạo lực học đường")

    response = client.get(course_index.url, {"q": "bạo lực", "topic": "bao-luc"})

    assert titles(response) == ["Bạo lực gia đình cơ bản"]


def test_catalogue_offers_only_topics_and_groups_that_courses_use(
    client, course_index, course
):
    TargetGroupFactory(code="unused", name="Không dùng")
    used = TargetGroupFactory(code="drafters", name="Cán bộ soạn thảo")
    course.target_groups.add(used)
    course.topics.add("long-ghep")
    course.save()

    form = client.get(course_index.url).context["filter_form"]

    assert [c[0] for c in form.fields["group"].choices] == ["", "drafters"]
    assert [c[0] for c in form.fields["topic"].choices] == ["", "long-ghep"]


@pytest.mark.parametrize(
    "params",
    [
        {"topic": "khong-co"},
        {"group": "<script>"},
        {"level": "expert"},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999999999999999999"},
        {"q": "x" * 500},
        {"q": "\x00"},
        {"topic": ["a", "b"], "level": ["basic", "zzz"]},
        {"q": "'); DROP TABLE courses_coursepage; --"},
        {"q": '"unbalanced AND OR NOT ('},
    ],
)
def test_catalogue_ignores_unknown_or_malformed_parameters(
    client, course_index, course, params
):
    response = client.get(course_index.url, params)

    assert response.status_code == 200
    assert "errorlist" not in response.content.decode()


def test_catalogue_ignores_an_unknown_filter_but_keeps_the_valid_ones(
    client, course_index, course
):
    make_listed_course(course_index, title="Nâng cao", level=CoursePage.Level.ADVANCED)

    response = client.get(course_index.url, {"level": "advanced", "topic": "nope"})

    assert titles(response) == ["Nâng cao"]


def test_catalogue_is_paginated_and_pages_keep_the_filters(client, course_index):
    for number in range(14):
        make_listed_course(course_index, title=f"Khóa {number:02d}", level="advanced")

    first = client.get(course_index.url, {"level": "advanced"})
    second = client.get(course_index.url, {"level": "advanced", "page": "2"})
    beyond = client.get(course_index.url, {"level": "advanced", "page": "99"})

    assert len(first.context["cards"]) == 12
    assert "page=2" in first.content.decode()
    assert "level=advanced" in first.content.decode()
    assert titles(second) == ["Khóa 12", "Khóa 13"]
    assert beyond.context["courses_page"].number == 2


def test_unfiltered_catalogue_pages_keep_catalogue_order(client, course_index):
    # Unfiltered, the listed keys are paginated as they are (no count query).
    for number in range(14):
        make_listed_course(course_index, title=f"Khóa {number:02d}")

    first = client.get(course_index.url)
    second = client.get(course_index.url, {"page": "2"})
    beyond = client.get(course_index.url, {"page": "99"})

    assert titles(first) == [f"Khóa {number:02d}" for number in range(12)]
    assert titles(second) == ["Khóa 12", "Khóa 13"]
    assert beyond.context["courses_page"].number == 2
    assert beyond.context["courses_page"].paginator.count == 14


def test_catalogue_address_redirects_to_the_catalogue_page(client, course_index):
    response = client.get(reverse("courses:catalogue"))

    assert response.status_code == 302
    assert response.url == course_index.url


def test_catalogue_address_is_404_without_a_catalogue(client, home_page):
    assert client.get(reverse("courses:catalogue")).status_code == 404


def test_catalogue_does_not_accept_post(client, course_index):
    assert client.post(course_index.url).status_code == 405


# --- Course page ---------------------------------------------------------------


def test_course_page_shows_what_the_course_is_and_who_teaches_it(
    client, course_index, course
):
    trainer = UserFactory(full_name="Trần Thị Bình")
    teachers = TargetGroupFactory(code="teachers", name="Giáo viên THCS")
    basics = make_course(course_index, title="Nhập môn giới")
    course.trainers.add(trainer)
    course.target_groups.add(teachers)
    course.prerequisites.add(basics)
    course.learning_outcomes = "<ul><li>Nêu được khái niệm giới</li></ul>"
    course.estimated_hours = 4
    course.save()

    response = client.get(course.url)

    body = response.content.decode()
    assert response.status_code == 200
    assert "Trần Thị Bình" in body
    assert "Giáo viên THCS" in body
    assert "Nêu được khái niệm giới" in body
    assert "4 h" in body
    assert course.summary in body
    assert f'href="{basics.url}"' in body


def test_course_page_outline_lists_modules_and_lessons_in_order(
    client, course, lessons
):
    outline = client.get(course.url).context["detail"].outline

    assert [m.title for m in outline.modules] == ["Chuyên đề 1", "Chuyên đề 2"]
    assert [lesson.id for lesson in outline.lessons] == [le.pk for le in lessons]
    assert outline.lessons[0].url == lessons[0].url


def test_course_page_leaves_out_unpublished_modules_and_lessons(
    client, course, lessons
):
    module = make_module(course)
    make_lesson(module, title="Bài nháp trong chuyên đề nháp")
    module.unpublish()
    draft = make_lesson(lessons[0].get_parent(), title="Bài nháp", live=False)

    outline = client.get(course.url).context["detail"].outline

    titles = [lesson.title for lesson in outline.lessons]
    assert draft.title not in titles
    assert "Bài nháp trong chuyên đề nháp" not in titles
    assert len(outline.modules) == 2


def test_visitors_see_a_login_link_instead_of_an_enrol_button(client, course):
    response = client.get(course.url)

    body = response.content.decode()
    assert f"{reverse('people:login')}?next={course.url}" in body.replace("%2F", "/")
    assert reverse("courses:enrol", args=[course.pk]) not in body


def test_private_outline_is_hidden_from_visitors_but_not_from_learners(
    visitor, learner_client, course, lessons
):
    CoursePage.objects.filter(pk=course.pk).update(is_outline_public=False)

    anonymous = visitor.get(course.url)
    logged_in = learner_client.get(course.url)

    assert anonymous.context["detail"].outline is None
    assert lessons[0].title not in anonymous.content.decode()
    assert course.summary in anonymous.content.decode()
    assert "Log in to see the lessons" in anonymous.content.decode()
    assert logged_in.context["detail"].outline.lesson_count == 4


def test_open_course_offers_an_enrol_form_that_posts(learner_client, course):
    body = learner_client.get(course.url).content.decode()

    assert f'<form method="post" action="/learning/courses/{course.pk}/enrol/">' in body
    assert "csrfmiddlewaretoken" in body
    assert "Enrol in this course" in body


def test_approval_course_offers_to_ask_to_join(learner_client, course, set_mode):
    set_mode(course, CoursePage.EnrolmentMode.APPROVAL)

    response = learner_client.get(course.url)

    assert response.context["detail"].action == "request"
    assert "Ask to join this course" in response.content.decode()


def test_assigned_only_course_says_so_and_offers_no_button(
    learner_client, course, set_mode
):
    set_mode(course, CoursePage.EnrolmentMode.ASSIGNED)

    body = learner_client.get(course.url).content.decode()

    assert str(ASSIGNED_ONLY).split(";")[0] in body
    assert reverse("courses:enrol", args=[course.pk]) not in body


def test_pending_request_shows_awaiting_approval(learner_client, learner, course):
    make_enrolment(learner, course, status=Enrolment.Status.PENDING)

    response = learner_client.get(course.url)

    assert response.context["detail"].action == "pending"
    assert "Awaiting approval" in response.content.decode()
    assert "Enrol in this course" not in response.content.decode()


def test_assigned_course_shows_its_due_date_as_dd_mm_yyyy(
    learner_client, learner, course
):
    make_enrolment(
        learner,
        course,
        source=Enrolment.Source.ASSIGNED,
        due_date=date(2026, 3, 5),
    )

    body = learner_client.get(course.url).content.decode()

    assert "Assigned to you, due 05/03/2026" in body


def test_enrolled_learner_continues_where_they_left_off(
    learner_client, learner, course, lessons
):
    make_enrolment(learner, course, resume_lesson=lessons[2])

    response = learner_client.get(course.url)

    assert response.context["detail"].resume.id == lessons[2].pk
    assert f'<a class="button" href="{lessons[2].url}">Continue</a>' in (
        response.content.decode()
    )


def test_without_a_resume_lesson_the_first_unfinished_lesson_is_offered(
    learner_client, enrolment, course, lessons
):
    LessonProgress.objects.create(
        enrolment=enrolment, lesson=lessons[0], completed_at="2026-01-05T08:00+07:00"
    )

    response = learner_client.get(course.url)

    assert response.context["detail"].resume.id == lessons[1].pk


def test_an_unpublished_resume_lesson_falls_back_to_the_first_unfinished(
    learner_client, learner, course, lessons
):
    make_enrolment(learner, course, resume_lesson=lessons[2])
    lessons[2].unpublish()

    response = learner_client.get(course.url)

    assert response.context["detail"].resume.id == lessons[0].pk


def test_course_outline_ticks_done_lessons_and_shows_progress(
    learner_client, learner, course, lessons
):
    enrolment = make_enrolment(learner, course, progress=0.25)
    LessonProgress.objects.create(
        enrolment=enrolment, lesson=lessons[0], completed_at="2026-01-05T08:00+07:00"
    )

    response = learner_client.get(course.url)

    body = response.content.decode()
    outline = response.context["detail"].outline
    assert [lesson.is_done for lesson in outline.lessons] == [
        True,
        False,
        False,
        False,
    ]
    assert outline.modules[0].done_count == 1
    assert "25% complete" in body
    assert '<li class="done">' in body
    assert f'href="{lessons[1].url}"' in body


def test_outline_does_not_link_lessons_for_people_not_enrolled(
    learner_client, course, lessons
):
    body = learner_client.get(course.url).content.decode()

    assert lessons[0].title in body
    assert f'href="{lessons[0].url}"' not in body


def test_completed_course_shows_the_completion_date(learner_client, learner, course):
    make_enrolment(
        learner,
        course,
        status=Enrolment.Status.COMPLETED,
        progress=1,
        completed_at="2026-02-01T09:00+07:00",
    )

    body = learner_client.get(course.url).content.decode()

    assert "Completed on 01/02/2026" in body
    assert "Review the lessons" in body


def test_draft_course_is_404(client, course_index):
    draft = make_course(course_index, live=False)

    assert client.get(f"{course_index.url}{draft.slug}/").status_code == 404


def test_course_page_does_not_accept_post(learner_client, course):
    assert learner_client.post(course.url).status_code == 405


def test_module_page_redirects_to_its_place_in_the_course(client, course, lessons):
    module = lessons[0].get_parent()

    response = client.get(module.url)

    assert response.status_code == 302
    assert response.url == f"{course.url}#module-{module.pk}"


def test_editors_can_preview_the_catalogue_and_course_pages(
    administrator, course_index, course, lessons
):
    request = RequestFactory().get("/")
    request.user = administrator

    for page in (course_index, course):
        response = page.serve_preview(request, "")
        response.render()
        assert response.status_code == 200
        assert course.title in response.content.decode()


def test_editors_can_preview_a_course_not_saved_yet(administrator, course_index):
    course = CoursePage(title="Khóa mới", slug="khoa-moi", code="M1", summary="Tóm tắt")
    # As Wagtail's preview of a page being added does.
    course.depth = course_index.depth + 1
    course.path = course._get_path(course_index.path, course.depth, 1)
    course.set_url_path(course_index)
    request = RequestFactory().get("/")
    request.user = administrator

    response = course.serve_preview(request, "")
    response.render()

    assert response.status_code == 200
    assert "Khóa mới" in response.content.decode()


# --- Featured courses and navigation -------------------------------------------


def test_featured_courses_tag_shows_latest_courses_with_status(
    learner, course_index, course
):
    newer, _lessons = make_course_tree(course_index, title="Khóa mới nhất")
    make_enrolment(learner, course)
    request = RequestFactory().get("/")
    request.user = learner

    html = Template("{% load courses_tags %}{% featured_courses 1 %}").render(
        Context({"request": request})
    )

    assert "Khóa mới nhất" in html
    assert course.title not in html


def test_navigation_links_the_catalogue_and_my_learning(learner_client, course_index):
    body = learner_client.get(course_index.url).content.decode()

    assert f'href="{reverse("courses:catalogue")}"' in body
    assert f'href="{reverse("courses:dashboard")}"' in body


def test_navigation_has_no_my_learning_for_visitors(client, course_index):
    body = client.get(course_index.url).content.decode()

    assert f'href="{reverse("courses:dashboard")}"' not in body
