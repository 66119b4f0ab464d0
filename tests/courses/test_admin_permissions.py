"""Who reaches which part of the courses admin: roles, menus and page moves."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from courses.models import ModulePage
from people.roles import Role
from tests.courses.conftest_admin import *  # noqa: F403 (fixtures)
from tests.factories.courses import make_module

pytestmark = pytest.mark.django_db

LEARNING_URLS = {
    "progress": reverse("course_progress:index"),
    "assignments": reverse("course_assignments:index"),
    "new assignment": reverse("course_assignments:add"),
    "requests": reverse("enrolment_requests:index"),
}


def codenames(role):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=role).permissions.select_related("content_type")
    }


def menu_urls(response) -> set[str]:
    """The URLs in the admin's sidebar (rendered as JSON props for the sidebar app)."""
    content = response.content.decode()
    match = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        content,
        re.S,
    )
    assert match, "sidebar props not found"
    return set(re.findall(r'"url": "([^"]+)"', json.dumps(json.loads(match[1]))))


# --- Role permissions ----------------------------------------------------------------------


def test_roles_hold_the_learning_permissions_they_need():
    learning = {
        "courses.view_enrolment",
        "courses.change_enrolment",
        "courses.add_courseassignment",
    }
    assert learning <= codenames(Role.TRAINER)
    assert learning <= codenames(Role.UNIT_MANAGER)
    assert learning <= codenames(Role.ADMINISTRATOR)
    assert {"wagtailimages.add_image", "wagtaildocs.add_document"} <= codenames(
        Role.TRAINER
    )
    assert not learning & codenames(Role.REVIEWER)
    assert codenames(Role.LEARNER) == set()


# --- Menus -------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["trainer", "unit_manager", "administrator"])
def test_learning_menu_is_shown_to_those_who_use_it(
    client_for, who, trainer, unit_manager, administrator
):
    user = {
        "trainer": trainer,
        "unit_manager": unit_manager,
        "administrator": administrator,
    }[who]

    urls = menu_urls(client_for(user).get(reverse("wagtailadmin_home")))

    assert {
        LEARNING_URLS["progress"],
        LEARNING_URLS["assignments"],
        LEARNING_URLS["requests"],
    } <= urls


def test_learning_menu_is_hidden_from_reviewers(client_for, reviewer):
    urls = menu_urls(client_for(reviewer).get(reverse("wagtailadmin_home")))

    assert not set(LEARNING_URLS.values()) & urls


@pytest.mark.parametrize("name", list(LEARNING_URLS))
def test_learning_pages_open_for_a_unit_manager(client_for, unit_manager, name):
    assert client_for(unit_manager).get(LEARNING_URLS[name]).status_code == 200


@pytest.mark.parametrize("name", list(LEARNING_URLS))
def test_learning_pages_send_anonymous_visitors_to_log_in(client, name):
    response = client.get(LEARNING_URLS[name])

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response.url


@pytest.mark.parametrize("name", list(LEARNING_URLS))
def test_learning_pages_refuse_reviewers(client_for, reviewer, name):
    response = client_for(reviewer).get(LEARNING_URLS[name])

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_report_offers_no_edit_or_delete_of_enrolments(
    client_for, administrator, learner, trainer_course
):
    from tests.factories.courses import make_enrolment

    enrolment = make_enrolment(learner, trainer_course)

    content = client_for(administrator).get(LEARNING_URLS["progress"]).content.decode()

    assert learner.full_name in content
    assert f"/edit/{enrolment.pk}/" not in content
    assert f"/delete/{enrolment.pk}/" not in content


# --- Pages -------------------------------------------------------------------------------------


def test_reviewer_opens_only_a_course_in_review_in_the_editor(
    client_for, reviewer, trainer_course
):
    """Review means approve or send back (tests/courses/test_reviewer_rights.py)."""
    response = client_for(reviewer).get(
        reverse("wagtailadmin_pages:edit", args=[trainer_course.pk])
    )

    assert response.status_code in (302, 403)


def test_trainer_may_start_a_new_course_in_the_catalogue(
    client_for, trainer, publishing
):
    response = client_for(trainer).get(
        reverse("wagtailadmin_pages:add", args=["courses", "coursepage", publishing.pk])
    )

    assert response.status_code == 200


def test_trainer_cannot_move_their_module_into_another_trainers_course(
    client_for, trainer, trainer_course, other_course
):
    module = make_module(trainer_course, owner=trainer, live=False)

    response = client_for(trainer).post(
        reverse("wagtailadmin_pages:move_confirm", args=[module.pk, other_course.pk])
    )

    assert response.status_code == 302
    module.refresh_from_db()
    assert module.get_parent().pk == trainer_course.pk
    assert ModulePage.objects.child_of(other_course).count() == 1


def test_trainer_cannot_bulk_move_their_module_into_another_trainers_course(
    client_for, trainer, trainer_course, other_course
):
    module = make_module(trainer_course, owner=trainer, live=False)
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "move"])
        + f"?id={module.pk}&childOf={trainer_course.pk}"
    )

    client_for(trainer).post(url, {"chooser": other_course.pk})

    module.refresh_from_db()
    assert module.get_parent().pk == trainer_course.pk
