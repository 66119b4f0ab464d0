"""The target-population register in the admin: list, add, edit, scoped to
the person's units; and its Excel import (checked in full, previewed, saved
all at once)."""

import io
import unicodedata

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stats.models import TargetPopulation
from stats.population_import import (
    COLUMNS,
    ImportRow,
    population_import_apply,
    population_import_check,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ly_son_teachers(world):
    return TargetPopulation.objects.create(
        unit=world.ly_son, target_group=world.teacher, year=2026, size=40
    )


@pytest.fixture
def tinh_khe_committee(world):
    return TargetPopulation.objects.get(
        unit=world.tinh_khe, target_group=world.committee
    )


def listed(response):
    return {row.pk for row in response.context["object_list"]}


# --- The register -------------------------------------------------------------


def test_administrator_adds_a_row_and_is_recorded_as_its_author(client, world):
    client.force_login(world.administrator)
    response = client.post(
        reverse("stats_population:add"),
        {
            "unit": world.ly_son.pk,
            "target_group": world.teacher.pk,
            "year": 2026,
            "size": 1234,
        },
    )
    assert response.status_code == 302
    row = TargetPopulation.objects.get(unit=world.ly_son, target_group=world.teacher)
    assert (row.year, row.size, row.entered_by) == (2026, 1234, world.administrator)
    listing = client.get(reverse("stats_population:index"))
    assert "1.234" in listing.content.decode()


def test_manager_sees_and_edits_only_their_units_rows(
    client, world, tinh_khe_committee, ly_son_teachers
):
    client.force_login(world.manager_tinh_khe)
    response = client.get(reverse("stats_population:index"))
    assert response.status_code == 200
    assert listed(response) == {tinh_khe_committee.pk}

    response = client.post(
        reverse("stats_population:edit", args=[tinh_khe_committee.pk]),
        {
            "unit": world.tinh_khe.pk,
            "target_group": world.committee.pk,
            "year": 2026,
            "size": 9,
        },
    )
    assert response.status_code == 302
    tinh_khe_committee.refresh_from_db()
    assert tinh_khe_committee.size == 9
    assert tinh_khe_committee.entered_by == world.manager_tinh_khe


def test_list_filters_by_year_unit_and_group(client, world, tinh_khe_committee):
    older = TargetPopulation.objects.create(
        unit=world.tinh_khe, target_group=world.teacher, year=2025, size=3
    )
    client.force_login(world.administrator)
    index = reverse("stats_population:index")
    assert listed(client.get(index, {"year": 2025})) == {older.pk}
    assert listed(client.get(index, {"target_group": world.committee.pk})) == {
        tinh_khe_committee.pk
    }
    assert listed(client.get(index, {"unit": world.ly_son.pk})) == set()


def test_manager_cannot_open_or_change_another_units_row(
    client, world, ly_son_teachers
):
    client.force_login(world.manager_tinh_khe)
    edit = reverse("stats_population:edit", args=[ly_son_teachers.pk])
    assert client.get(edit).status_code == 404
    response = client.post(
        edit,
        {
            "unit": world.ly_son.pk,
            "target_group": world.teacher.pk,
            "year": 2026,
            "size": 1,
        },
    )
    assert response.status_code == 404
    ly_son_teachers.refresh_from_db()
    assert ly_son_teachers.size == 40
    # No delete permission for a manager, even on their own rows.
    delete = reverse("stats_population:delete", args=[ly_son_teachers.pk])
    assert client.post(delete).status_code in (302, 403, 404)
    assert TargetPopulation.objects.filter(pk=ly_son_teachers.pk).exists()


def test_manager_cannot_add_a_row_for_another_unit(client, world):
    client.force_login(world.manager_tinh_khe)
    response = client.get(reverse("stats_population:add"))
    offered = {unit.pk for unit in response.context["form"].fields["unit"].queryset}
    assert offered == {world.tinh_khe.pk}
    response = client.post(
        reverse("stats_population:add"),
        {
            "unit": world.ly_son.pk,
            "target_group": world.teacher.pk,
            "year": 2026,
            "size": 5,
        },
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not TargetPopulation.objects.filter(unit=world.ly_son).exists()


def test_bad_year_size_and_a_second_row_are_refused_in_vietnamese(
    client, world, tinh_khe_committee
):
    client.force_login(world.manager_tinh_khe)
    response = client.post(
        reverse("stats_population:add"),
        {
            "unit": world.tinh_khe.pk,
            "target_group": world.teacher.pk,
            "year": 1999,
            "size": -3,
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ghi năm từ 2000 đến 2100." in content
    errors = response.context["form"].errors
    assert "year" in errors and "size" in errors

    response = client.post(
        reverse("stats_population:add"),
        {
            "unit": world.tinh_khe.pk,
            "target_group": world.committee.pk,
            "year": 2026,
            "size": 12,
        },
    )
    assert response.status_code == 200
    assert "đã có số liệu của nhóm" in response.content.decode()
    assert TargetPopulation.objects.count() == 1
    tinh_khe_committee.refresh_from_db()
    assert tinh_khe_committee.size == 8


def test_learner_is_kept_out_of_the_register(client, world, tinh_khe_committee):
    client.force_login(world.lan)
    for url in (
        reverse("stats_population:index"),
        reverse("stats_population:add"),
        reverse("stats_population:edit", args=[tinh_khe_committee.pk]),
        reverse("stats_population:import"),
        reverse("stats_population:import_template"),
    ):
        assert client.get(url).status_code in (302, 403), url


def test_register_list_costs_the_same_queries_for_one_row_or_many(
    client, world, tinh_khe_committee, django_assert_max_num_queries
):
    client.force_login(world.manager_tinh_khe)
    index = reverse("stats_population:index")
    client.get(index)
    with CaptureQueriesContext(connection) as one_row:
        response = client.get(index)
    assert "Nhập từ Excel" in response.content.decode()
    for year in range(2000, 2030):
        TargetPopulation.objects.create(
            unit=world.tinh_khe,
            target_group=world.teacher,
            year=year,
            size=year,
            entered_by=world.manager_tinh_khe,
        )
    with django_assert_max_num_queries(len(one_row.captured_queries)):
        response = client.get(index)
    assert len(response.context["object_list"]) == 31


# --- Import -------------------------------------------------------------------


def workbook_with(rows, headers=None):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Số đối tượng"
    sheet.append(headers or [column.header for column in COLUMNS])
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def post_file(client, rows, name="so-doi-tuong.xlsx", **kwargs):
    return client.post(
        reverse("stats_population:import"),
        {"file": SimpleUploadedFile(name, workbook_with(rows, **kwargs))},
    )


def test_template_lists_the_columns_and_only_the_persons_units(client, world):
    client.force_login(world.manager_tinh_khe)
    response = client.get(reverse("stats_population:import_template"))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook["Số đối tượng"][1]] == [
        "Mã đơn vị",
        "Nhóm đối tượng",
        "Năm",
        "Số người",
    ]
    units = [
        row[0] for row in workbook["Đơn vị"].iter_rows(min_row=2, values_only=True)
    ]
    assert units == ["S25001"]
    groups = {row[0] for row in workbook["Nhóm đối tượng"].iter_rows(values_only=True)}
    assert {"ban-vstbpn", "giao-vien"} <= groups


def test_import_is_previewed_then_saved_updating_existing_rows(
    client, world, tinh_khe_committee
):
    client.force_login(world.manager_tinh_khe)
    teachers_nfd = unicodedata.normalize("NFD", "Giáo viên")
    assert teachers_nfd != "Giáo viên"
    response = post_file(
        client,
        [
            ["S25001", "ban-vstbpn", 2026, 10],
            ["s25001", teachers_nfd, "2026", "1.250"],
            ["S25001", "Giáo viên", 2025, 7.0],
        ],
    )
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(r.target_group_id, r.year, r.size, r.previous_size) for r in rows] == [
        (world.committee.pk, 2026, 10, 8),
        (world.teacher.pk, 2026, 1250, None),
        (world.teacher.pk, 2025, 7, None),
    ]
    content = response.content.decode()
    assert "2 dòng mới, 1 dòng cập nhật." in content
    assert "8 → 10" in content and "1.250" in content
    # Nothing saved before the confirmation.
    tinh_khe_committee.refresh_from_db()
    assert tinh_khe_committee.size == 8
    assert TargetPopulation.objects.count() == 1

    response = client.post(reverse("stats_population:import_confirm"))
    assert response.status_code == 302
    saved = {
        (row.target_group_id, row.year): (row.size, row.entered_by_id)
        for row in TargetPopulation.objects.filter(unit=world.tinh_khe)
    }
    manager = world.manager_tinh_khe.pk
    assert saved == {
        (world.committee.pk, 2026): (10, manager),
        (world.teacher.pk, 2026): (1250, manager),
        (world.teacher.pk, 2025): (7, manager),
    }
    # The preview is used once: a second confirmation saves nothing more.
    client.post(reverse("stats_population:import_confirm"))
    assert TargetPopulation.objects.count() == 3


def test_every_wrong_row_is_listed_in_vietnamese_and_nothing_is_saved(
    client, world, tinh_khe_committee
):
    client.force_login(world.manager_tinh_khe)
    response = post_file(
        client,
        [
            ["S25001", "ban-vstbpn", 2026, 10],
            ["X999", "ban-vstbpn", 2026, 10],
            ["S25002", "giao-vien", 2026, 10],
            ["S25001", "Không có nhóm này", 2026, 10],
            ["S25001", "giao-vien", "20x6", 10],
            ["S25001", "giao-vien", 1999, 10],
            ["S25001", "giao-vien", 2026, -3],
            ["S25001", "giao-vien", 2026, "nhiều"],
            ["S25001", "", 2026, 10],
            [None, None, None, None],
            ["S25001", "Thành viên Ban Vì sự tiến bộ của phụ nữ", 2026, 11],
        ],
    )
    assert response.status_code == 200
    assert "rows" not in response.context
    problems = [(p.row, p.column, p.message) for p in response.context["problems"]]
    assert (3, "Mã đơn vị", "Không có đơn vị hành chính nào có mã “X999”.") in problems
    content = response.content.decode()
    assert "“S25002” (Đặc khu Lý Sơn) không thuộc các đơn vị bạn quản lý" in content
    assert "Không có nhóm đối tượng “Không có nhóm này”" in content
    assert "“20x6” không phải là năm từ 2000 đến 2100." in content
    assert "“1999” không phải là năm từ 2000 đến 2100." in content
    assert "“-3” không phải là số người" in content
    assert "“nhiều” không phải là số người" in content
    assert "Cột này bắt buộc phải có giá trị." in content
    assert "đã có ở dòng 2" in content
    assert {row for row, _column, _message in problems} == {3, 4, 5, 6, 7, 8, 9, 10, 12}
    tinh_khe_committee.refresh_from_db()
    assert tinh_khe_committee.size == 8
    client.post(reverse("stats_population:import_confirm"))
    assert TargetPopulation.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("so-lieu.csv", b"a,b", "Chỉ nhập được tệp Excel (.xlsx)."),
        ("so-lieu.xlsx", b"not a workbook", "Không đọc được tệp."),
    ],
)
def test_a_file_that_cannot_be_read_is_refused(client, world, name, content, message):
    client.force_login(world.manager_tinh_khe)
    response = client.post(
        reverse("stats_population:import"),
        {"file": SimpleUploadedFile(name, content)},
    )
    assert message in response.content.decode()
    assert TargetPopulation.objects.count() == 1


def test_missing_columns_are_named(client, world):
    client.force_login(world.manager_tinh_khe)
    response = post_file(
        client, [["S25001", "giao-vien", 2026]], headers=["Mã đơn vị", "Nhóm", "Năm"]
    )
    content = response.content.decode()
    assert "còn thiếu các cột: Nhóm đối tượng, Số người" in content


def test_confirm_checks_the_scope_again(world):
    row = ImportRow(
        row=2,
        unit_id=world.ly_son.pk,
        unit_code="S25002",
        unit_name="Lý Sơn",
        target_group_id=world.teacher.pk,
        target_group_name="Giáo viên",
        year=2026,
        size=3,
    )
    with pytest.raises(ValidationError):
        population_import_apply(rows=[row], by=world.manager_tinh_khe)
    assert not TargetPopulation.objects.filter(unit=world.ly_son).exists()
    saved = population_import_apply(rows=[row], by=world.administrator)
    assert (saved.created, saved.updated) == (1, 0)


def test_check_costs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    rows = [["S25001", "giao-vien", year, year] for year in range(2000, 2101)]
    with django_assert_max_num_queries(8):
        check = population_import_check(
            content=workbook_with(rows), filename="a.xlsx", by=world.manager_tinh_khe
        )
    assert check.is_valid and len(check.rows) == 101
