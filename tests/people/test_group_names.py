"""Groups are named in Vietnamese (people.roles.Role, migration people 0004):
Wagtail shows a group's stored name wherever it lists groups."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Task, Workflow

from people.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

migration = import_module("people.migrations.0004_group_names_in_vietnamese")


def test_role_groups_and_wagtails_groups_are_named_in_vietnamese():
    names = set(Group.objects.values_list("name", flat=True))

    assert names >= {
        "Học viên",
        "Giáo viên",
        "Giảng viên",
        "Người duyệt",
        "Quản lý đơn vị",
        "Quản trị viên",
        "Người kiểm duyệt",
        "Biên tập viên",
    }
    assert not names & {"Learners", "Trainers", "Moderators", "Editors"}
    assert Workflow.objects.filter(name="Người kiểm duyệt phê duyệt").exists()
    assert Task.objects.filter(name="Người kiểm duyệt phê duyệt").exists()


def test_the_migration_renames_english_groups_keeping_members_and_permissions(
    province,
):
    Group.objects.filter(name=Role.TRAINER).delete()
    old = Group.objects.create(name="Trainers")
    old.permissions.add(*Group.objects.get(name=Role.ADMINISTRATOR).permissions.all())
    member = UserFactory(unit=province)
    member.groups.add(old)

    migration.to_vietnamese(apps, None)

    renamed = Group.objects.get(pk=old.pk)
    assert renamed.name == Role.TRAINER == "Giảng viên"
    assert list(renamed.user_set.all()) == [member]
    assert renamed.permissions.exists()
    assert not Group.objects.filter(name="Trainers").exists()


def test_the_migration_leaves_a_name_already_taken_alone():
    english = Group.objects.create(name="Learners")

    migration.to_vietnamese(apps, None)

    assert Group.objects.get(pk=english.pk).name == "Learners"
    assert Group.objects.filter(name=Role.LEARNER).count() == 1


def test_the_migration_can_be_reversed():
    migration.to_english(apps, None)

    assert Group.objects.filter(name="Learners").exists()
    assert Group.objects.filter(name="Moderators").exists()
    assert Workflow.objects.filter(name="Moderators approval").exists()
    migration.to_vietnamese(apps, None)
    assert Group.objects.filter(name=Role.LEARNER).exists()
    assert not Group.objects.filter(name="Moderators").exists()


def test_the_groups_list_shows_vietnamese_names(client, administrator):
    client.force_login(administrator)
    body = client.get(reverse("wagtailusers_groups:index")).content.decode()

    assert "Giảng viên" in body and "Người kiểm duyệt" in body
    assert "Trainers" not in body and "Moderators" not in body
