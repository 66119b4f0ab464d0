"""The Excel export of a training report against the counts made by hand in
conftest.py: the workbook's cells, formats and headings, the admin download
(scoped, the wrong user refused, bad input answered in Vietnamese) and the
command line."""

import datetime as dt
import io
import logging

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from people.models import AdminUnit
from stats.selectors.dashboard import report_figures
from stats.services.exports import report_workbook
from tests.factories import UserFactory
from tests.factories.training import (
    make_mark,
    make_participant,
    make_session,
    make_training_class,
)
from training.models import TrainingClass

from .conftest import ALL_YEARS
from .test_figures import scope_for

pytestmark = pytest.mark.django_db

SHEETS = [
    "Tổng hợp",
    "Theo đơn vị",
    "Theo nhóm đối tượng",
    "Theo lớp",
    "Theo khóa học",
    "Tài liệu trường học",
]
SEX_HEADERS = [
    "Lượt người (tổng số)",
    "Lượt người nữ",
    "Lượt người nam",
    "Số người (tổng số)",
    "Số người nữ",
    "Số người nam",
]
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ALL_YEARS_QUERY = {"start": "01/01/2022", "end": "31/12/2026"}


# --- Reading a workbook back ---------------------------------------------------------


def read(content):
    return load_workbook(io.BytesIO(content))


def values(sheet):
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def row_cells(sheet, label, column=0):
    """The cells of the (first) row whose `column` reads `label`."""
    for row in sheet.iter_rows():
        if row[column].value == label:
            return row
    raise AssertionError(f"no row {label!r} in {sheet.title}: {values(sheet)}")


def row_values(sheet, label, column=0):
    return [cell.value for cell in row_cells(sheet, label, column)]


def header_row(sheet, first):
    """The header row of a table (its first column's header)."""
    return [value for value in row_values(sheet, first) if value is not None]


def workbook_for(user, period=ALL_YEARS, *, cutoff=None, **filters):
    figures = report_figures(scope_for(user, period, **filters))
    return read(
        report_workbook(
            figures,
            title="Báo cáo thử",
            unit_name="Tỉnh Quảng Ngãi",
            period=period,
            cutoff=cutoff,
        )
    )


class Records(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.INFO)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture
def audit():
    """What lms.audit records (it does not propagate to caplog's root handler)."""
    handler = Records()
    logger = logging.getLogger("lms.audit")
    logger.addHandler(handler)
    yield handler.messages
    logger.removeHandler(handler)


def assert_denied(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to its home
    page and a message; never a workbook."""
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert response.get("Content-Type") != XLSX_TYPE


@pytest.fixture
def all_years(world):
    return workbook_for(world.administrator)


# --- The workbook ----------------------------------------------------------------


def test_the_workbook_has_its_six_sheets_in_vietnamese(all_years):
    assert all_years.sheetnames == SHEETS


def test_the_summary_matches_the_hand_count(all_years):
    summary = all_years["Tổng hợp"]
    assert header_row(summary, "Chỉ tiêu") == ["Chỉ tiêu", "Tổng số", "Nữ", "Nam"]
    assert row_values(summary, "Lượt người tham gia") == [
        "Lượt người tham gia",
        6,
        4,
        2,
    ]
    assert row_values(summary, "Số người được tập huấn") == [
        "Số người được tập huấn",
        4,
        2,
        2,
    ]
    assert row_values(summary, "Số lớp đã tổ chức")[1] == 3
    assert row_values(summary, "Số buổi học")[1] == 4
    assert row_values(summary, "Số giờ tập huấn")[1] == 14
    assert row_values(summary, "Số giờ học của học viên (giờ-người)")[1] == 25.5
    # Ethnicity only with consent: Lan, twice, one woman.
    minority = "Số người dân tộc thiểu số (đã đồng ý cung cấp thông tin)"
    assert row_values(summary, minority)[1:3] == [1, 1]
    assert row_values(summary, "Lượt người giữ chức vụ lãnh đạo")[1:3] == [2, 2]
    unknown = "Số người không được dùng thông tin dân tộc (chưa đồng ý)"
    assert row_values(summary, unknown)[1] == 2
    # By level: the 2022 district class, then the communes' classes.
    assert row_values(summary, "Do cấp huyện tổ chức (đến 30/6/2025)")[1:] == [2, 1, 1]
    assert row_values(summary, "Do cấp xã tổ chức")[1:] == [4, 3, 1]


def test_the_summary_shows_online_learning_of_2026(world):
    summary = workbook_for(world.administrator, ALL_YEARS)["Tổng hợp"]
    # Minh's 2021 enrolment is outside the period.
    assert row_values(summary, "Lượt ghi danh") == ["Lượt ghi danh", 2, 2, 0]
    assert row_values(summary, "Lượt hoàn thành") == ["Lượt hoàn thành", 1, 1, 0]
    assert row_values(summary, "Tỷ lệ hoàn thành (%)")[1:3] == [50.0, 50.0]
    assert row_values(summary, "Số ngày hoàn thành trung bình")[1] == 10.0


def test_by_unit_rows_as_then_with_subtotals_indented(all_years):
    sheet = all_years["Theo đơn vị"]
    assert header_row(sheet, "Mã đơn vị") == [
        "Mã đơn vị",
        "Đơn vị",
        *SEX_HEADERS,
        "Ghi chú",
    ]
    rows = {
        row[1].value: (row[0].value, row[2].value, row[5].value)
        for row in sheet.iter_rows()
        if row[0].value in {"S51", "S520", "S51N", "S25001", "S25002"}
    }
    assert rows == {
        "Tỉnh Quảng Ngãi (trước 2025)": ("S51", 2, 2),
        "Huyện Sơn Tịnh": ("S520", 2, 2),
        "Tỉnh Quảng Ngãi": ("S51N", 4, 3),
        "Xã Tịnh Khê": ("S25001", 3, 3),
        "Đặc khu Lý Sơn": ("S25002", 1, 1),
    }
    # Women and men of the new province: Lan, Hoa twice; Tuấn.
    assert row_values(sheet, "S51N")[2:8] == [4, 3, 1, 3, 2, 1]
    # Tree order; a unit with units below it is a bold subtotal; names indented.
    names = [
        row[1]
        for row in sheet.iter_rows()
        if row[0].value in {"S51", "S520", "S51N", "S25001", "S25002"}
    ]
    assert [cell.value for cell in names] == [
        "Tỉnh Quảng Ngãi",
        "Xã Tịnh Khê",
        "Đặc khu Lý Sơn",
        "Tỉnh Quảng Ngãi (trước 2025)",
        "Huyện Sơn Tịnh",
    ]
    assert [cell.alignment.indent for cell in names] == [0, 1, 1, 0, 1]
    assert [cell.font.bold for cell in names] == [True, False, False, True, False]
    # The total is the report's: 6 turns, 4 people (Lan once), not the rows' sum.
    total = row_cells(sheet, "Tổng cộng", column=1)
    assert [cell.value for cell in total[2:8]] == [6, 4, 2, 4, 2, 2]
    assert total[1].font.bold


def test_by_unit_mapped_to_today(world):
    sheet = workbook_for(world.administrator, mapping="today")["Theo đơn vị"]
    assert row_values(sheet, "S25001")[2] == 5  # Tịnh Khê: its 2022 predecessor's
    assert row_values(sheet, "S25001")[5] == 4
    assert row_values(sheet, "S51N")[2:8] == [6, 4, 2, 4, 2, 2]
    codes = [row[0] for row in values(sheet)]
    assert "S520" not in codes
    assert "S51" not in codes


def test_by_target_group_and_by_class(all_years):
    groups = all_years["Theo nhóm đối tượng"]
    assert header_row(groups, "Nhóm đối tượng")[1:] == SEX_HEADERS
    committee = "Thành viên Ban Vì sự tiến bộ của phụ nữ"
    assert row_values(groups, committee)[1:7] == [3, 2, 1, 2, 1, 1]
    assert row_values(groups, "Giáo viên")[1:7] == [2, 2, 0, 1, 1, 0]
    # Tuấn belongs to no group.
    assert row_values(groups, "Không thuộc nhóm đối tượng nào")[1:7] == [
        1,
        0,
        1,
        1,
        0,
        1,
    ]
    assert row_values(groups, "Tổng cộng")[1:7] == [6, 4, 2, 4, 2, 2]
    # The register: Tịnh Khê's 8 committee members, 2 trained, 25 %.
    assert row_values(groups, "Xã Tịnh Khê")[2:5] == [8, 2, 25.0]

    classes = all_years["Theo lớp"]
    k2022 = row_cells(classes, "K2022")
    assert k2022[2].value == dt.datetime(2022, 9, 10)
    assert k2022[2].number_format == "DD/MM/YYYY"
    assert k2022[3].value == "Huyện Sơn Tịnh"
    assert [cell.value for cell in k2022[4:10]] == [2, 1, 1, 2, 1, 1]
    assert row_values(classes, "K2026A")[4:10] == [3, 2, 1, 3, 2, 1]
    assert row_values(classes, "K2026B")[4:10] == [1, 1, 0, 1, 1, 0]
    codes = [row[0] for row in values(classes)]
    assert "CANCEL" not in codes
    assert "PLANNED" not in codes
    # Lan's two classes: the people add up to 5, the total is 4.
    assert row_values(classes, "Tổng cộng")[4:10] == [6, 4, 2, 4, 2, 2]


def test_by_course(all_years):
    courses = all_years["Theo khóa học"]
    row = row_values(courses, "Luật Bình đẳng giới")
    assert row[1:8] == [2, 2, 0, 1, 1, 0, 50.0]
    assert row_values(courses, "Tổng cộng")[1:4] == [2, 2, 0]


def test_number_formats_are_set_explicitly(all_years):
    summary = all_years["Tổng hợp"]
    assert row_cells(summary, "Lượt người tham gia")[1].number_format == "#,##0"
    assert row_cells(summary, "Số giờ tập huấn")[1].number_format == "#,##0.0"
    assert row_cells(summary, "Tỷ lệ hoàn thành (%)")[1].number_format == "0.0"
    units = all_years["Theo đơn vị"]
    assert {cell.number_format for cell in row_cells(units, "S51N")[2:8]} == {"#,##0"}
    courses = all_years["Theo khóa học"]
    assert row_cells(courses, "Luật Bình đẳng giới")[7].number_format == "0.0"
    groups = all_years["Theo nhóm đối tượng"]
    assert row_cells(groups, "Xã Tịnh Khê")[4].number_format == "0.0"


def test_headers_are_bold_and_columns_have_widths(all_years):
    for name in SHEETS:
        sheet = all_years[name]
        header = next(row for row in sheet.iter_rows(min_row=6) if row[0].value)
        assert all(cell.font.bold for cell in header if cell.value), name
        assert sheet.column_dimensions["A"].width > 10, name
        assert sheet.column_dimensions["B"].width > 10, name


def test_every_sheet_opens_with_the_period_and_the_cut_off(world):
    period = (dt.date(2025, 11, 15), dt.date(2026, 11, 14))
    workbook = workbook_for(world.administrator, period, cutoff=dt.date(2026, 11, 14))
    for name in SHEETS:
        first_lines = [row[0] for row in values(workbook[name])[:4]]
        assert first_lines == [
            "Báo cáo thử",
            "Đơn vị: Tỉnh Quảng Ngãi",
            "Kỳ báo cáo: từ ngày 15/11/2025 đến ngày 14/11/2026",
            "Ngày chốt số liệu: 14/11/2026",
        ], name


def test_without_a_cut_off_the_data_count_to_the_last_day(all_years):
    assert values(all_years["Theo lớp"])[3][0] == "Ngày chốt số liệu: 31/12/2026"


def test_a_name_beginning_with_equals_is_not_a_formula(world):
    AdminUnit.objects.filter(pk=world.tinh_khe.pk).update(name="=1+1 Tịnh Khê")
    TrainingClass.objects.filter(pk=world.k2026a.pk).update(
        title='=HYPERLINK("http://x","y")'
    )
    workbook = workbook_for(world.administrator)
    units = workbook["Theo đơn vị"]
    cell = row_cells(units, "S25001")[1]
    assert cell.value == "'=1+1 Tịnh Khê"
    assert cell.data_type == "s"
    k2026a = row_cells(workbook["Theo lớp"], "K2026A")
    assert k2026a[1].value == '\'=HYPERLINK("http://x","y")'
    assert k2026a[3].value == "'=1+1 Tịnh Khê"
    assert k2026a[1].data_type == "s"
    population = workbook["Theo nhóm đối tượng"]
    assert row_values(population, "'=1+1 Tịnh Khê")[2] == 8


def test_the_frozen_figures_of_a_submission_print_the_same(world):
    """report_figures is JSON-safe data: a frozen copy gives the same workbook."""
    import json

    figures = report_figures(scope_for(world.administrator))
    frozen = json.loads(json.dumps(figures))
    kwargs = {"title": "T", "unit_name": "U", "period": ALL_YEARS, "cutoff": None}
    live, again = (
        read(report_workbook(figures, **kwargs)),
        read(report_workbook(frozen, **kwargs)),
    )
    for name in SHEETS:
        assert values(live[name]) == values(again[name])


# --- The admin download ------------------------------------------------------------


def report_url(**query):
    return reverse("stats_exports:report") + (
        "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    )


def download(client, user, **query):
    client.force_login(user)
    return client.get(report_url(**query))


def test_an_administrator_downloads_a_report_template_of_a_year(client, world):
    response = download(client, world.administrator, template="bao-cao-nam", year=2026)
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX_TYPE
    assert 'filename="bao-cao-nam-2026.xlsx"' in response["Content-Disposition"]
    workbook = read(response.content)
    assert workbook.sheetnames == SHEETS
    summary = workbook["Tổng hợp"]
    assert [row[0] for row in values(summary)[:5]] == [
        "Báo cáo năm 2026",
        "Đơn vị: Toàn tỉnh",
        "Kỳ báo cáo: từ ngày 15/11/2025 đến ngày 14/11/2026",
        "Ngày chốt số liệu: 14/11/2026",
        "Kính gửi: Sở Nội vụ tỉnh Quảng Ngãi",
    ]
    # 2026 only: K2026A and K2026B.
    assert row_values(summary, "Lượt người tham gia")[1:] == [4, 3, 1]
    assert row_values(summary, "Số người được tập huấn")[1:] == [3, 2, 1]


def test_the_2022_annual_report_goes_to_the_labour_department(client, world):
    response = download(client, world.administrator, template="bao-cao-nam", year=2022)
    summary = read(response.content)["Tổng hợp"]
    assert values(summary)[4][0] == (
        "Kính gửi: Sở Lao động - Thương binh và Xã hội tỉnh Quảng Ngãi"
    )
    assert row_values(summary, "Lượt người tham gia")[1:] == [2, 1, 1]


def test_the_dashboard_filters_export_the_hand_counted_years(client, world):
    response = download(client, world.administrator, **ALL_YEARS_QUERY)
    assert response.status_code == 200
    assert (
        'filename="bao-cao-dao-tao-20220101-20261231.xlsx"'
        in response["Content-Disposition"]
    )
    summary = read(response.content)["Tổng hợp"]
    assert row_values(summary, "Lượt người tham gia")[1:] == [6, 4, 2]
    assert row_values(summary, "Số người được tập huấn")[1:] == [4, 2, 2]


def test_the_export_is_logged_to_the_audit_log(client, world, audit):
    download(client, world.administrator, template="bao-cao-nam", year=2026)
    assert len(audit) == 1
    message = audit[0]
    assert f"user={world.administrator.pk}" in message
    assert "template=bao-cao-nam year=2026" in message


def test_a_unit_manager_exports_their_own_unit_only(client, world):
    response = download(
        client,
        world.manager_tinh_khe,
        template="bao-cao-nam",
        year=2026,
        unit=world.tinh_khe.pk,
    )
    assert response.status_code == 200
    assert 'filename="bao-cao-nam-2026-s25001.xlsx"' in response["Content-Disposition"]
    workbook = read(response.content)
    assert values(workbook["Tổng hợp"])[1][0] == "Đơn vị: Xã Tịnh Khê"
    assert row_values(workbook["Tổng hợp"], "Lượt người tham gia")[1:] == [3, 2, 1]
    codes = {row[0] for row in values(workbook["Theo đơn vị"])}
    assert "S25001" in codes
    assert not codes & {"S25002", "S51N", "S51"}
    classes = {row[0] for row in values(workbook["Theo lớp"])}
    assert "K2026B" not in classes  # Lý Sơn's


def test_a_unit_manager_without_a_unit_gets_their_units(client, world):
    response = download(client, world.manager_ly_son, template="bao-cao-nam", year=2026)
    workbook = read(response.content)
    assert values(workbook["Tổng hợp"])[1][0] == "Đơn vị: Đặc khu Lý Sơn"
    assert row_values(workbook["Tổng hợp"], "Lượt người tham gia")[1:] == [1, 1, 0]
    codes = {row[0] for row in values(workbook["Theo đơn vị"])}
    assert not codes & {"S25001", "S51N"}


def test_a_unit_manager_asking_for_another_unit_is_refused(client, world, audit):
    response = download(
        client,
        world.manager_ly_son,
        template="bao-cao-nam",
        year=2026,
        unit=world.tinh_khe.pk,
    )
    assert_denied(response)
    assert audit == []


def test_a_unit_manager_asking_for_the_province_by_dates_is_refused(client, world):
    response = download(
        client, world.manager_tinh_khe, unit=world.province.pk, **ALL_YEARS_QUERY
    )
    assert_denied(response)


def test_a_learner_gets_no_report(client, world):
    response = download(client, world.lan, template="bao-cao-nam", year=2026)
    assert response.status_code in (302, 403)
    assert response.get("Content-Type") != XLSX_TYPE


def admin_without_statistics(world):
    """Someone who enters the admin but may not see the statistics."""
    editor = UserFactory(username="editor", unit=world.province)
    editor.user_permissions.add(
        Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
    )
    return editor


def test_staff_without_the_permission_get_no_report(client, world):
    editor = admin_without_statistics(world)
    response = download(client, editor, template="bao-cao-nam", year=2026)
    assert_denied(response)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (
            {"template": "bao-cao-nam", "year": "2021"},
            "“Báo cáo năm” không áp dụng cho năm 2021.",
        ),
        ({"template": "bao-cao-nam", "year": "hai"}, "Hãy nhập năm của báo cáo"),
        ({"template": "bao-cao-nam", "year": ""}, "Hãy nhập năm của báo cáo"),
        ({"template": "bao-cao-quy", "year": "2026"}, "Hãy chọn một báo cáo"),
        (
            {"template": "bao-cao-nam", "year": "3000"},
            "Hãy nhập một năm trong khoảng 2000 đến 2100.",
        ),
        (
            {"template": "bao-cao-6-thang", "year": "2031"},
            "bắt đầu từ ngày 15/11/2030: chưa có số liệu để báo cáo.",
        ),
    ],
)
def test_bad_parameters_show_the_form_again_in_vietnamese(
    client, world, audit, query, message
):
    response = download(client, world.administrator, **query)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()
    assert audit == []


def test_the_form_page_offers_the_reports_and_the_users_units(client, world):
    client.force_login(world.manager_tinh_khe)
    response = client.get(reverse("stats_exports:index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Xuất báo cáo" in page
    assert "Báo cáo năm" in page
    assert "Báo cáo 6 tháng" in page
    assert "Xã Tịnh Khê" in page
    assert "Đặc khu Lý Sơn" not in page  # another manager's unit
    assert reverse("stats_exports:report") in page


def test_the_menu_item_is_shown_to_whoever_may_export(client, world):
    index = reverse("stats_exports:index")
    client.force_login(world.manager_tinh_khe)
    assert index in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(admin_without_statistics(world))
    assert index not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert_denied(client.get(index))
    client.force_login(world.lan)
    assert client.get(index).status_code in (302, 403)


def download_queries(client, user):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(report_url(template="bao-cao-nam", year=2026))
    assert response.status_code == 200
    return len(captured)


def test_the_download_costs_queries_by_tree_depth_not_by_rows(client, world):
    """One grouped query per depth of the tree and per table, whatever the
    number of classes, people or units."""
    client.force_login(world.administrator)
    before = download_queries(client, world.administrator)
    assert before <= 45
    for number, unit in enumerate([world.ly_son, world.tinh_khe, world.ly_son]):
        extra = make_training_class(
            unit,
            code=f"K2026X{number}",
            starts_on=dt.date(2026, 6, 1 + number),
            status=TrainingClass.Status.FINISHED,
        )
        session = make_session(extra)
        for person in (world.lan, world.hoa, world.tuan, world.nga):
            make_mark(session, make_participant(extra, person), "present")
    assert download_queries(client, world.administrator) == before


# --- The command line ----------------------------------------------------------------


def test_the_command_writes_a_workbook_openpyxl_reads_back(world, tmp_path):
    out = tmp_path / "bao-cao.xlsx"
    stdout = io.StringIO()
    call_command(
        "export_training_report",
        template="bao-cao-nam",
        year=2026,
        unit="S51N",
        out=str(out),
        stdout=stdout,
    )
    assert "written to" in stdout.getvalue()
    workbook = load_workbook(out)
    assert workbook.sheetnames == SHEETS
    summary = workbook["Tổng hợp"]
    assert [row[0] for row in values(summary)[:5]] == [
        "Báo cáo năm 2026",
        "Đơn vị: Tỉnh Quảng Ngãi",
        "Kỳ báo cáo: từ ngày 15/11/2025 đến ngày 14/11/2026",
        "Ngày chốt số liệu: 14/11/2026",
        "Kính gửi: Sở Nội vụ tỉnh Quảng Ngãi",
    ]
    assert row_values(summary, "Lượt người tham gia")[1:] == [4, 3, 1]
    assert row_values(workbook["Theo đơn vị"], "S25001")[2] == 3
    assert not list(tmp_path.glob("*.part"))


def test_the_command_counts_the_whole_province_without_a_unit(world, tmp_path):
    out = tmp_path / "tinh.xlsx"
    call_command(
        "export_training_report",
        template="bao-cao-6-thang",
        year=2026,
        out=str(out),
        stdout=io.StringIO(),
    )
    summary = load_workbook(out)["Tổng hợp"]
    assert values(summary)[1][0] == "Đơn vị: Toàn tỉnh"
    assert values(summary)[2][0] == "Kỳ báo cáo: từ ngày 15/11/2025 đến ngày 14/05/2026"
    assert row_values(summary, "Lượt người tham gia")[1:] == [4, 3, 1]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"template": "bao-cao-quy"}, "No report template named 'bao-cao-quy'"),
        ({"year": 2021}, "'bao-cao-nam' does not apply to 2021"),
        ({"year": 2031}, "nothing to report yet"),
        ({"unit": "X999"}, "No unit with the official code 'X999'"),
        ({"out": "{tmp}/bao-cao.csv"}, "must name an .xlsx file"),
        ({"out": "{tmp}/missing/bao-cao.xlsx"}, "does not exist"),
        ({"out": "{tmp}/folder.xlsx"}, "is a directory"),
    ],
)
def test_the_command_refuses_bad_options_clearly(world, tmp_path, options, message):
    (tmp_path / "folder.xlsx").mkdir()
    arguments = {
        "template": "bao-cao-nam",
        "year": 2026,
        "out": str(tmp_path / "bao-cao.xlsx"),
        **options,
    }
    arguments["out"] = arguments["out"].format(tmp=tmp_path)
    with pytest.raises(CommandError, match=message):
        call_command("export_training_report", stdout=io.StringIO(), **arguments)
    assert not (tmp_path / "bao-cao.xlsx").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.xlsx"]


def test_the_command_refuses_a_folder_it_cannot_write(world, tmp_path, monkeypatch):
    # Tests may run as root, who may write anywhere: the check is what is tested.
    from stats.management.commands import export_training_report as command

    monkeypatch.setattr(command.os, "access", lambda path, mode: False)
    with pytest.raises(CommandError, match="cannot be written to"):
        call_command(
            "export_training_report",
            template="bao-cao-nam",
            year=2026,
            out=str(tmp_path / "bao-cao.xlsx"),
            stdout=io.StringIO(),
        )
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_no_half_file(world, tmp_path, monkeypatch):
    import errno

    from stats.management.commands import export_training_report as command

    def full_disk(source, target):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(command.os, "replace", full_disk)
    with pytest.raises(CommandError, match="Could not write .*No space left"):
        call_command(
            "export_training_report",
            template="bao-cao-nam",
            year=2026,
            out=str(tmp_path / "bao-cao.xlsx"),
            stdout=io.StringIO(),
        )
    assert list(tmp_path.iterdir()) == []


def test_school_resource_downloads_by_level_topic_role_and_unit(world):
    figures = report_figures(scope_for(world.administrator))
    figures["downloads"] = {
        "by_school_level": [{"key": "Trung học cơ sở", "downloads": 1234}],
        "by_topic": [{"key": "Bạo lực giới", "downloads": 7}],
        "by_role": [{"key": "", "downloads": 3}],
        "by_unit": [{"key": "=Xã Tịnh Khê", "downloads": 2}],
    }
    sheet = read(
        report_workbook(
            figures,
            title="Báo cáo thử",
            unit_name="",
            period=ALL_YEARS,
            cutoff=None,
        )
    )["Tài liệu trường học"]
    assert header_row(sheet, "Cấp học") == ["Cấp học", "Lượt tải"]
    level = row_cells(sheet, "Trung học cơ sở")
    assert (level[1].value, level[1].number_format) == (1234, "#,##0")
    assert row_values(sheet, "Bạo lực giới")[:2] == ["Bạo lực giới", 7]
    assert row_values(sheet, "(không đăng nhập)")[:2] == ["(không đăng nhập)", 3]
    assert row_values(sheet, "'=Xã Tịnh Khê")[:2] == ["'=Xã Tịnh Khê", 2]
