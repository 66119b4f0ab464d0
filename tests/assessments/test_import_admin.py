"""Importing questions in the admin: upload → preview → confirm, export, template,
and who may do it."""

import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from assessments.admin import importing as import_admin
from assessments.formats import moodlexml, xlsx
from assessments.models import Question, QuestionCategory
from people.roles import Role
from tests.factories import UserFactory
from tests.factories.assessments import make_category, make_question

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
INDEX = reverse("question_import:index")
EXPORT = reverse("question_import:export")
TEMPLATE = reverse("question_import:template")
MB = 1024 * 1024


def client_for(user, language="en") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


@pytest.fixture
def trainer_client(trainer):
    return client_for(trainer)


@pytest.fixture
def reviewer(province):
    return UserFactory(username="reviewer", unit=province, roles=[Role.REVIEWER])


def upload(
    client, name="moodle_all_types.xml", format="moodlexml", content=None, **data
):
    content = (DATA / name).read_bytes() if content is None else content
    return client.post(
        INDEX,
        {"file": SimpleUploadedFile(name, content), "format": format, **data},
    )


def pending_files(settings) -> list[Path]:
    folder = Path(settings.PRIVATE_UPLOADS_ROOT) / "question_imports"
    return sorted(folder.iterdir()) if folder.exists() else []


def page_messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def followed_messages(client, response) -> list[str]:
    return page_messages(client.get(response.url))


# --- The happy path -----------------------------------------------------------------


def test_the_upload_page_offers_the_form_and_the_template(trainer_client):
    response = trainer_client.get(INDEX)

    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="file"' in content
    assert 'name="format"' in content
    assert 'name="category"' in content
    assert TEMPLATE in content
    assert EXPORT in content


def test_upload_preview_then_confirm_saves_every_question(
    trainer_client, trainer, settings
):
    uploaded = upload(trainer_client)

    assert uploaded.status_code == 302
    token = uploaded.url.rstrip("/").rsplit("/", 1)[-1]
    assert uploaded.url == reverse("question_import:preview", kwargs={"token": token})
    assert [p.name for p in pending_files(settings)] == [token]
    assert Question.objects.count() == 0

    preview = trainer_client.get(uploaded.url)

    assert preview.status_code == 200
    content = preview.content.decode()
    assert "7 questions will be created" in content
    assert "Khái niệm giới" in content
    assert "Luật Bình đẳng giới/Số liệu" in content
    assert "Theo Luật Bình đẳng giới, “giới” chỉ gì?" in content
    assert "Single choice" in content
    assert Question.objects.count() == 0

    confirmed = trainer_client.post(
        reverse("question_import:confirm", kwargs={"token": token})
    )

    assert confirmed.status_code == 302
    assert confirmed.url == INDEX
    assert Question.objects.count() == 7
    assert set(Question.objects.values_list("created_by", flat=True)) == {trainer.pk}
    assert pending_files(settings) == []
    [message] = followed_messages(trainer_client, confirmed)
    assert message.startswith("7 questions were imported (Single choice: 1,")
    assert "Luật Bình đẳng giới/Khái niệm (2)" in message


def test_confirming_twice_imports_once(trainer_client):
    token = upload(trainer_client).url.rstrip("/").rsplit("/", 1)[-1]
    confirm = reverse("question_import:confirm", kwargs={"token": token})

    trainer_client.post(confirm)
    again = trainer_client.post(confirm)

    assert again.status_code == 404
    assert Question.objects.count() == 7


def test_an_excel_file_goes_under_the_chosen_category(trainer_client):
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.build_template()))
    workbook["Câu hỏi"].append(
        [
            "Khái niệm",
            "",
            "dung_sai",
            "Nam, nữ bình đẳng.",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "Đúng",
        ]
    )
    workbook["Câu hỏi"].append(
        ["", "", "tu_luan", "Trình bày các bước lồng ghép giới."]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)

    uploaded = upload(
        trainer_client,
        name="cau-hoi.xlsx",
        format="xlsx",
        content=buffer.getvalue(),
        category="Tập huấn 2026",
    )
    preview = trainer_client.get(uploaded.url)
    assert "Tập huấn 2026/Khái niệm" in preview.content.decode()
    trainer_client.post(uploaded.url.replace("/preview/", "/confirm/"))

    placed = {q.question_type: q.category.path_name for q in Question.objects.all()}
    assert placed == {"truefalse": "Tập huấn 2026/Khái niệm", "essay": "Tập huấn 2026"}


def test_gift_upload_is_read_as_utf8(trainer_client):
    uploaded = upload(
        trainer_client,
        name="cau-hoi.txt",
        format="gift",
        content="\ufeff::Bình đẳng::Nam, nữ bình đẳng. {T}\n".encode(),
    )

    assert uploaded.status_code == 302
    assert "Bình đẳng" in trainer_client.get(uploaded.url).content.decode()


# --- Bad files --------------------------------------------------------------------------


def test_a_file_with_errors_lists_every_error_and_keeps_nothing(
    trainer_client, settings
):
    response = upload(trainer_client, name="moodle_errors.xml")

    assert response.status_code == 200
    content = response.content.decode()
    assert "has 5 problems; no question was imported" in content
    assert "Question type “cloze” is not supported." in content
    assert "<td>25</td>" in content
    assert "Confirm and import" not in content
    assert pending_files(settings) == []
    assert Question.objects.count() == 0


def test_a_non_xlsx_file_sent_as_excel_is_refused(trainer_client):
    response = upload(trainer_client, name="moodle_all_types.xml", format="xlsx")

    assert response.status_code == 200
    assert "The file is not an Excel workbook (.xlsx)" in response.content.decode()
    assert Question.objects.count() == 0


def test_a_20_mb_upload_is_refused_before_it_is_read(
    trainer_client, monkeypatch, settings
):
    def must_not_parse(*args, **kwargs):
        raise AssertionError("parsed an oversized upload")

    monkeypatch.setattr(import_admin, "parse_file", must_not_parse)

    response = upload(trainer_client, content=b"<" + b" " * (20 * MB))

    assert response.status_code == 200
    assert "The file is 20.0 MB; the largest file accepted is 5.0 MB." in (
        response.content.decode()
    )
    assert pending_files(settings) == []


def test_form_errors_are_in_the_users_language(trainer):
    response = client_for(trainer, language="vi").post(INDEX, {"format": "gift"})

    assert response.status_code == 200
    assert "Trường này là bắt buộc." in response.content.decode()


def test_an_unknown_format_is_a_form_error(trainer_client):
    response = upload(trainer_client, format="qti")

    assert response.status_code == 200
    assert response.context["form"].errors["format"]
    assert Question.objects.count() == 0


def test_a_vanished_upload_sends_the_trainer_back_to_upload(trainer_client, settings):
    uploaded = upload(trainer_client)
    for path in pending_files(settings):
        path.unlink()

    response = trainer_client.get(uploaded.url)

    assert response.status_code == 302
    assert response.url == INDEX
    assert followed_messages(trainer_client, response) == [
        "The uploaded file is no longer available; please upload it again."
    ]


# --- Who may import ------------------------------------------------------------------------


def test_another_trainer_cannot_preview_or_confirm_my_upload(trainer_client, province):
    uploaded = upload(trainer_client)
    other = client_for(
        UserFactory(username="trainer2", unit=province, roles=[Role.TRAINER])
    )

    assert other.get(uploaded.url).status_code == 404
    assert other.post(uploaded.url.replace("/preview/", "/confirm/")).status_code == 404
    assert Question.objects.count() == 0


def test_a_learner_is_sent_to_log_in_and_nothing_is_saved(learner, settings):
    client = client_for(learner)

    for url in (INDEX, EXPORT, TEMPLATE):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("wagtailadmin_login")), url
    assert upload(client).status_code == 302
    assert pending_files(settings) == []
    assert Question.objects.count() == 0


def test_a_user_without_the_import_permission_is_refused(
    reviewer, trainer_client, settings
):
    token_url = upload(trainer_client).url
    client = client_for(reviewer)

    for url in (INDEX, EXPORT, TEMPLATE, token_url):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url == reverse("wagtailadmin_home"), url
    refused = client.post(token_url.replace("/preview/", "/confirm/"))
    assert refused.status_code == 302
    assert upload(client).status_code == 302
    assert len(pending_files(settings)) == 1  # only the trainer's
    assert Question.objects.count() == 0


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(INDEX)

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response.url


def test_posts_need_the_csrf_token(trainer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainer)

    response = upload(client)

    assert response.status_code == 403
    assert Question.objects.count() == 0


def sidebar_urls(client) -> set[str]:
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    match = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        content,
        re.S,
    )
    assert match
    return set(re.findall(r'"url": "([^"]+)"', json.dumps(json.loads(match[1]))))


def test_the_menu_shows_import_to_trainers_only(trainer_client, reviewer):
    assert INDEX in sidebar_urls(trainer_client)
    assert INDEX not in sidebar_urls(client_for(reviewer))


# --- Export and template ------------------------------------------------------------------


def test_export_downloads_a_category_as_moodle_xml(trainer_client):
    law = make_category("Luật")
    make_question(Question.Type.TRUE_FALSE, category=law, name="Trong Luật")
    make_question(Question.Type.ESSAY, category=make_category("Kỹ năng"), name="Ngoài")

    response = trainer_client.post(EXPORT, {"category": law.pk, "format": "moodlexml"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response["Content-Disposition"] == 'attachment; filename="cau-hoi-luat.xml"'
    assert [d.name for d in moodlexml.parse(response.content).drafts] == ["Trong Luật"]


def test_export_of_everything_as_gift(trainer_client):
    make_question(Question.Type.TRUE_FALSE, name="Nam nữ")

    response = trainer_client.post(EXPORT, {"category": "", "format": "gift"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Nam nữ" in response.content.decode("utf-8")


def test_export_of_an_empty_category_says_so(trainer_client):
    empty = make_category("Trống")

    response = trainer_client.post(EXPORT, {"category": empty.pk, "format": "gift"})

    assert response.status_code == 200
    assert "There are no questions to export here." in response.content.decode()


def test_the_template_downloads_as_xlsx(trainer_client):
    response = trainer_client.get(TEMPLATE)

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mau-cau-hoi.xlsx"'
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Câu hỏi", "Ví dụ", "Hướng dẫn"]
    assert QuestionCategory.objects.count() == 0
