"""Sign-in sheet: PDF and Excel downloads, and a filled sheet imported back."""

import io
import unicodedata

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories.training import make_mark
from training.models import AttendanceChange, AttendanceRecord, AttendanceSource
from training.sheets import HEADER_ROW

pytestmark = pytest.mark.django_db


def download(client, training_class):
    response = client.get(
        reverse("training_classes:sign_in_sheet_xlsx", args=[training_class.pk])
    )
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def upload(client, training_class, workbook):
    output = io.BytesIO()
    workbook.save(output)
    file = SimpleUploadedFile("ky-ten.xlsx", output.getvalue())
    return client.post(
        reverse("training_classes:sign_in_sheet_import", args=[training_class.pk]),
        {"file": file},
    )


def row_of(sheet, username):
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        if sheet.cell(row=row, column=3).value == username:
            return row
    raise AssertionError(username)


def test_pdf_sheet_lists_the_participants(
    client, trainer, training_class, sessions, participant
):
    client.force_login(trainer)
    response = client.get(
        reverse("training_classes:sign_in_sheet_pdf", args=[training_class.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"DejaVu" in response.content


def test_excel_sheet_has_a_column_per_session_and_the_legend(
    client, trainer, training_class, sessions, participant, second_participant
):
    client.force_login(trainer)
    workbook = download(client, training_class)
    sheet = workbook["Danh sách ký tên"]
    headers = [c.value for c in sheet[HEADER_ROW]]
    assert headers[:5] == ["STT", "Họ và tên", "Tên đăng nhập", "Đơn vị", "Giới tính"]
    assert len(headers) == 5 + len(sessions)
    assert "Hướng dẫn" in workbook.sheetnames
    row_of(sheet, participant.person.username)


def test_filled_sheet_is_checked_previewed_and_recorded(
    client, trainer, training_class, sessions, participant, second_participant
):
    client.force_login(trainer)
    workbook = download(client, training_class)
    sheet = workbook["Danh sách ký tên"]
    first = row_of(sheet, participant.person.username)
    second = row_of(sheet, second_participant.person.username)
    sheet.cell(row=first, column=6, value="x")
    sheet.cell(row=second, column=6, value="M")
    response = upload(client, training_class, workbook)
    assert response.status_code == 200
    assert response.context["preview"]
    assert not AttendanceRecord.objects.exists()
    response = client.post(
        reverse("training_classes:sign_in_sheet_confirm", args=[training_class.pk])
    )
    assert response.status_code == 302
    marks = {
        (r.participant_id, r.status.code, r.source)
        for r in AttendanceRecord.objects.select_related("status")
    }
    assert marks == {
        (participant.pk, "present", AttendanceSource.SHEET),
        (second_participant.pk, "late", AttendanceSource.SHEET),
    }
    # The second session's column was left empty: not recorded.
    assert not AttendanceRecord.objects.filter(session=sessions[1]).exists()
    assert AttendanceChange.objects.count() == 2


def test_marks_typed_with_combining_marks_are_understood(
    client, trainer, training_class, sessions, participant
):
    client.force_login(trainer)
    workbook = download(client, training_class)
    sheet = workbook["Danh sách ký tên"]
    typed = unicodedata.normalize("NFD", "có mặt")
    sheet.cell(row=row_of(sheet, participant.person.username), column=6, value=typed)
    response = upload(client, training_class, workbook)
    assert response.status_code == 200 and response.context["preview"]
    client.post(
        reverse("training_classes:sign_in_sheet_confirm", args=[training_class.pk])
    )
    assert AttendanceRecord.objects.get().status.code == "present"


def test_sheet_with_an_unknown_name_or_session_saves_nothing(
    client, trainer, training_class, sessions, participant, other_learner
):
    make_mark(sessions[0], participant, "absent")
    client.force_login(trainer)
    workbook = download(client, training_class)
    sheet = workbook["Danh sách ký tên"]
    sheet.cell(row=row_of(sheet, participant.person.username), column=6, value="x")
    extra = sheet.max_row + 1
    sheet.cell(row=extra, column=2, value="Người Lạ")
    sheet.cell(row=extra, column=3, value=other_learner.username)
    sheet.cell(row=extra, column=6, value="x")
    sheet.cell(row=HEADER_ROW, column=8, value="Buổi 9\n01/01/2030 08:00")
    response = upload(client, training_class, workbook)
    content = response.content.decode()
    assert "không phải học viên đã xác nhận của lớp này" in content
    assert "không phải một buổi học của lớp này" in content
    assert "Chưa nhập danh sách" in content
    assert AttendanceRecord.objects.get().status.code == "absent"
    assert not AttendanceChange.objects.exists()


def test_sheet_with_a_meaningless_mark_is_refused(
    client, trainer, training_class, sessions, participant
):
    client.force_login(trainer)
    workbook = download(client, training_class)
    sheet = workbook["Danh sách ký tên"]
    sheet.cell(row=row_of(sheet, participant.person.username), column=6, value="??")
    response = upload(client, training_class, workbook)
    assert "không phải ký hiệu điểm danh" in response.content.decode()
    assert not AttendanceRecord.objects.exists()


def test_trainer_of_another_class_gets_no_sheet_and_imports_nothing(
    client, other_trainer, training_class, sessions, participant
):
    client.force_login(other_trainer)
    for name in ("sign_in_sheet_pdf", "sign_in_sheet_xlsx", "sign_in_sheet_import"):
        url = reverse(f"training_classes:{name}", args=[training_class.pk])
        assert client.get(url).status_code == 404
    url = reverse("training_classes:sign_in_sheet_confirm", args=[training_class.pk])
    assert client.post(url).status_code == 404
    assert not AttendanceRecord.objects.exists()


def test_learner_gets_no_sheet(learner_client, training_class):
    url = reverse("training_classes:sign_in_sheet_xlsx", args=[training_class.pk])
    assert learner_client.get(url).status_code in (302, 403)
