"""Participant import from Excel: check every row, preview, confirm; all or nothing."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import UserFactory
from training.models import Participant
from training.participant_import import COLUMNS

pytestmark = pytest.mark.django_db


def workbook_with(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Học viên"
    sheet.append([column.header for column in COLUMNS])
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    output = io.BytesIO()
    workbook.save(output)
    return SimpleUploadedFile("hoc-vien.xlsx", output.getvalue())


def post_file(client, training_class, rows):
    return client.post(
        reverse("training_classes:participant_import", args=[training_class.pk]),
        {"file": workbook_with(rows)},
    )


@pytest.fixture
def staff(commune_a):
    return [
        UserFactory(username="canbo1", full_name="Đinh Thị Hoa", unit=commune_a),
        UserFactory(
            username="canbo2",
            full_name="Phạm Văn Lâm",
            email="lam@example.vn",
            unit=commune_a,
        ),
    ]


def test_template_downloads(client, unit_manager):
    client.force_login(unit_manager)
    response = client.get(reverse("training_classes:participant_import_template"))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Học viên"]
    assert [c.value for c in sheet[1]][:4] == [
        "STT",
        "Họ và tên",
        "Tên đăng nhập hoặc email",
        "Mã đơn vị",
    ]


def test_manager_imports_a_list_after_the_preview(
    client, unit_manager, training_class, staff
):
    client.force_login(unit_manager)
    response = post_file(
        client,
        training_class,
        [
            ["Đinh Thị Hoa", "canbo1", "C52402", "Trực tiếp", "Có", "Không", "Hrê"],
            ["Phạm Văn Lâm", "lam@example.vn", "C52402"],
        ],
    )
    assert response.status_code == 200
    assert len(response.context["rows"]) == 2
    assert not Participant.objects.exists()
    response = client.post(
        reverse("training_classes:participant_import_confirm", args=[training_class.pk])
    )
    assert response.status_code == 302
    imported = {p.person.username: p for p in Participant.objects.all()}
    assert set(imported) == {"canbo1", "canbo2"}
    assert imported["canbo1"].source == Participant.Source.IMPORT
    assert imported["canbo1"].brings_young_child
    assert imported["canbo1"].interpreter_language == "Hrê"
    assert imported["canbo1"].status == Participant.Status.CONFIRMED


def test_a_wrong_row_lists_every_problem_and_saves_nothing(
    client, unit_manager, training_class, staff, other_learner
):
    client.force_login(unit_manager)
    response = post_file(
        client,
        training_class,
        [
            ["Đinh Thị Hoa", "canbo1", "C52402"],
            ["Không Có Ai", "khongcoai", "C52402"],
            ["Tên Sai", "canbo2", "C52402"],
            ["Ngoài Phạm Vi", other_learner.username, "C53302"],
            ["Đinh Thị Hoa", "canbo1", "C52402"],
            ["", "", ""],
            ["Phạm Văn Lâm", "canbo2", "D524", "Bay"],
        ],
    )
    content = response.content.decode()
    assert "Không có tài khoản nào có tên đăng nhập hoặc email “khongcoai”" in content
    assert "không khớp với tài khoản “canbo2”" in content
    assert "không thuộc đơn vị bạn quản lý" in content
    assert "đã có ở dòng 2" in content
    assert "không hợp lệ: ghi Trực tiếp hoặc Trực tuyến" in content
    assert "Chưa nhập tệp" in content
    assert not Participant.objects.exists()
    confirm = reverse(
        "training_classes:participant_import_confirm", args=[training_class.pk]
    )
    client.post(confirm)
    assert not Participant.objects.exists()


def test_someone_already_registered_is_a_row_error(
    client, unit_manager, training_class, participant, learner
):
    client.force_login(unit_manager)
    response = post_file(
        client, training_class, [[learner.full_name, learner.username, "C52402"]]
    )
    assert "đã đăng ký lớp này" in response.content.decode()
    assert Participant.objects.count() == 1


def test_a_file_without_the_columns_is_refused(client, unit_manager, training_class):
    client.force_login(unit_manager)
    workbook = openpyxl.Workbook()
    workbook.active.append(["Tên", "Tuổi"])
    workbook.active.append(["A", 1])
    output = io.BytesIO()
    workbook.save(output)
    response = client.post(
        reverse("training_classes:participant_import", args=[training_class.pk]),
        {"file": SimpleUploadedFile("x.xlsx", output.getvalue())},
    )
    assert "thiếu các cột" in response.content.decode()


def test_trainer_of_another_class_and_learner_cannot_import(
    client, other_trainer, learner_client, training_class, staff
):
    url = reverse("training_classes:participant_import", args=[training_class.pk])
    client.force_login(other_trainer)
    assert client.get(url).status_code in (302, 403, 404)
    assert learner_client.get(url).status_code in (302, 403)
    response = learner_client.post(url, {"file": workbook_with([])})
    assert response.status_code in (302, 403)
    assert not Participant.objects.exists()


def test_manager_of_other_units_cannot_reach_the_class(
    client, other_class, unit_manager
):
    client.force_login(unit_manager)
    url = reverse("training_classes:participant_import", args=[other_class.pk])
    assert client.get(url).status_code == 404
