"""Unit pickers: today's units for today's records, and labels that tell the
2022 and 2025 units of the same name apart (people.fields, people.selectors)."""

import io
from datetime import date

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils.translation import override

from assessments.admin.reports import AttemptFilterForm
from courses.forms_admin import CourseAssignmentForm
from courses.viewsets import EnrolmentReportFilterSet
from people.account_import import COLUMNS, import_error_message
from people.fields import unit_label
from people.forms import (
    AdminUnitForm,
    AdminUserEditForm,
    OrganisationForm,
    ProfileForm,
)
from people.models import AccountImport, AdminUnit, Organisation, User
from people.roles import Role
from people.selectors import units_valid_on, units_with_parent
from tests.factories import UserFactory, make_unit

from .test_account_import import (
    account_row,
    confirm,
    error_codes,
    upload,
    xlsx_file,
)

pytestmark = pytest.mark.django_db

OLD_END = date(2025, 6, 30)
REFORM = date(2025, 7, 1)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def reform():
    """Quảng Ngãi before and after 1/7/2025, as in the demo: the same names twice."""
    old_province = make_unit(
        name="Quảng Ngãi", code="51", unit_type="tinh", valid_to=OLD_END
    )
    city = make_unit(
        old_province,
        name="Quảng Ngãi",
        code="522",
        unit_type="thanh_pho",
        valid_to=OLD_END,
    )
    old_tinh_khe = make_unit(city, name="Tịnh Khê", code="52205", valid_to=OLD_END)
    old_an_phu = make_unit(city, name="An Phú", code="52209", valid_to=OLD_END)
    province = make_unit(
        name="Quảng Ngãi", code="N-QNG", unit_type="tinh", valid_from=REFORM
    )
    tinh_khe = make_unit(province, name="Tịnh Khê", code="N-TINHKHE", valid_from=REFORM)
    an_phu = make_unit(province, name="An Phú", code="N-ANPHU", valid_from=REFORM)
    return {
        "old_province": old_province,
        "city": city,
        "old_tinh_khe": old_tinh_khe,
        "old_an_phu": old_an_phu,
        "province": province,
        "tinh_khe": tinh_khe,
        "an_phu": an_phu,
    }


def labels(field):
    return [label for value, label in field.choices if value != ""]


# --- The one label ------------------------------------------------------------------


def test_labels_name_the_parent_and_the_end_of_a_dissolved_unit(reform):
    with override("vi"):
        assert unit_label(reform["old_tinh_khe"]) == (
            "Xã Tịnh Khê (thành phố thuộc tỉnh Quảng Ngãi, đến 30/06/2025)"
        )
        assert unit_label(reform["tinh_khe"]) == "Xã Tịnh Khê (tỉnh Quảng Ngãi)"
        assert unit_label(reform["province"]) == "Tỉnh Quảng Ngãi"
        assert unit_label(reform["old_province"]) == "Tỉnh Quảng Ngãi (đến 30/06/2025)"


def test_a_unit_not_yet_in_force_says_from_when(reform):
    future = make_unit(
        reform["province"], name="Mới", code="N-MOI", valid_from=date(2099, 1, 1)
    )

    with override("vi"):
        assert unit_label(future) == "Xã Mới (tỉnh Quảng Ngãi, từ 01/01/2099)"


def test_labels_fetched_with_the_parent_cost_one_query(
    reform, django_assert_num_queries
):
    for number in range(10):
        make_unit(reform["province"], name=f"Xã {number}", code=f"X{number}")

    with django_assert_num_queries(1):
        shown = [unit_label(u) for u in units_with_parent(AdminUnit.objects.all())]

    assert len(shown) == AdminUnit.objects.count()
    assert len(set(shown)) == len(shown), "every label is unambiguous"


def test_units_valid_on_a_day(reform):
    before = set(units_valid_on(on=date(2024, 1, 1)))
    after = set(units_valid_on(on=REFORM))

    assert reform["old_tinh_khe"] in before and reform["tinh_khe"] not in before
    assert reform["tinh_khe"] in after and reform["old_tinh_khe"] not in after


# --- Pickers for today's records ---------------------------------------------------


def test_profile_picker_offers_todays_units_with_distinct_labels(reform):
    person = UserFactory(unit=reform["tinh_khe"])

    field = ProfileForm(instance=person).fields["unit"]

    assert set(field.queryset) == {
        reform["province"],
        reform["tinh_khe"],
        reform["an_phu"],
    }
    with override("vi"):
        assert labels(field) == [
            "Tỉnh Quảng Ngãi",
            "Xã An Phú (tỉnh Quảng Ngãi)",
            "Xã Tịnh Khê (tỉnh Quảng Ngãi)",
        ]


def test_profile_keeps_a_persons_dissolved_unit_labelled_as_former(reform):
    person = UserFactory(unit=reform["old_tinh_khe"])

    field = ProfileForm(instance=person).fields["unit"]

    with override("vi"):
        assert (
            "Xã Tịnh Khê (thành phố thuộc tỉnh Quảng Ngãi, đến 30/06/2025)"
            in labels(field)
        )
    assert reform["old_an_phu"] not in set(field.queryset)


def test_admin_account_form_offers_todays_units_and_keeps_existing_ones(
    reform, administrator
):
    manager = UserFactory(unit=reform["old_an_phu"], roles=[Role.UNIT_MANAGER])
    manager.managed_units.set([reform["city"]])

    form = AdminUserEditForm(instance=manager, for_user=administrator)

    offered = set(form.fields["unit"].queryset)
    assert reform["old_an_phu"] in offered, "the account's own unit is kept"
    assert reform["old_tinh_khe"] not in offered
    assert reform["tinh_khe"] in offered
    managed = set(form.fields["managed_units"].queryset)
    assert reform["city"] in managed, "saving never drops a managed unit"
    assert reform["old_province"] not in managed
    assert len(set(labels(form.fields["unit"]))) == len(labels(form.fields["unit"]))


def test_admin_account_form_refuses_a_dissolved_unit(reform, administrator):
    person = UserFactory(unit=reform["tinh_khe"], roles=[Role.LEARNER])
    data = {
        "username": person.username,
        "full_name": person.full_name,
        "email": person.email,
        "sex": person.sex,
        "unit": reform["old_tinh_khe"].pk,
        "is_active": "on",
        "groups": [g.pk for g in person.groups.all()],
    }

    form = AdminUserEditForm(data=data, instance=person, for_user=administrator)

    assert not form.is_valid()
    assert "unit" in form.errors
    person.refresh_from_db()
    assert person.unit == reform["tinh_khe"]


def test_unit_manager_is_offered_only_todays_units_in_their_scope(reform):
    manager = UserFactory(unit=reform["province"], roles=[Role.UNIT_MANAGER])
    manager.managed_units.set([reform["province"], reform["old_province"]])
    person = UserFactory(unit=reform["an_phu"], roles=[Role.LEARNER])

    form = AdminUserEditForm(instance=person, for_user=manager)

    assert set(form.fields["unit"].queryset) == {
        reform["province"],
        reform["tinh_khe"],
        reform["an_phu"],
    }


def test_unit_admin_form_names_parents_unambiguously(reform):
    field = AdminUnitForm().fields["parent"]

    shown = labels(field)
    assert len(shown) == AdminUnit.objects.count()
    assert len(set(shown)) == len(shown)


def test_course_assignment_offers_only_todays_units(reform, administrator, province):
    form = CourseAssignmentForm(user=administrator)

    assert set(form.fields["units"].queryset) == {
        province,
        reform["province"],
        reform["tinh_khe"],
        reform["an_phu"],
    }
    with override("vi"):
        shown = [label.strip() for label in labels(form.fields["units"])]
    assert "Xã Tịnh Khê (tỉnh Quảng Ngãi)" in shown
    assert len(set(shown)) == len(shown)


# --- Report filters: former units allowed, labelled as such -------------------------


def test_quiz_report_filter_tells_the_same_names_apart(reform):
    form = AttemptFilterForm(units=AdminUnit.objects.order_by("path"))

    with override("vi"):
        shown = labels(form.fields["unit"])
    assert len(shown) == AdminUnit.objects.count()
    assert len(set(shown)) == len(shown)
    assert "Tỉnh Quảng Ngãi (đến 30/06/2025)" in shown
    assert "Xã An Phú (thành phố thuộc tỉnh Quảng Ngãi, đến 30/06/2025)" in shown
    assert "Xã An Phú (tỉnh Quảng Ngãi)" in shown


def test_progress_report_filter_tells_the_same_names_apart(reform, administrator, rf):
    request = rf.get("/admin/")
    request.user = administrator

    field = EnrolmentReportFilterSet(request=request).form.fields["unit"]

    with override("vi"):
        shown = labels(field)
    assert len(set(shown)) == len(shown) == AdminUnit.objects.count()
    assert "Xã Tịnh Khê (thành phố thuộc tỉnh Quảng Ngãi, đến 30/06/2025)" in shown


# --- Account import ------------------------------------------------------------------


@pytest.fixture
def manager_of_the_reform(reform):
    """Like the demo's manager: a former district and two of today's communes."""
    manager = UserFactory(
        username="quanly", unit=reform["province"], roles=[Role.UNIT_MANAGER]
    )
    manager.managed_units.set([reform["city"], reform["tinh_khe"], reform["an_phu"]])
    return manager


def test_template_lists_only_todays_units_and_its_example_uses_one(
    client, manager_of_the_reform, reform
):
    client.force_login(manager_of_the_reform)

    response = client.get(reverse("people_account_imports:template"))

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = list(workbook["Đơn vị"].iter_rows(values_only=True))[1:]
    codes = [row[0] for row in rows]
    assert sorted(codes) == ["N-ANPHU", "N-TINHKHE"]
    assert all(
        AdminUnit.objects.get(code=code).is_valid_on(date.today()) for code in codes
    )
    example = [
        str(cell.value)
        for row in workbook["Hướng dẫn"].iter_rows()
        for cell in row
        if cell.value and "nguyenthilan" in str(cell.value)
    ]
    assert len(example) == 1
    example_code = example[0].split(" | ")[8]
    assert example_code in codes


def test_import_refuses_a_dissolved_unit_and_saves_nothing(
    client, manager_of_the_reform, reform, django_capture_on_commit_callbacks
):
    client.force_login(manager_of_the_reform)
    users_before = User.objects.count()

    account_import = upload(
        client,
        xlsx_file([account_row(unit="52205")]),
        django_capture_on_commit_callbacks,
    )

    assert account_import.status == AccountImport.Status.INVALID
    assert error_codes(account_import) == {
        (2, "Mã đơn vị hành chính", "unit_not_current")
    }
    with override("vi"):
        message = import_error_message(account_import.row_errors[0])
    assert "Xã Tịnh Khê (thành phố thuộc tỉnh Quảng Ngãi, đến 30/06/2025)" in message
    assert User.objects.count() == users_before


def test_import_into_todays_unit_is_accepted(
    client, manager_of_the_reform, reform, django_capture_on_commit_callbacks
):
    client.force_login(manager_of_the_reform)

    account_import = upload(
        client,
        xlsx_file([account_row(unit="N-TINHKHE")]),
        django_capture_on_commit_callbacks,
    )

    assert account_import.status == AccountImport.Status.READY, (
        account_import.row_errors
    )


# --- NFC where the file's text enters ------------------------------------------------


NFD_NAME = "Nguye\u0302\u0303n Thi\u0323 Lan"
NFD_FEMALE = "Nu\u031b\u0303"


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_names_typed_with_combining_marks_are_stored_composed(
    client, manager_of_the_reform, reform, django_capture_on_commit_callbacks, kind
):
    client.force_login(manager_of_the_reform)
    row = account_row(full_name=NFD_NAME, sex=NFD_FEMALE, unit="N-TINHKHE")
    if kind == "xlsx":
        file = xlsx_file([row])
    else:
        header = ",".join(column.header for column in COLUMNS)
        body = ",".join(row)
        file = SimpleUploadedFile(
            "tai-khoan.csv", f"{header}\n{body}\n".encode(), "text/csv"
        )

    account_import = upload(client, file, django_capture_on_commit_callbacks)
    account_import = confirm(client, account_import, django_capture_on_commit_callbacks)

    assert account_import.row_errors == []
    lan = User.objects.get(username="lan.nt")
    assert lan.full_name == "Nguyễn Thị Lan"
    assert len(lan.full_name) == len("Nguyễn Thị Lan")
    assert lan.sex == User.Sex.FEMALE


def test_organisation_form_offers_todays_units_and_keeps_its_own(reform):
    new = OrganisationForm()
    assert reform["old_tinh_khe"] not in set(new.fields["unit"].queryset)
    assert reform["tinh_khe"] in set(new.fields["unit"].queryset)

    older = Organisation.objects.create(
        name="UBND thành phố Quảng Ngãi", code="UBND-TPQN", unit=reform["city"]
    )
    field = OrganisationForm(instance=older).fields["unit"]
    assert reform["city"] in set(field.queryset)
    with override("vi"):
        assert "Thành phố thuộc tỉnh Quảng Ngãi (tỉnh Quảng Ngãi, đến 30/06/2025)" in (
            labels(field)
        )


def test_organisation_form_refuses_a_dissolved_unit(reform):
    form = OrganisationForm(
        data={
            "name": "UBND xã Tịnh Khê",
            "code": "UBND-TK",
            "kind": Organisation.Kind.PEOPLES_COMMITTEE,
            "unit": reform["old_tinh_khe"].pk,
        }
    )

    assert not form.is_valid()
    assert "unit" in form.errors
    assert not Organisation.objects.filter(code="UBND-TK").exists()


def test_succession_admin_form_labels_both_sides(admin_client, reform):
    response = admin_client.get(reverse("adminunitsuccession:add"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Xã Tịnh Khê (thành phố thuộc tỉnh Quảng Ngãi, " in page
    assert "Xã Tịnh Khê (tỉnh Quảng Ngãi)" in page


def test_organisation_admin_creates_one_in_a_unit_of_today(admin_client, reform):
    add = reverse("organisation:add")
    assert admin_client.get(add).status_code == 200

    refused = admin_client.post(
        add,
        {
            "name": "UBND xã Tịnh Khê",
            "code": "UBND-TK",
            "kind": Organisation.Kind.PEOPLES_COMMITTEE,
            "unit": reform["old_tinh_khe"].pk,
        },
    )
    assert refused.status_code == 200
    assert not Organisation.objects.filter(code="UBND-TK").exists()

    created = admin_client.post(
        add,
        {
            "name": "UBND xã Tịnh Khê",
            "code": "UBND-TK",
            "kind": Organisation.Kind.PEOPLES_COMMITTEE,
            "unit": reform["tinh_khe"].pk,
        },
    )
    assert created.status_code == 302
    assert Organisation.objects.get(code="UBND-TK").unit == reform["tinh_khe"]


# --- Against the demo data -----------------------------------------------------------


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo_people", verbosity=0)


def test_demo_units_all_have_distinct_labels_in_a_report_filter(demo):
    form = AttemptFilterForm(units=AdminUnit.objects.order_by("path"))

    with override("vi"):
        shown = labels(form.fields["unit"])

    assert len(shown) == AdminUnit.objects.count()
    assert len(set(shown)) == len(shown)
    assert "Tỉnh Quảng Ngãi" in shown
    assert "Tỉnh Quảng Ngãi (đến 30/06/2025)" in shown
    assert "Xã Tịnh Khê (tỉnh Quảng Ngãi)" in shown
    assert "Xã Tịnh Khê (thành phố thuộc tỉnh Quảng Ngãi, đến 30/06/2025)" in shown
    assert not any(" – " in label for label in shown), "no code needed in the demo"


def test_demo_managers_template_lists_only_todays_units(client, demo):
    client.force_login(User.objects.get(username="manager"))

    response = client.get(reverse("people_account_imports:template"))

    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    codes = [row[0] for row in list(workbook["Đơn vị"].iter_rows(values_only=True))[1:]]
    assert sorted(codes) == ["N-BINHSON", "N-VANTUONG"]
    example = next(
        str(cell.value)
        for row in workbook["Hướng dẫn"].iter_rows()
        for cell in row
        if cell.value and "nguyenthilan" in str(cell.value)
    )
    assert example.split(" | ")[8] in codes
