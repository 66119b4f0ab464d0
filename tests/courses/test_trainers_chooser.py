"""The course's "Trainers" field offers trainers only, through a chooser that
searches (issue 13): no learner's name, e-mail or id reaches the editor."""

import json
import unicodedata

import pytest
from django.urls import reverse
from wagtail.models import Page

from courses.models import CoursePage
from people.roles import Role
from tests.courses.conftest_admin import *  # noqa: F403 (fixtures)
from tests.courses.conftest_admin import course_form
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHOOSE = "course_trainer_chooser:choose"
RESULTS = "course_trainer_chooser:choose_results"


@pytest.fixture
def private_learner(province):
    return UserFactory(
        username="hocvien.kin",
        full_name="Nguyễn Thị Kín",
        email="kin@example.vn",
        unit=province,
        roles=[Role.LEARNER],
    )


@pytest.fixture
def administrator(province):
    return UserFactory(username="quantri", unit=province, roles=[Role.ADMINISTRATOR])


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def modal_html(response) -> str:
    return json.loads(response.content)["html"]


def with_trainers(data, *users):
    """The form as posted, with the ticked trainers (a list, as browsers send)."""
    return {**data, "trainers": [str(user.pk) for user in users]}


def trainer_ids_of(course):
    return sorted(
        user.pk for user in CoursePage.objects.get(pk=course.pk).trainers.all()
    )


# --- The field's choices ----------------------------------------------------------


def test_the_field_offers_trainers_and_never_a_learner(
    client_for, trainer, other_trainer, private_learner, reviewer, trainer_course
):
    form_class = CoursePage.get_edit_handler().get_form_class()
    form = form_class(instance=trainer_course, for_user=trainer)
    offered = set(form.fields["trainers"].queryset)

    assert {trainer, other_trainer} <= offered
    assert private_learner not in offered
    assert reviewer not in offered

    content = client_for(trainer).get(edit_url(trainer_course)).content.decode()
    assert other_trainer.full_name in content
    for leak in (private_learner.full_name, private_learner.email):
        assert leak not in content
    assert f'name="trainers" value="{private_learner.pk}"' not in content
    assert reverse(CHOOSE) in content


def test_a_chosen_trainer_who_lost_the_role_stays_listed(
    client_for, trainer, other_trainer, trainer_course
):
    trainer_course.trainers.add(other_trainer)
    trainer_course.save()
    other_trainer.groups.clear()

    form_class = CoursePage.get_edit_handler().get_form_class()
    form = form_class(instance=trainer_course, for_user=trainer)

    assert other_trainer in set(form.fields["trainers"].queryset)


# --- The chooser ------------------------------------------------------------------


def test_the_chooser_lists_trainers_only(
    client_for, trainer, other_trainer, private_learner, trainer_course
):
    html = modal_html(client_for(trainer).get(reverse(CHOOSE), {"multiple": "1"}))

    assert trainer.full_name in html and other_trainer.full_name in html
    assert private_learner.full_name not in html
    assert private_learner.email not in html


def test_search_finds_a_trainer_by_a_name_typed_with_combining_marks(
    client_for, trainer, other_trainer, private_learner, trainer_course
):
    typed = unicodedata.normalize("NFD", "Hương")
    assert typed != "Hương"

    html = client_for(trainer).get(reverse(RESULTS), {"q": typed}).content.decode()

    assert trainer.full_name in html
    assert other_trainer.full_name not in html


@pytest.mark.parametrize("query", ["giangvien2", "Nam", "example"])
def test_search_by_username_name_or_email_never_reaches_a_learner(
    client_for, trainer, other_trainer, private_learner, trainer_course, query
):
    html = client_for(trainer).get(reverse(RESULTS), {"q": query}).content.decode()

    if query != "example":
        assert other_trainer.full_name in html
    assert private_learner.full_name not in html
    for learner_query in ("Kín", "hocvien", "kin@example.vn"):
        found = client_for(trainer).get(reverse(RESULTS), {"q": learner_query})
        assert private_learner.full_name not in found.content.decode()


def test_the_chosen_endpoints_answer_for_trainers_only(
    client_for, trainer, other_trainer, private_learner, trainer_course
):
    client = client_for(trainer)

    learner = client.get(
        reverse("course_trainer_chooser:chosen", args=[private_learner.pk])
    )
    several = client.get(
        reverse("course_trainer_chooser:chosen_multiple"),
        {"id": [private_learner.pk, other_trainer.pk]},
    )

    assert learner.status_code == 404
    result = json.loads(several.content)["result"]
    assert [item["id"] for item in result] == [str(other_trainer.pk)]
    assert private_learner.full_name not in several.content.decode()


@pytest.mark.parametrize("who", ["learner", "reviewer", "anonymous"])
def test_non_editors_are_denied_on_every_chooser_url(
    client_for, client, who, learner, reviewer, trainer, private_learner, publishing
):
    user = {"learner": learner, "reviewer": reviewer, "anonymous": None}[who]
    browser = client_for(user) if user else client
    urls = [
        reverse(CHOOSE),
        reverse(RESULTS) + "?q=Kín",
        reverse("course_trainer_chooser:chosen", args=[trainer.pk]),
        reverse("course_trainer_chooser:chosen_multiple") + f"?id={trainer.pk}",
    ]
    for url in urls:
        response = browser.get(url)
        assert response.status_code in (302, 403), url
        body = response.content.decode()
        assert trainer.full_name not in body
        assert private_learner.full_name not in body


# --- Saving -------------------------------------------------------------------------


def test_saving_a_course_with_a_chosen_trainer(
    client_for, administrator, other_trainer, trainer_course
):
    response = client_for(administrator).post(
        edit_url(trainer_course),
        with_trainers(
            course_form(trainer_course, **{"action-publish": "1"}), other_trainer
        ),
    )

    assert response.status_code == 302
    assert trainer_ids_of(trainer_course) == [other_trainer.pk]


def test_a_non_trainer_posted_by_hand_is_refused_and_nothing_saved(
    client_for, trainer, private_learner, trainer_course
):
    page = Page.objects.get(pk=trainer_course.pk)
    revisions = page.revisions.count()

    response = client_for(trainer).post(
        edit_url(trainer_course),
        with_trainers(course_form(trainer_course, title="Đổi tên"), private_learner),
    )

    assert response.status_code == 200
    assert "Chỉ người có vai trò giảng viên mới được chọn" in response.content.decode()
    assert private_learner.full_name not in response.content.decode()
    assert page.revisions.count() == revisions
    assert Page.objects.get(pk=page.pk).title == trainer_course.title
    assert trainer_ids_of(trainer_course) == []
