"""Wagtail's own admin screens that showed English in the Vietnamese admin:
permission names, the page field of the permission and workflow forms, and the
page search's result count (lms.wagtail_admin, lms_tags.permission_label)."""

import pytest
from django.contrib.auth.models import Permission
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from wagtail.admin.forms.workflows import WorkflowPageForm
from wagtail.users.forms import PagePermissionsForm

from lms.templatetags.lms_tags import permission_label
from people.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def perm(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def test_default_permissions_are_named_in_the_current_language():
    with translation.override("vi"):
        assert permission_label(perm("assessments", "add_quiz")) == (
            "Có thể thêm bài kiểm tra"
        )
        assert permission_label(perm("auth", "delete_group")) == "Có thể xóa nhóm"
    with translation.override("en"):
        assert permission_label(perm("assessments", "add_quiz")) == "Can add quiz"


def test_other_permissions_are_translated_by_their_stored_name():
    grade = perm("assessments", "grade_attempts")
    with translation.override("vi"):
        assert permission_label(grade) == "Được chấm điểm và chấm lại lượt làm bài"
    with translation.override("en"):
        assert permission_label(grade) == grade.name


def test_a_permission_without_a_translation_keeps_its_stored_name():
    # A codename that looks like a default one but names another model.
    odd = Permission.objects.create(
        content_type=perm("assessments", "add_quiz").content_type,
        codename="add_nothing",
        name="Can add nothing",
    )
    with translation.override("vi"):
        assert permission_label(odd) == "Can add nothing"


def test_the_page_field_and_page_permissions_are_labelled_in_vietnamese():
    with translation.override("vi"):
        form = PagePermissionsForm()
        labels = [label for _code, label in form.fields["permissions"].choices]
        assert str(form.fields["page"].label) == "Trang"
        assert str(WorkflowPageForm().fields["page"].label) == "Trang"
    assert "Xóa trang có trang con" in labels
    assert "Xuất bản mọi trang" in labels
    assert not [label for label in labels if "|" in label or "Can " in label]


def test_the_group_page_names_permissions_in_vietnamese(client, administrator):
    client.force_login(administrator)
    response = client.get(reverse("wagtailusers_groups:add"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Có thể thêm bài kiểm tra" in body
    assert "Can add" not in body
    assert "Xóa trang có trang con" in body


def test_the_group_pages_are_not_for_a_trainer(client, province):
    client.force_login(UserFactory(unit=province, roles=[Role.TRAINER]))
    response = client.get(reverse("wagtailusers_groups:add"))

    assert response.status_code in (302, 403)
    assert "Có thể thêm" not in response.content.decode()


def test_the_page_search_counts_pages_in_vietnamese(client, administrator, home_page):
    client.force_login(administrator)
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "Trang"})

    body = " ".join(response.content.decode().split())
    assert response.status_code == 200
    assert "1-1 trong số 1 trang" in body
    assert "trong số 1 None" not in body


def test_the_permission_label_filter_is_usable_in_templates():
    template = Template("{% load lms_tags %}{{ permission|permission_label }}")
    with translation.override("vi"):
        text = template.render(Context({"permission": perm("auth", "view_group")}))
    assert text == "Có thể xem nhóm"


def test_a_page_published_by_no_one_shows_no_none_in_the_aging_report(
    client, administrator, home_page
):
    from django.utils import timezone

    from tests.lms.test_admin_vietnamese import english_findings, visible_text

    type(home_page).objects.filter(pk=home_page.pk).update(
        last_published_at=timezone.now()
    )
    client.force_login(administrator)
    response = client.get(reverse("wagtailadmin_reports:aging_pages"))

    _soup, text = visible_text(response.content.decode())
    assert response.status_code == 200
    assert home_page.title in text
    assert "None" not in english_findings(text)
