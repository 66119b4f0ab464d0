"""Report templates in the admin (administrators edit, unit managers only
look), and the Statistics menu items of the register and the templates."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from stats.models import ReportSubmission, ReportTemplate
from stats.wagtail_hooks import stats_menu

pytestmark = pytest.mark.django_db


def template_data(**changes):
    data = {
        "name": "Báo cáo quý",
        "slug": "bao-cao-quy",
        "recipient": "Sở Nội vụ tỉnh Quảng Ngãi",
        "period_start_day": 1,
        "period_start_month": 1,
        "period_end_day": 31,
        "period_end_month": 3,
        "cutoff_day": 31,
        "cutoff_month": 3,
        "due_day": 15,
        "due_month": 4,
        "first_year": 2026,
        "last_year": "",
    }
    return {**data, **changes}


@pytest.fixture
def annual(db):
    # Seeded by stats' data migration.
    return ReportTemplate.objects.get(slug="bao-cao-nam", first_year=2025)


def test_administrator_adds_a_template(client, world):
    client.force_login(world.administrator)
    response = client.post(reverse("stats_templates:add"), template_data())
    assert response.status_code == 302
    template = ReportTemplate.objects.get(slug="bao-cao-quy")
    assert template.period(2026).due.isoformat() == "2026-04-15"
    listing = client.get(reverse("stats_templates:index")).content.decode()
    assert "01/01 – 31/03" in listing and "15/04" in listing


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"last_year": 2024}, "Năm cuối không thể trước năm đầu."),
        (
            {
                "period_end_month": 12,
                "period_start_month": 12,
                "period_end_day": 1,
                "period_start_day": 2,
            },
            "Kỳ báo cáo kết thúc trước khi bắt đầu",
        ),
        ({"due_day": 31, "due_month": 4}, "Tháng 4 không có ngày 31."),
        ({"first_year": 1990}, "Ghi năm từ 2000 đến 2100."),
        ({"slug": "bao-cao-nam", "first_year": 2025}, "tên viết tắt “bao-cao-nam”"),
    ],
)
def test_bad_dates_and_years_are_refused_in_vietnamese(client, world, changes, message):
    client.force_login(world.administrator)
    before = ReportTemplate.objects.count()
    response = client.post(reverse("stats_templates:add"), template_data(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ReportTemplate.objects.count() == before


def test_unit_manager_sees_the_templates_but_cannot_change_them(client, world, annual):
    client.force_login(world.manager_tinh_khe)
    index = client.get(reverse("stats_templates:index"))
    assert index.status_code == 200
    assert "Sở Nội vụ tỉnh Quảng Ngãi" in index.content.decode()
    inspect = client.get(reverse("stats_templates:inspect", args=[annual.pk]))
    assert inspect.status_code == 200
    edit = reverse("stats_templates:edit", args=[annual.pk])
    assert client.get(edit).status_code in (302, 403)
    response = client.post(edit, template_data(name="Đổi tên", first_year=2025))
    assert response.status_code in (302, 403)
    assert client.post(reverse("stats_templates:add"), template_data()).status_code in (
        302,
        403,
    )
    annual.refresh_from_db()
    assert annual.name == "Báo cáo năm"
    assert not ReportTemplate.objects.filter(slug="bao-cao-quy").exists()


def test_learner_is_kept_out(client, world):
    client.force_login(world.lan)
    assert client.get(reverse("stats_templates:index")).status_code in (302, 403)


def test_a_template_with_submitted_reports_is_not_deleted(client, world, annual):
    ReportSubmission.objects.create(
        template=annual,
        year=2026,
        unit=world.tinh_khe,
        submitted_by=world.manager_tinh_khe,
        submitted_at=timezone.now(),
    )
    client.force_login(world.administrator)
    response = client.post(
        reverse("stats_templates:delete", args=[annual.pk]), follow=True
    )
    assert "Không xóa được “Báo cáo năm”" in response.content.decode()
    assert ReportTemplate.objects.filter(pk=annual.pk).exists()


def menu_labels(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return {str(item.label) for item in stats_menu.menu_items_for_request(request)}


def test_statistics_menu_lists_the_register_and_templates_to_managers_only(world):
    labels = menu_labels(world.manager_tinh_khe)
    assert {"Quy mô nhóm đối tượng", "Mẫu báo cáo"} <= labels
    assert menu_labels(world.lan).isdisjoint({"Quy mô nhóm đối tượng", "Mẫu báo cáo"})
