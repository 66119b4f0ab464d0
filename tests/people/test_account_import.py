import csv
import io
from datetime import date, datetime, timedelta

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people import tasks
from people.account_import import COLUMNS, ImportFileError, read_table
from people.account_import import services as service
from people.models import AccountImport, User
from people.roles import Role
from people.tasks import apply_account_import_task, validate_account_import_task
from tests.factories import UserFactory

HEADERS = [column.header for column in COLUMNS]
KEYS = [column.key for column in COLUMNS]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def account_row(**values):
    """One row in template order; keyword names are the column keys."""
    row = {
        "username": "lan.nt",
        "full_name": "Nguyễn Thị Lan",
        "email": "lan.nt@example.test",
        "sex": "Nữ",
        "date_of_birth": "25/03/1990",
        "phone": "0912345678",
        "position": "Cán bộ Hội Phụ nữ",
        "employment_type": "Công chức",
        "unit": "C52402",
        "organisation": "",
        "target_groups": "",
        "is_leader": "Không",
    }
    row.update(values)
    return [row[key] for key in KEYS]


def xlsx_bytes(rows, headers=HEADERS) -> bytes:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Tài khoản")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def xlsx_file(rows, headers=HEADERS, name="tai-khoan.xlsx"):
    return SimpleUploadedFile(name, xlsx_bytes(rows, headers), content_type=XLSX)


def csv_file(rows, headers=HEADERS, delimiter=",", bom=False, name="tai-khoan.csv"):
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    encoding = "utf-8-sig" if bom else "utf-8"
    return SimpleUploadedFile(name, text.getvalue().encode(encoding), "text/csv")


def upload(client, file, capture):
    """Post a file as a user would; the check task runs on commit (eager)."""
    before = AccountImport.objects.count()
    with capture(execute=True):
        response = client.post(reverse("people_account_imports:upload"), {"file": file})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AccountImport.objects.count() == before + 1
    account_import = AccountImport.objects.latest("pk")
    assert response.url == reverse(
        "people_account_imports:detail", args=[account_import.pk]
    )
    return account_import


def confirm(client, account_import, capture):
    with capture(execute=True):
        response = client.post(
            reverse("people_account_imports:confirm", args=[account_import.pk])
        )
    assert response.status_code == 302
    account_import.refresh_from_db()
    return account_import


def detail_page(client, account_import) -> str:
    response = client.get(
        reverse("people_account_imports:detail", args=[account_import.pk])
    )
    assert response.status_code == 200
    return response.content.decode()


def error_codes(account_import) -> set[tuple]:
    return {(e["row"], e["column"], e["code"]) for e in account_import.row_errors}


@pytest.fixture(autouse=True)
def _english(client, settings):
    """Pages are asserted in English, whatever translations exist."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


# --- The happy path ---------------------------------------------------------


@pytest.mark.django_db
def test_template_has_vietnamese_headers_instructions_and_codes(
    admin_client, commune_a, target_groups
):
    response = admin_client.get(reverse("people_account_imports:template"))

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[:2] == ["Tài khoản", "Hướng dẫn"]
    header = [cell.value for cell in workbook["Tài khoản"][1]]
    assert header == HEADERS
    instructions = " ".join(
        str(cell.value) for row in workbook["Hướng dẫn"].iter_rows() for cell in row
    )
    assert "Ethnicity is not imported" in instructions
    unit_codes = [row[0] for row in workbook["Đơn vị"].iter_rows(values_only=True)]
    assert "C52402" in unit_codes
    group_codes = [
        row[0] for row in workbook["Nhóm đối tượng"].iter_rows(values_only=True)
    ]
    assert "giao-vien" in group_codes


@pytest.mark.django_db
def test_template_file_comes_back_as_a_file_with_no_accounts(
    admin_client, commune_a, django_capture_on_commit_callbacks
):
    template = admin_client.get(reverse("people_account_imports:template")).content

    account_import = upload(
        admin_client,
        SimpleUploadedFile("mau.xlsx", template, XLSX),
        django_capture_on_commit_callbacks,
    )

    assert account_import.status == AccountImport.Status.INVALID
    assert error_codes(account_import) == {(None, "", "empty")}


@pytest.mark.django_db
def test_valid_file_is_previewed_then_imported_on_confirm(
    admin_client,
    commune_a,
    organisation_a,
    target_groups,
    django_capture_on_commit_callbacks,
):
    users_before = User.objects.count()
    rows = [
        account_row(
            organisation="UBND-C52402",
            target_groups="giao-vien; ban-vstbpn",
            is_leader="Có",
        ),
        account_row(
            username="binh.tv",
            full_name="Trần Văn Bình",
            email="binh.tv@example.test",
            sex="Nam",
            date_of_birth="",
            employment_type="người hoạt động không chuyên trách",
            is_leader="",
        ),
    ]

    account_import = upload(
        admin_client, xlsx_file(rows), django_capture_on_commit_callbacks
    )

    assert account_import.status == AccountImport.Status.READY
    assert account_import.row_errors == []
    assert account_import.total_rows == 2
    assert account_import.preview["new_count"] == 2
    assert account_import.preview["update_count"] == 0
    assert User.objects.count() == users_before
    page = detail_page(admin_client, account_import)
    assert "Nguyễn Thị Lan" in page
    assert "Trần Văn Bình" in page
    assert "Import 2 accounts" in page

    account_import = confirm(
        admin_client, account_import, django_capture_on_commit_callbacks
    )

    assert account_import.status == AccountImport.Status.DONE
    assert (account_import.created_count, account_import.updated_count) == (2, 0)
    assert User.objects.count() == users_before + 2
    lan = User.objects.get(username="lan.nt")
    assert lan.full_name == "Nguyễn Thị Lan"
    assert lan.email == "lan.nt@example.test"
    assert lan.sex == User.Sex.FEMALE
    assert lan.date_of_birth == date(1990, 3, 25)
    assert lan.phone == "0912345678"
    assert lan.employment_type == User.EmploymentType.CONG_CHUC
    assert lan.unit == commune_a
    assert lan.organisation == organisation_a
    assert lan.is_leader is True
    assert set(lan.target_groups.values_list("code", flat=True)) == {
        "giao-vien",
        "ban-vstbpn",
    }
    assert not lan.has_usable_password()
    assert lan.ethnicity is None
    assert list(lan.groups.values_list("name", flat=True)) == [Role.LEARNER]
    binh = User.objects.get(username="binh.tv")
    assert binh.sex == User.Sex.MALE
    assert binh.employment_type == User.EmploymentType.NON_PROFESSIONAL
    assert binh.date_of_birth is None
    assert binh.is_leader is False
    assert "2 accounts created" in detail_page(admin_client, account_import)
    assert not account_import.file, "the uploaded personal data is removed"


@pytest.mark.django_db
def test_reimport_updates_accounts_instead_of_duplicating_them(
    admin_client,
    commune_a,
    district_a,
    target_groups,
    django_capture_on_commit_callbacks,
):
    first = upload(
        admin_client,
        xlsx_file([account_row(target_groups="giao-vien")]),
        django_capture_on_commit_callbacks,
    )
    confirm(admin_client, first, django_capture_on_commit_callbacks)
    users_before = User.objects.count()

    changed = account_row(
        username="LAN.NT",
        full_name="Nguyễn Thị Lan Anh",
        email="lan.anh@example.test",
        unit="D524",
        phone="",
        position="Chủ tịch Hội Phụ nữ",
        target_groups="ban-vstbpn",
    )
    second = upload(
        admin_client, xlsx_file([changed]), django_capture_on_commit_callbacks
    )
    assert second.status == AccountImport.Status.READY
    assert second.preview["update_count"] == 1
    assert "Update" in detail_page(admin_client, second)
    second = confirm(admin_client, second, django_capture_on_commit_callbacks)

    assert second.status == AccountImport.Status.DONE
    assert (second.created_count, second.updated_count) == (0, 1)
    assert User.objects.count() == users_before
    lan = User.objects.get(username__iexact="lan.nt")
    assert lan.username == "lan.nt"
    assert lan.full_name == "Nguyễn Thị Lan Anh"
    assert lan.email == "lan.anh@example.test"
    assert lan.unit == district_a
    assert lan.position == "Chủ tịch Hội Phụ nữ"
    assert lan.phone == "0912345678", "an empty optional cell keeps the value"
    assert list(lan.target_groups.values_list("code", flat=True)) == ["ban-vstbpn"]
    assert lan.groups.count() == 1


@pytest.mark.django_db
def test_csv_with_bom_and_semicolons_is_imported(
    admin_client, commune_a, django_capture_on_commit_callbacks
):
    rows = [
        account_row(full_name="Lê Thị Hoa; Hồng", sex="nu"),
        account_row(
            username="nam.pv",
            email="nam.pv@example.test",
            sex="NAM",
            full_name="Phạm Văn Nam",
        ),
    ]
    users_before = User.objects.count()

    account_import = upload(
        admin_client,
        csv_file(rows, delimiter=";", bom=True),
        django_capture_on_commit_callbacks,
    )
    assert account_import.status == AccountImport.Status.READY, (
        account_import.row_errors
    )
    confirm(admin_client, account_import, django_capture_on_commit_callbacks)

    assert User.objects.count() == users_before + 2
    assert User.objects.get(username="lan.nt").full_name == "Lê Thị Hoa; Hồng"
    assert User.objects.get(username="nam.pv").sex == User.Sex.MALE


@pytest.mark.django_db
def test_csv_with_commas_and_no_bom_is_imported(
    admin_client, commune_a, django_capture_on_commit_callbacks
):
    account_import = upload(
        admin_client, csv_file([account_row()]), django_capture_on_commit_callbacks
    )

    assert account_import.status == AccountImport.Status.READY


@pytest.mark.django_db
def test_real_excel_date_cells_and_lower_case_values_are_accepted(
    admin_client, commune_a, django_capture_on_commit_callbacks
):
    row = account_row(
        date_of_birth=datetime(1985, 12, 1), sex="nữ", employment_type="giáo viên"
    )
    row[KEYS.index("is_leader")] = True

    account_import = upload(
        admin_client, xlsx_file([row]), django_capture_on_commit_callbacks
    )
    confirm(admin_client, account_import, django_capture_on_commit_callbacks)

    lan = User.objects.get(username="lan.nt")
    assert lan.date_of_birth == date(1985, 12, 1)
    assert lan.employment_type == User.EmploymentType.TEACHER
    assert lan.is_leader is True


# --- Bad rows: a message for each, nothing saved -------------------------------


BAD_ROWS = [
    ({"unit": "X999"}, "Mã đơn vị hành chính", "unknown_unit", "X999"),
    ({"organisation": "KHONG-CO"}, "Mã cơ quan", "unknown_organisation", "KHONG-CO"),
    (
        {"target_groups": "giao-vien;khong-co"},
        "Nhóm đối tượng",
        "unknown_target_group",
        "khong-co",
    ),
    ({"sex": "Khác"}, "Giới tính", "bad_sex", "write Nam or Nữ"),
    ({"date_of_birth": "31/02/1990"}, "Ngày sinh", "bad_date", "dd/mm/yyyy"),
    ({"date_of_birth": "1990-25-03"}, "Ngày sinh", "bad_date", "1990-25-03"),
    (
        {"date_of_birth": (date.today() + timedelta(days=3)).strftime("%d/%m/%Y")},
        "Ngày sinh",
        "implausible_date",
        "not a possible date of birth",
    ),
    ({"full_name": ""}, "Họ và tên", "required", "This column is required."),
    ({"username": ""}, "Tên đăng nhập", "required", "This column is required."),
    ({"email": ""}, "Email", "required", "This column is required."),
    ({"sex": ""}, "Giới tính", "required", "This column is required."),
    ({"unit": ""}, "Mã đơn vị hành chính", "required", "This column is required."),
    ({"email": "lan.nt@@example"}, "Email", "bad_email", "not a valid e-mail"),
    ({"username": "lan nt"}, "Tên đăng nhập", "bad_username", "not a valid username"),
    ({"employment_type": "Bộ đội"}, "Loại cán bộ", "bad_employment_type", "Bộ đội"),
    ({"is_leader": "Có lẽ"}, "Lãnh đạo", "bad_leader", "write Có or Không"),
    ({"phone": "gọi sau"}, "Số điện thoại", "bad_phone", "not a phone number"),
    ({"full_name": "A" * 151}, "Họ và tên", "too_long", "longer than 150"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("values", "column", "code", "shown"), BAD_ROWS)
def test_bad_row_is_reported_with_row_column_and_reason_and_nothing_is_saved(
    admin_client,
    commune_a,
    target_groups,
    django_capture_on_commit_callbacks,
    values,
    column,
    code,
    shown,
):
    users_before = User.objects.count()
    rows = [
        account_row(username="ok.1", email="ok.1@example.test"),
        account_row(**values),
    ]

    account_import = upload(
        admin_client, xlsx_file(rows), django_capture_on_commit_callbacks
    )

    assert account_import.status == AccountImport.Status.INVALID
    assert (3, column, code) in error_codes(account_import)
    page = detail_page(admin_client, account_import)
    assert "Nothing has been saved" in page
    assert shown in page
    assert "Import 2 accounts" not in page
    assert User.objects.count() == users_before


@pytest.mark.django_db
def test_every_bad_row_is_listed(
    admin_client, commune_a, django_capture_on_commit_callbacks
):
    rows = [
        account_row(username=f"user{n}", email=f"user{n}@example.test", unit="X999")
        for n in range(300)
    ]

    account_import = upload(
        admin_client, xlsx_file(rows), django_capture_on_commit_callbacks
    )

    assert {e["row"] for e in account_import.row_errors} == set(range(2, 302))
    page = detail_page(admin_client, account_import)
    assert "Correct the 300 problems below" in page
    assert "Page 1 of 2" in page


@pytest.mark.django_db
def test_duplicate_username_and_email_inside_the_file_are_reported(
    admin_client, commune_a, django_capture_on_commit_callbacks
):
    rows = [
        account_row(),
        account_row(username="LAN.NT", email="other@example.test"),
        account_row(username="someone", email="Lan.NT@example.test"),
    ]

    account_import = upload(
        admin_client, xlsx_file(rows), django_capture_on_commit_callbacks
    )

    assert error_codes(account_import) == {
        (3, "Tên đăng nhập", "duplicate_username"),
        (4, "Email", "duplicate_email"),
    }
    page = detail_page(admin_client, account_import)
    assert "already appears on row 2" in page


@pytest.mark.django_db
def test_email_of_a_different_existing_account_is_reported(
    admin_client, commune_a, django_capture_on_commit_callbacks
):
    UserFactory(username="someone-else", email="LAN.NT@example.test", unit=commune_a)
    users_before = User.objects.count()

    account_import = upload(
        admin_client, xlsx_file([account_row()]), django_capture_on_commit_callbacks
    )

    assert error_codes(account_import) == {(2, "Email", "email_taken")}
    assert "already used by another account" in detail_page(
        admin_client, account_import
    )
    assert User.objects.count() == users_before


# --- Bad files -----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "shown"),
    [
        ("tai-khoan.xls", b"\xd0\xcf\x11\xe0", "Only Excel (.xlsx) and CSV"),
        ("tai-khoan.txt", b"username\nlan", "Only Excel (.xlsx) and CSV"),
        ("tai-khoan", b"x", "Only Excel (.xlsx) and CSV"),
    ],
)
def test_wrong_extension_is_refused_at_upload(admin_client, name, content, shown):
    response = admin_client.post(
        reverse("people_account_imports:upload"),
        {"file": SimpleUploadedFile(name, content)},
    )

    assert response.status_code == 200
    assert shown in response.content.decode()
    assert AccountImport.objects.count() == 0


@pytest.mark.django_db
def test_empty_file_is_refused_at_upload(admin_client):
    response = admin_client.post(
        reverse("people_account_imports:upload"),
        {"file": SimpleUploadedFile("rong.csv", b"", "text/csv")},
    )

    assert response.status_code == 200
    assert "The submitted file is empty." in response.content.decode()
    assert AccountImport.objects.count() == 0


@pytest.mark.django_db
def test_too_large_file_is_refused_at_upload(admin_client, settings):
    settings.ACCOUNT_IMPORT_MAX_BYTES = 1024 * 1024
    content = b"x" * (1024 * 1024 + 1)

    response = admin_client.post(
        reverse("people_account_imports:upload"),
        {"file": SimpleUploadedFile("big.csv", content, "text/csv")},
    )

    assert response.status_code == 200
    assert "The file is larger than 1 MB." in response.content.decode()
    assert AccountImport.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("file", "code", "shown"),
    [
        (
            SimpleUploadedFile("hong.xlsx", b"this is not a zip file", XLSX),
            "unreadable",
            "The file cannot be read",
        ),
        (
            SimpleUploadedFile(
                "sai.csv", "Tên đăng nhập,Họ và tên\nlan,Lan\n".encode(), "text/csv"
            ),
            "missing_columns",
            "Email, Giới tính, Mã đơn vị hành chính",
        ),
        (
            SimpleUploadedFile(
                "chi-tieu-de.csv", ",".join(HEADERS).encode() + b"\n,,,\n", "text/csv"
            ),
            "empty",
            "no accounts",
        ),
        (
            SimpleUploadedFile(
                "unicode-text.csv",
                (",".join(HEADERS) + "\nlan,Nguyễn Thị Lan\n").encode("utf-16"),
                "text/csv",
            ),
            "not_utf8",
            "CSV UTF-8",
        ),
        (
            SimpleUploadedFile(
                "hai-cot.csv",
                (",".join([*HEADERS, "Email"]) + "\n").encode(),
                "text/csv",
            ),
            "duplicate_column",
            "appears twice",
        ),
    ],
    ids=["unreadable", "wrong-headers", "header-only", "not-utf8", "duplicate-column"],
)
def test_unusable_file_is_reported_and_nothing_is_saved(
    admin_client, commune_a, django_capture_on_commit_callbacks, file, code, shown
):
    users_before = User.objects.count()

    account_import = upload(admin_client, file, django_capture_on_commit_callbacks)

    assert account_import.status == AccountImport.Status.INVALID
    assert [e["code"] for e in account_import.row_errors] == [code]
    assert shown in detail_page(admin_client, account_import)
    assert User.objects.count() == users_before


@pytest.mark.django_db
def test_too_many_rows_is_reported(
    admin_client, commune_a, settings, django_capture_on_commit_callbacks
):
    settings.ACCOUNT_IMPORT_MAX_ROWS = 2
    rows = [account_row(username=f"u{n}", email=f"u{n}@example.test") for n in range(3)]

    account_import = upload(
        admin_client, xlsx_file(rows), django_capture_on_commit_callbacks
    )

    assert error_codes(account_import) == {(None, "", "too_many_rows")}
    assert "more than 2 accounts" in detail_page(admin_client, account_import)


def test_read_table_skips_blank_rows_and_numbers_rows_as_the_spreadsheet():
    content = xlsx_bytes([account_row(), [None] * len(HEADERS), account_row()])

    table = read_table(content=content, filename="a.xlsx", max_rows=10)

    assert [number for number, _cells in table.rows] == [2, 4]


def test_read_table_accepts_headers_in_any_order_with_extra_columns():
    headers = ["STT", *reversed(HEADERS)]
    content = xlsx_bytes([[1, *reversed(account_row())]], headers=headers)

    table = read_table(content=content, filename="a.xlsx", max_rows=10)

    assert table.columns["username"] == len(HEADERS)
    assert table.columns["is_leader"] == 1


def test_read_table_refuses_too_many_rows_without_reading_them_all():
    content = xlsx_bytes([account_row()] * 5)

    with pytest.raises(ImportFileError) as raised:
        read_table(content=content, filename="a.xlsx", max_rows=4)

    assert raised.value.code == "too_many_rows"


# --- Scope and permissions -----------------------------------------------------


@pytest.mark.django_db
def test_unit_manager_imports_into_their_own_units(
    manager_client, unit_manager, commune_a, django_capture_on_commit_callbacks
):
    account_import = upload(
        manager_client, xlsx_file([account_row()]), django_capture_on_commit_callbacks
    )
    confirm(manager_client, account_import, django_capture_on_commit_callbacks)

    assert account_import.status == AccountImport.Status.DONE
    assert User.objects.get(username="lan.nt").unit == commune_a


@pytest.mark.django_db
def test_unit_manager_cannot_import_into_another_district(
    manager_client,
    commune_a,
    commune_b,
    organisation_b,
    django_capture_on_commit_callbacks,
):
    users_before = User.objects.count()
    rows = [
        account_row(unit="C53302"),
        account_row(username="x", email="x@example.test", organisation="UBND-C53302"),
        account_row(username="y", email="y@example.test", unit=""),
    ]

    account_import = upload(
        manager_client, xlsx_file(rows), django_capture_on_commit_callbacks
    )

    assert error_codes(account_import) == {
        (2, "Mã đơn vị hành chính", "unit_out_of_scope"),
        (3, "Mã cơ quan", "organisation_out_of_scope"),
        (4, "Mã đơn vị hành chính", "required"),
    }
    assert "not one of the units you manage" in detail_page(
        manager_client, account_import
    )
    assert User.objects.count() == users_before


@pytest.mark.django_db
def test_unit_manager_cannot_update_an_account_outside_their_units(
    manager_client,
    commune_a,
    commune_b,
    administrator,
    django_capture_on_commit_callbacks,
):
    UserFactory(username="lan.nt", email="lan.nt@example.test", unit=commune_b)
    rows = [
        account_row(),
        account_row(username="ADMIN", email="admin-new@example.test"),
    ]

    account_import = upload(
        manager_client, xlsx_file(rows), django_capture_on_commit_callbacks
    )

    assert error_codes(account_import) == {
        (2, "Tên đăng nhập", "account_out_of_scope"),
        (3, "Tên đăng nhập", "account_out_of_scope"),
    }
    assert User.objects.get(username="lan.nt").unit == commune_b


def import_urls(account_import):
    return [
        reverse("people_account_imports:index"),
        reverse("people_account_imports:upload"),
        reverse("people_account_imports:template"),
        reverse("people_account_imports:detail", args=[account_import.pk]),
        reverse("people_account_imports:progress", args=[account_import.pk]),
    ]


@pytest.fixture
def admins_import(administrator, commune_a):
    return AccountImport.objects.create(
        uploaded_by=administrator,
        original_name="admin.xlsx",
        status=AccountImport.Status.READY,
        total_rows=1,
        preview={"new_count": 1, "update_count": 0, "rows": []},
    )


@pytest.mark.django_db
def test_trainer_without_the_permission_is_refused_everywhere(
    client, trainer, admins_import
):
    client.force_login(trainer)

    for url in import_urls(admins_import):
        assert client.get(url).status_code == 403, url
    upload = client.post(
        reverse("people_account_imports:upload"), {"file": xlsx_file([account_row()])}
    )
    assert upload.status_code == 403
    confirm_url = reverse("people_account_imports:confirm", args=[admins_import.pk])
    assert client.post(confirm_url).status_code == 403
    admins_import.refresh_from_db()
    assert admins_import.status == AccountImport.Status.READY
    assert AccountImport.objects.count() == 1


@pytest.mark.django_db
def test_learner_is_refused_everywhere(learner_client, admins_import):
    """A learner has no admin access at all: Wagtail sends them to its login page,
    and answers 403 to script requests."""
    for url in import_urls(admins_import):
        response = learner_client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("wagtailadmin_login")), url
        xhr = learner_client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
        assert xhr.status_code == 403, url
    confirm_url = reverse("people_account_imports:confirm", args=[admins_import.pk])
    assert learner_client.post(confirm_url).status_code == 302
    assert (
        learner_client.post(
            confirm_url, headers={"x-requested-with": "XMLHttpRequest"}
        ).status_code
        == 403
    )
    admins_import.refresh_from_db()
    assert admins_import.status == AccountImport.Status.READY


@pytest.mark.django_db
def test_unit_manager_cannot_see_or_confirm_another_users_import(
    manager_client, admins_import, django_capture_on_commit_callbacks
):
    for name in ("detail", "progress"):
        url = reverse(f"people_account_imports:{name}", args=[admins_import.pk])
        assert manager_client.get(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            reverse("people_account_imports:confirm", args=[admins_import.pk])
        )
    assert response.status_code == 404
    admins_import.refresh_from_db()
    assert admins_import.status == AccountImport.Status.READY
    assert (
        "admin.xlsx"
        not in manager_client.get(
            reverse("people_account_imports:index")
        ).content.decode()
    )


@pytest.mark.django_db
def test_import_list_shows_a_manager_their_own_and_an_administrator_all(
    client, unit_manager, administrator, admins_import
):
    AccountImport.objects.create(uploaded_by=unit_manager, original_name="mine.xlsx")

    client.force_login(unit_manager)
    manager_page = client.get(reverse("people_account_imports:index")).content.decode()
    client.force_login(administrator)
    admin_page = client.get(reverse("people_account_imports:index")).content.decode()

    assert "mine.xlsx" in manager_page
    assert "admin.xlsx" not in manager_page
    assert "mine.xlsx" in admin_page
    assert "admin.xlsx" in admin_page


@pytest.mark.django_db
def test_menu_item_is_shown_only_to_users_who_may_import(
    rf, administrator, unit_manager, trainer
):
    from people.wagtail_hooks import register_account_import_menu_item

    item = register_account_import_menu_item()
    for user, shown in ((administrator, True), (unit_manager, True), (trainer, False)):
        request = rf.get("/admin/")
        request.user = user
        assert item.is_shown(request) is shown


# --- Confirming: once, atomically, in the background -----------------------------


@pytest.mark.django_db
def test_only_a_ready_import_can_be_confirmed(
    admin_client, commune_a, django_capture_on_commit_callbacks
):
    account_import = upload(
        admin_client,
        xlsx_file([account_row(unit="X999")]),
        django_capture_on_commit_callbacks,
    )

    account_import = confirm(
        admin_client, account_import, django_capture_on_commit_callbacks
    )

    assert account_import.status == AccountImport.Status.INVALID
    assert not User.objects.filter(username="lan.nt").exists()


@pytest.mark.django_db
def test_confirm_checks_again_and_saves_nothing_if_the_data_changed(
    admin_client, commune_a, django_capture_on_commit_callbacks
):
    account_import = upload(
        admin_client,
        xlsx_file([account_row(), account_row(username="b", email="b@example.test")]),
        django_capture_on_commit_callbacks,
    )
    UserFactory(username="quick", email="b@example.test", unit=commune_a)
    users_before = User.objects.count()

    account_import = confirm(
        admin_client, account_import, django_capture_on_commit_callbacks
    )

    assert account_import.status == AccountImport.Status.INVALID
    assert error_codes(account_import) == {(3, "Email", "email_taken")}
    assert User.objects.count() == users_before
    assert "Some accounts changed after the check" in detail_page(
        admin_client, account_import
    )


@pytest.mark.django_db
def test_a_failure_while_saving_leaves_nothing_half_saved(
    admin_client, commune_a, monkeypatch, django_capture_on_commit_callbacks
):
    rows = [
        account_row(username=f"u{n}", email=f"u{n}@example.test") for n in range(1200)
    ]
    account_import = upload(
        admin_client, xlsx_file(rows), django_capture_on_commit_callbacks
    )
    users_before = User.objects.count()

    def broken(**kwargs):
        raise RuntimeError("database went away")

    # Fails after the accounts have been inserted, before the roles are given.
    monkeypatch.setattr(service.Group.objects, "get_or_create", broken)
    account_import = confirm(
        admin_client, account_import, django_capture_on_commit_callbacks
    )

    assert account_import.status == AccountImport.Status.FAILED
    assert "nothing was saved" in account_import.failure_message
    assert User.objects.count() == users_before


@pytest.mark.django_db
def test_tasks_are_idempotent(
    admin_client, commune_a, django_capture_on_commit_callbacks
):
    account_import = upload(
        admin_client, xlsx_file([account_row()]), django_capture_on_commit_callbacks
    )
    validated_at = account_import.validated_at
    validate_account_import_task(account_import.pk)
    account_import.refresh_from_db()
    assert account_import.validated_at == validated_at

    confirm(admin_client, account_import, django_capture_on_commit_callbacks)
    users_after = User.objects.count()
    apply_account_import_task(account_import.pk)
    validate_account_import_task(account_import.pk)

    account_import.refresh_from_db()
    assert account_import.status == AccountImport.Status.DONE
    assert account_import.created_count == 1
    assert User.objects.count() == users_after


@pytest.mark.django_db
def test_upload_and_confirm_enqueue_the_tasks_on_commit(
    admin_client, commune_a, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    # Tasks go through the outbox's apply_async (lms/outbox.py), not delay().
    monkeypatch.setattr(
        tasks.validate_account_import_task,
        "apply_async",
        lambda args=(), kwargs=None, **options: queued.append(args[0]),
    )

    with django_capture_on_commit_callbacks() as callbacks:
        admin_client.post(
            reverse("people_account_imports:upload"),
            {"file": xlsx_file([account_row()])},
        )

    assert queued == []
    account_import = AccountImport.objects.get()
    assert account_import.status == AccountImport.Status.VALIDATING
    for callback in callbacks:
        callback()
    assert queued == [account_import.pk]


@pytest.mark.django_db
def test_progress_endpoint_reports_rows_done_and_status(
    admin_client, commune_a, django_capture_on_commit_callbacks
):
    rows = [account_row(username=f"u{n}", email=f"u{n}@example.test") for n in range(3)]
    account_import = upload(
        admin_client, xlsx_file(rows), django_capture_on_commit_callbacks
    )
    url = reverse("people_account_imports:progress", args=[account_import.pk])

    ready = admin_client.get(url).json()
    confirm(admin_client, account_import, django_capture_on_commit_callbacks)
    done = admin_client.get(url).json()

    assert ready["status"] == "ready"
    assert ready["is_running"] is False
    assert (ready["done"], ready["total"]) == (3, 3)
    assert done["status"] == "done"
    assert (done["done"], done["total"]) == (3, 3)


@pytest.mark.django_db
def test_running_import_shows_a_progress_bar_that_polls(admin_client, administrator):
    account_import = AccountImport.objects.create(
        uploaded_by=administrator,
        original_name="big.xlsx",
        status=AccountImport.Status.IMPORTING,
        total_rows=10,
    )

    page = detail_page(admin_client, account_import)

    assert "<progress" in page
    assert "people/account_import.js" in page
    assert reverse("people_account_imports:progress", args=[account_import.pk]) in page


# --- Size ------------------------------------------------------------------------


@pytest.mark.django_db
def test_checking_does_not_query_per_row(
    admin_client, administrator, commune_a, target_groups
):
    def queries_for(count):
        rows = [
            account_row(
                username=f"q{n}", email=f"q{n}@example.test", target_groups="giao-vien"
            )
            for n in range(count)
        ]
        account_import = AccountImport(
            uploaded_by=administrator, original_name="q.xlsx"
        )
        account_import.file.save("q.xlsx", io.BytesIO(xlsx_bytes(rows)), save=True)
        with CaptureQueriesContext(connection) as context:
            service.account_import_validate(account_import=account_import)
        assert account_import.status == AccountImport.Status.READY
        return len(context.captured_queries)

    assert queries_for(10) == queries_for(400)


@pytest.mark.django_db
def test_ten_thousand_rows_are_imported_through_the_celery_tasks(
    admin_client,
    district_a,
    commune_a,
    target_groups,
    django_capture_on_commit_callbacks,
):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Tài khoản")
    sheet.append(HEADERS)
    for n in range(10_000):
        sheet.append(
            account_row(
                username=f"hv{n:05d}",
                full_name=f"Học viên {n}",
                email=f"hv{n:05d}@example.test",
                sex="Nam" if n % 2 else "Nữ",
                date_of_birth=datetime(1970 + n % 30, 1 + n % 12, 1 + n % 28),
                unit="C52402" if n % 3 else "D524",
                target_groups="giao-vien" if n % 5 == 0 else "",
            )
        )
    content = io.BytesIO()
    workbook.save(content)
    users_before = User.objects.count()

    account_import = upload(
        admin_client,
        SimpleUploadedFile("10000.xlsx", content.getvalue(), XLSX),
        django_capture_on_commit_callbacks,
    )
    assert account_import.status == AccountImport.Status.READY
    assert account_import.preview["new_count"] == 10_000
    account_import = confirm(
        admin_client, account_import, django_capture_on_commit_callbacks
    )

    assert account_import.status == AccountImport.Status.DONE
    assert account_import.created_count == 10_000
    assert User.objects.count() == users_before + 10_000
    learners = Group.objects.get(name=Role.LEARNER)
    assert learners.user_set.filter(username__startswith="hv").count() == 10_000
    assert User.objects.filter(target_groups__code="giao-vien").count() == 2_000


@pytest.mark.django_db
def test_non_ascii_username_is_matched_and_updated_not_duplicated(
    admin_client, commune_a, django_capture_on_commit_callbacks
):
    UserFactory(username="Đức.nv", email="duc@example.test", unit=commune_a)
    users_before = User.objects.count()

    account_import = upload(
        admin_client,
        xlsx_file([account_row(username="Đức.nv", email="duc@example.test")]),
        django_capture_on_commit_callbacks,
    )
    confirm(admin_client, account_import, django_capture_on_commit_callbacks)

    assert account_import.status == AccountImport.Status.DONE
    assert account_import.updated_count == 1
    assert User.objects.count() == users_before


def test_markup_in_names_is_refused_like_in_the_profile(
    admin_client, commune_a, django_capture_on_commit_callbacks
):
    """The rule of people.validators: markup is refused, never rewritten."""
    users_before = User.objects.count()
    rows = [
        account_row(
            full_name="<script>alert(1)</script><b>Nguyễn</b> Thị Lan",
            position='<a href="javascript:alert(1)">Cán bộ</a> & thư ký',
        ),
        account_row(
            username="hoa.nt",
            email="hoa.nt@example.test",
            full_name="&lt;style&gt;Hoa&lt;/style&gt;",
        ),
    ]
    account_import = upload(
        admin_client, xlsx_file(rows), django_capture_on_commit_callbacks
    )

    assert account_import.status == AccountImport.Status.INVALID
    assert error_codes(account_import) == {
        (2, "Họ và tên", "markup"),
        (2, "Chức vụ", "markup"),
        (3, "Họ và tên", "markup"),
    }
    assert User.objects.count() == users_before
