"""Submitting a unit's report, its review by the level above, and who has and
has not submitted: the services, the selector and the admin pages.

The figures come from the `world` of conftest.py. Its 2026 first half (the
test template's period, 1/1–30/6) holds K2026A (Tịnh Khê: Lan, Hoa late, Tuấn
= 3 turns, 2 women) and K2026B (Lý Sơn: Hoa = 1 turn).
"""

import datetime as dt
import unicodedata

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from people.roles import Role
from stats.admin.submissions import ReportsMenuItem
from stats.models import ReportSubmission, ReportTemplate
from stats.selectors.submissions import MISSING, submission_status
from stats.services.submissions import (
    report_approve,
    report_figures_for_unit,
    report_return,
    report_submit,
)
from tests.factories import UserFactory
from tests.factories.training import make_mark, make_participant

pytestmark = pytest.mark.django_db

YEAR = 2026


def make_template(**fields) -> ReportTemplate:
    values = {
        "name": "Báo cáo thử nửa năm",
        "slug": "bao-cao-thu",
        "recipient": "Sở Nội vụ tỉnh Quảng Ngãi",
        "period_start_month": 1,
        "period_start_day": 1,
        "period_end_month": 6,
        "period_end_day": 30,
        "cutoff_month": 6,
        "cutoff_day": 30,
        "due_month": 7,
        "due_day": 15,
        "first_year": 2025,
    }
    values.update(fields)
    return ReportTemplate.objects.create(**values)


@pytest.fixture
def template(db):
    return make_template()


@pytest.fixture
def province_manager(world):
    """The level above Tịnh Khê and Lý Sơn."""
    return UserFactory(
        username="manager-province",
        unit=world.province,
        roles=[Role.UNIT_MANAGER],
        managed_units=[world.province],
    )


@pytest.fixture
def submitted(world, template):
    return report_submit(
        template=template, year=YEAR, unit=world.tinh_khe, by=world.manager_tinh_khe
    )


def vietnamese(error) -> list[str]:
    with translation.override("vi"):
        return [str(message) for message in error.value.messages]


def add_turn_to_k2026a(world):
    """A record made after the report was sent: one more woman in K2026A."""
    late = UserFactory(username="den-muon", sex="nu", unit=world.tinh_khe)
    session = world.k2026a.sessions.get()
    make_mark(session, make_participant(world.k2026a, late), "present")


# --- Submitting ----------------------------------------------------------------


def test_a_manager_submits_their_units_report_with_its_figures(
    world, template, submitted
):
    assert submitted.status == ReportSubmission.Status.SUBMITTED
    assert submitted.submitted_by == world.manager_tinh_khe
    figures = ReportSubmission.objects.get(pk=submitted.pk).figures
    assert figures["period"]["start"] == "2026-01-01"
    assert figures["period"]["end"] == "2026-06-30"
    training = figures["training"]
    assert (training["classes"], training["turns"], training["turns_women"]) == (
        1,
        3,
        2,
    )
    assert training["people"] == 3
    assert [row["unit_name"] for row in figures["by_unit"]] == ["Xã Tịnh Khê"]
    # Lan enrolled on 1/2/2026 and completed; Hoa is of Lý Sơn.
    assert (figures["online"]["enrolments"], figures["online"]["completions"]) == (
        1,
        1,
    )


def test_the_figures_are_frozen_when_records_change_later(world, template, submitted):
    add_turn_to_k2026a(world)
    live = report_figures_for_unit(
        template=template, year=YEAR, unit=world.tinh_khe, by=world.administrator
    )
    assert live["training"]["turns"] == 4
    submitted.refresh_from_db()
    assert submitted.figures["training"]["turns"] == 3
    assert submitted.figures["by_unit"][0]["turns"] == 3


def test_an_administrator_may_submit_any_units_report(world, template):
    submission = report_submit(
        template=template, year=YEAR, unit=world.ly_son, by=world.administrator
    )
    assert submission.figures["training"]["turns"] == 1


def test_a_manager_of_another_unit_cannot_submit(world, template):
    with pytest.raises(PermissionDenied):
        report_submit(
            template=template, year=YEAR, unit=world.tinh_khe, by=world.manager_ly_son
        )
    # Nor may a manager of the unit above submit in the unit's name.
    with pytest.raises(PermissionDenied):
        report_submit(
            template=template,
            year=YEAR,
            unit=world.tinh_khe,
            by=UserFactory(roles=[Role.UNIT_MANAGER], managed_units=[world.province]),
        )
    with pytest.raises(PermissionDenied):
        report_submit(template=template, year=YEAR, unit=world.tinh_khe, by=world.lan)
    assert not ReportSubmission.objects.exists()


def test_a_second_submission_is_refused_while_waiting_for_review(
    world, template, submitted
):
    add_turn_to_k2026a(world)
    with pytest.raises(ValidationError) as error:
        report_submit(
            template=template,
            year=YEAR,
            unit=world.tinh_khe,
            by=world.manager_tinh_khe,
        )
    assert vietnamese(error) == [
        "Báo cáo này đã được gửi và đang chờ duyệt; chỉ có thể gửi lại khi bị trả lại."
    ]
    assert ReportSubmission.objects.count() == 1
    submitted.refresh_from_db()
    assert submitted.figures["training"]["turns"] == 3


def test_an_approved_report_cannot_be_submitted_again(
    world, template, submitted, province_manager
):
    report_approve(submission=submitted, by=province_manager)
    with pytest.raises(ValidationError) as error:
        report_submit(
            template=template,
            year=YEAR,
            unit=world.tinh_khe,
            by=world.manager_tinh_khe,
        )
    assert vietnamese(error) == ["Báo cáo này đã được duyệt."]
    submitted.refresh_from_db()
    assert submitted.status == ReportSubmission.Status.APPROVED


def test_a_template_for_another_year_is_refused(world):
    old = make_template(slug="bao-cao-cu", first_year=2022, last_year=2024)
    with pytest.raises(ValidationError) as error:
        report_submit(
            template=old, year=YEAR, unit=world.tinh_khe, by=world.manager_tinh_khe
        )
    assert vietnamese(error) == [
        "Báo cáo “Báo cáo thử nửa năm” không áp dụng cho năm 2026."
    ]
    assert not ReportSubmission.objects.exists()


def test_a_unit_not_in_force_at_the_end_of_the_period_is_refused(world, template):
    with pytest.raises(ValidationError) as error:
        report_submit(
            template=template, year=YEAR, unit=world.district, by=world.administrator
        )
    assert vietnamese(error) == [
        "Huyện Sơn Tịnh không có hiệu lực vào ngày cuối của kỳ báo cáo (30/06/2026)."
    ]
    assert not ReportSubmission.objects.exists()


def test_a_returned_report_is_submitted_again_with_new_figures(
    world, template, submitted, province_manager
):
    report_return(submission=submitted, by=province_manager, comment="Thiếu lớp K9")
    add_turn_to_k2026a(world)
    again = report_submit(
        template=template, year=YEAR, unit=world.tinh_khe, by=world.manager_tinh_khe
    )
    assert again.pk == submitted.pk
    again.refresh_from_db()
    assert again.status == ReportSubmission.Status.SUBMITTED
    assert again.figures["training"]["turns"] == 4
    assert (again.reviewed_by, again.reviewed_at, again.review_comment) == (
        None,
        None,
        "",
    )


# --- Reviewing -------------------------------------------------------------------


def test_the_level_above_approves_and_the_submitter_is_told(
    world,
    submitted,
    province_manager,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    with django_capture_on_commit_callbacks(execute=True):
        report_approve(submission=submitted, by=province_manager)
    submitted.refresh_from_db()
    assert submitted.status == ReportSubmission.Status.APPROVED
    assert submitted.reviewed_by == province_manager
    assert submitted.reviewed_at is not None
    assert [mail.to for mail in mailoutbox] == [[world.manager_tinh_khe.email]]
    assert mailoutbox[0].subject.startswith("Báo cáo đã được duyệt")
    assert f"/stats-reports/{submitted.pk}/" in mailoutbox[0].body


def test_the_units_own_manager_cannot_approve_their_own_report(
    world, submitted, mailoutbox
):
    with pytest.raises(PermissionDenied):
        report_approve(submission=submitted, by=world.manager_tinh_khe)
    with pytest.raises(PermissionDenied):
        report_return(
            submission=submitted, by=world.manager_tinh_khe, comment="Tự trả lại"
        )
    # A manager of a sibling unit is not the level above either.
    with pytest.raises(PermissionDenied):
        report_approve(submission=submitted, by=world.manager_ly_son)
    submitted.refresh_from_db()
    assert submitted.status == ReportSubmission.Status.SUBMITTED
    assert submitted.reviewed_by is None
    assert mailoutbox == []


def test_an_administrator_may_approve(world, submitted):
    report_approve(submission=submitted, by=world.administrator)
    submitted.refresh_from_db()
    assert submitted.status == ReportSubmission.Status.APPROVED


def test_returning_needs_a_comment(
    submitted, province_manager, django_capture_on_commit_callbacks, mailoutbox
):
    for blank in ("", "   \n "):
        with (
            django_capture_on_commit_callbacks(execute=True),
            pytest.raises(ValidationError) as error,
        ):
            report_return(submission=submitted, by=province_manager, comment=blank)
        assert vietnamese(error) == [
            "Hãy ghi rõ những nội dung cần chỉnh sửa trước khi trả lại báo cáo."
        ]
    submitted.refresh_from_db()
    assert submitted.status == ReportSubmission.Status.SUBMITTED
    assert mailoutbox == []


def test_a_returned_report_keeps_the_comment_in_nfc_and_mails_it(
    world,
    submitted,
    province_manager,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    typed = unicodedata.normalize("NFD", "  Thiếu số liệu lớp tháng 5  ")
    with django_capture_on_commit_callbacks(execute=True):
        report_return(submission=submitted, by=province_manager, comment=typed)
    submitted.refresh_from_db()
    assert submitted.status == ReportSubmission.Status.RETURNED
    assert submitted.review_comment == "Thiếu số liệu lớp tháng 5"
    assert [mail.to for mail in mailoutbox] == [[world.manager_tinh_khe.email]]
    assert mailoutbox[0].subject.startswith("Báo cáo bị trả lại")
    assert "Thiếu số liệu lớp tháng 5" in mailoutbox[0].body


def test_only_a_report_waiting_for_review_is_reviewed(submitted, province_manager):
    report_approve(submission=submitted, by=province_manager)
    with pytest.raises(ValidationError) as error:
        report_return(submission=submitted, by=province_manager, comment="Muộn")
    assert vietnamese(error) == [
        "Chỉ có thể duyệt hoặc trả lại báo cáo đang chờ duyệt."
    ]
    submitted.refresh_from_db()
    assert submitted.status == ReportSubmission.Status.APPROVED
    assert submitted.review_comment == ""


# --- Who has and has not submitted ---------------------------------------------------


def test_the_province_sees_who_has_and_has_not_submitted(world, template, submitted):
    rows = submission_status(
        template=template, year=YEAR, under=None, user=world.administrator
    )
    # Only the units in force on 30/6/2026: the 2022 tree is gone.
    assert [(row.unit.name, row.status) for row in rows] == [
        ("Tỉnh Quảng Ngãi", MISSING),
        ("Xã Tịnh Khê", ReportSubmission.Status.SUBMITTED),
        ("Đặc khu Lý Sơn", MISSING),
    ]
    assert rows[1].submission == submitted
    assert [row.is_outstanding for row in rows] == [True, False, True]
    under = submission_status(
        template=template, year=YEAR, under=world.ly_son, user=world.administrator
    )
    assert [row.unit.name for row in under] == ["Đặc khu Lý Sơn"]


def test_a_returned_report_is_still_owed(world, template, submitted, province_manager):
    report_return(submission=submitted, by=province_manager, comment="Sửa lại")
    rows = submission_status(
        template=template, year=YEAR, under=world.tinh_khe, user=province_manager
    )
    assert [(row.status, row.is_outstanding) for row in rows] == [
        (ReportSubmission.Status.RETURNED, True)
    ]


def test_a_unit_manager_sees_only_their_units(world, template, submitted):
    rows = submission_status(
        template=template, year=YEAR, under=None, user=world.manager_ly_son
    )
    assert [(row.unit.name, row.status) for row in rows] == [
        ("Đặc khu Lý Sơn", MISSING)
    ]
    with pytest.raises(PermissionDenied):
        submission_status(
            template=template,
            year=YEAR,
            under=world.tinh_khe,
            user=world.manager_ly_son,
        )
    assert (
        submission_status(template=template, year=YEAR, under=None, user=world.lan)
        == []
    )


# --- Admin pages ----------------------------------------------------------------------


def denied(response) -> bool:
    """Wagtail answers a PermissionDenied with a redirect to the admin's home
    (and a message), or to the login page for someone outside the admin."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and (
        response["Location"] == reverse("wagtailadmin_home")
        or response["Location"].startswith(reverse("wagtailadmin_login"))
    )


def index_url(template, year=YEAR, **more):
    query = f"?template={template.pk}&year={year}"
    for key, value in more.items():
        query += f"&{key}={value}"
    return reverse("stats_reports:index") + query


def test_the_list_shows_who_has_not_submitted(
    client, world, template, submitted, django_assert_max_num_queries
):
    client.force_login(world.administrator)
    with django_assert_max_num_queries(30):
        response = client.get(index_url(template))
    assert response.status_code == 200
    lines = response.context["lines"]
    assert [(line["row"].unit.name, line["row"].status) for line in lines] == [
        ("Tỉnh Quảng Ngãi", MISSING),
        ("Xã Tịnh Khê", "submitted"),
        ("Đặc khu Lý Sơn", MISSING),
    ]
    assert response.context["missing"] == 2
    content = response.content.decode()
    assert "Chưa gửi" in content
    assert "Đã gửi, chờ duyệt" in content
    assert reverse("stats_reports:detail", args=[submitted.pk]) in content


def test_the_list_costs_the_same_queries_for_more_units(
    client, world, template, django_assert_max_num_queries
):
    from tests.factories.people import make_unit

    client.force_login(world.administrator)
    client.get(index_url(template))  # warm the caches (permissions, session)
    with django_assert_max_num_queries(30) as few:
        client.get(index_url(template))
    for number in range(10):
        make_unit(world.province, name=f"Xã mới {number}", code=f"NEW{number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(index_url(template)).status_code == 200


def test_a_manager_lists_only_their_units_and_may_not_ask_for_others(
    client, world, template
):
    client.force_login(world.manager_ly_son)
    response = client.get(index_url(template))
    assert [line["row"].unit.name for line in response.context["lines"]] == [
        "Đặc khu Lý Sơn"
    ]
    # Another unit is not a choice of the filter: the form refuses it.
    response = client.get(index_url(template, unit=world.tinh_khe.pk))
    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert "Xã Tịnh Khê" not in [
        line["row"].unit.name for line in response.context["lines"]
    ]


def test_the_detail_shows_the_frozen_figures(
    client, world, submitted, django_assert_max_num_queries
):
    add_turn_to_k2026a(world)
    client.force_login(world.manager_tinh_khe)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("stats_reports:detail", args=[submitted.pk]))
    assert response.status_code == 200
    headline = {row["label"]: row for row in response.context["headline"]}
    with translation.override("vi"):
        turns = headline[str(translation.gettext("Participant-turns"))]
    assert (turns["total"], turns["women"], turns["men"]) == (3, 2, 1)
    assert response.context["unit_rows"][0]["unit_name"] == "Xã Tịnh Khê"
    assert response.context["period"]["end"] == dt.date(2026, 6, 30)
    # Its own manager sees no approve button.
    assert response.context["may_review"] is False
    assert reverse("stats_reports:approve", args=[submitted.pk]) not in (
        response.content.decode()
    )


def test_a_manager_of_another_unit_cannot_open_the_report(client, world, submitted):
    client.force_login(world.manager_ly_son)
    for name in ("detail", "export"):
        url = reverse(f"stats_reports:{name}", args=[submitted.pk])
        assert client.get(url).status_code == 404
    response = client.post(reverse("stats_reports:approve", args=[submitted.pk]))
    assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == ReportSubmission.Status.SUBMITTED


def test_a_learner_is_refused_every_page(client, world, template, submitted):
    client.force_login(world.lan)
    urls = [
        index_url(template),
        reverse("stats_reports:submit"),
        reverse("stats_reports:detail", args=[submitted.pk]),
        reverse("stats_reports:export", args=[submitted.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert denied(response), url
        assert "Xã Tịnh Khê" not in response.content.decode()
    response = client.post(reverse("stats_reports:approve", args=[submitted.pk]))
    assert denied(response)
    submitted.refresh_from_db()
    assert submitted.status == ReportSubmission.Status.SUBMITTED


def test_a_trainer_without_the_permission_is_refused(client, world, template):
    trainer = UserFactory(roles=[Role.TRAINER], unit=world.tinh_khe)
    client.force_login(trainer)
    assert denied(client.get(index_url(template)))
    assert denied(client.get(reverse("stats_reports:submit")))


def test_a_manager_submits_through_the_form(client, world, template):
    client.force_login(world.manager_tinh_khe)
    url = reverse("stats_reports:submit")
    response = client.get(
        f"{url}?template={template.pk}&year={YEAR}&unit={world.tinh_khe.pk}"
    )
    assert response.status_code == 200
    # Only their own unit is offered.
    offered = [unit.pk for unit in response.context["form"].fields["unit"].queryset]
    assert offered == [world.tinh_khe.pk]
    data = {"template": template.pk, "year": YEAR, "unit": world.tinh_khe.pk}
    response = client.post(url, data)
    submission = ReportSubmission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("stats_reports:detail", args=[submission.pk])
    assert submission.figures["training"]["turns"] == 3
    # A second time: the form again, with the service's Vietnamese message.
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Báo cáo này đã được gửi và đang chờ duyệt; chỉ có thể gửi lại khi bị trả lại."
    ]
    assert ReportSubmission.objects.count() == 1


def test_the_form_refuses_a_unit_the_manager_does_not_manage(client, world, template):
    client.force_login(world.manager_ly_son)
    response = client.post(
        reverse("stats_reports:submit"),
        {"template": template.pk, "year": YEAR, "unit": world.tinh_khe.pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert not ReportSubmission.objects.exists()


def test_the_level_above_approves_and_returns_through_the_page(
    client, world, template, submitted, province_manager
):
    client.force_login(province_manager)
    detail = reverse("stats_reports:detail", args=[submitted.pk])
    response = client.get(detail)
    assert response.context["may_review"] is True
    # An empty comment: nothing changes, the reason is said in Vietnamese.
    response = client.post(
        reverse("stats_reports:return", args=[submitted.pk]),
        {"comment": "  "},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        "Hãy ghi rõ những nội dung cần chỉnh sửa trước khi trả lại báo cáo."
    ]
    submitted.refresh_from_db()
    assert submitted.status == ReportSubmission.Status.SUBMITTED
    response = client.post(
        reverse("stats_reports:return", args=[submitted.pk]),
        {"comment": "Bổ sung lớp tháng 6"},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ReportSubmission.Status.RETURNED
    assert submitted.review_comment == "Bổ sung lớp tháng 6"


def test_the_units_own_manager_cannot_approve_through_the_page(
    client, world, submitted
):
    client.force_login(world.manager_tinh_khe)
    response = client.post(reverse("stats_reports:approve", args=[submitted.pk]))
    assert denied(response)
    submitted.refresh_from_db()
    assert submitted.status == ReportSubmission.Status.SUBMITTED


def test_the_frozen_figures_download_as_excel(client, world, submitted):
    from io import BytesIO

    from openpyxl import load_workbook

    add_turn_to_k2026a(world)
    client.force_login(world.manager_tinh_khe)
    response = client.get(reverse("stats_reports:export", args=[submitted.pk]))
    assert response.status_code == 200
    assert 'filename="bao-cao-thu-2026-s25001.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(BytesIO(response.content))
    rows = [
        row
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
    ]
    assert tuple(v for v in rows[0] if v) == ("Báo cáo thử nửa năm 2026",)
    # The unit's line: its code, its name, then the frozen turns (3, not 4).
    line = next(row for row in rows if "S25001" in row)
    numbers = [value for value in line if isinstance(value, int)]
    assert "Xã Tịnh Khê" in line
    assert numbers[:3] == [3, 2, 1]


def test_the_menu_item_is_shown_with_the_permission(rf, world):
    item = ReportsMenuItem("Reports", "/admin/stats-reports/")
    request = rf.get("/")
    request.user = world.manager_tinh_khe
    assert item.is_shown(request) is True
    request.user = world.lan
    assert item.is_shown(request) is False
