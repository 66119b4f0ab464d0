"""Large question files: a paged preview, then a Celery job the trainer follows,
which nobody else can see."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from assessments.models import Question, QuestionImport
from assessments.services.importing import (
    IMPORT_NOT_ALLOWED,
    question_import_apply,
    question_import_progress,
    question_import_start,
)
from assessments.tasks import import_question_file_task
from people.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("question_import:index")
QUESTIONS = 120


@pytest.fixture(autouse=True)
def _background_past_100_questions(settings):
    settings.ASSESSMENTS_BACKGROUND_IMPORT_QUESTIONS = 100


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def trainer_client(trainer):
    return client_for(trainer)


def big_gift(count: int = QUESTIONS) -> bytes:
    blocks = []
    for n in range(1, count + 1):
        if n % 40 == 1:
            blocks.append(f"$CATEGORY: Tập huấn/Phần {n // 40 + 1}")
        kind = "{T}" if n % 2 else "{=bình đẳng giới}"
        blocks.append(f"::Câu {n:03d}::Nội dung câu hỏi số {n:03d}. {kind}")
    return "\n\n".join(blocks).encode()


def upload(client, content: bytes | None = None):
    return client.post(
        INDEX,
        {
            "file": SimpleUploadedFile(
                "lon.gift", big_gift() if content is None else content
            ),
            "format": "gift",
        },
    )


def private_files(settings) -> list[Path]:
    root = Path(settings.PRIVATE_UPLOADS_ROOT) / "question_imports"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def start_job(trainer) -> QuestionImport:
    return question_import_start(
        uploaded_by=trainer,
        data=big_gift(),
        name="lon.gift",
        format="gift",
        category_path="",
        question_count=QUESTIONS,
    )


# --- The paged preview --------------------------------------------------------------


def test_the_preview_shows_50_questions_a_page_and_the_full_counts(trainer_client):
    preview_url = upload(trainer_client).url

    first = trainer_client.get(preview_url)
    second = trainer_client.get(preview_url + "?p=2")

    first_page, second_page = first.content.decode(), second.content.decode()
    assert "Câu 001" in first_page and "Câu 050" in first_page
    assert "Câu 051" not in first_page
    assert "Câu 051" in second_page and "Câu 100" in second_page
    assert "Câu 050" not in second_page and "Câu 101" not in second_page
    assert "Questions 51–100 of 120" in second_page
    assert "120 questions will be created" in second_page
    # Counts are of the whole file, whatever the page.
    for page in (first_page, second_page):
        assert '<th scope="row">True/false</th><td>60</td>' in page
        assert '<th scope="row">Tập huấn/Phần 3</th><td>40</td>' in page
    assert len(first.content) < 60_000
    assert Question.objects.count() == 0


def test_a_file_with_many_errors_is_listed_a_page_at_a_time(trainer_client):
    broken = "\n\n".join(f"::Câu {n}::Không có đáp án {n:03d}." for n in range(250))

    response = upload(trainer_client, broken.encode())

    content = response.content.decode()
    assert "has 250 problems" in content
    assert "200 of them are listed here" in content
    assert content.count("This text has no answers") == 200
    assert Question.objects.count() == 0


# --- The job -------------------------------------------------------------------------


def test_upload_preview_confirm_runs_the_job_and_reports_its_progress(
    trainer_client, trainer, settings, django_capture_on_commit_callbacks
):
    preview_url = upload(trainer_client).url
    assert "saved in the background" in trainer_client.get(preview_url).content.decode()
    confirm_url = preview_url.replace("/preview/", "/confirm/")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        confirmed = trainer_client.post(confirm_url)

    assert len(callbacks) == 1
    job = QuestionImport.objects.get()
    assert confirmed.url == reverse("question_import:job", args=[job.pk])
    assert job.status == QuestionImport.Status.DONE
    assert (job.total_questions, job.created_count) == (QUESTIONS, QUESTIONS)
    assert Question.objects.count() == QUESTIONS
    assert set(Question.objects.values_list("created_by", flat=True)) == {trainer.pk}
    assert private_files(settings) == []

    page = trainer_client.get(confirmed.url)
    assert page.status_code == 200
    assert "Done: 120 questions were imported." in page.content.decode()
    progress = trainer_client.get(
        reverse("question_import:job_progress", args=[job.pk])
    )
    assert progress.json() == {
        "status": "done",
        "status_label": "Imported",
        "is_running": False,
        "done": QUESTIONS,
        "total": QUESTIONS,
    }


def test_a_running_job_shows_its_progress_bar(
    trainer_client, trainer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = start_job(trainer)

    assert len(callbacks) == 1  # enqueued once the row is committed
    page = trainer_client.get(reverse("question_import:job", args=[job.pk]))
    content = page.content.decode()
    assert "Saving the questions…" in content
    assert reverse("question_import:job_progress", args=[job.pk]) in content
    assert "people/account_import.js" in content
    progress = trainer_client.get(
        reverse("question_import:job_progress", args=[job.pk])
    )
    assert progress.json()["is_running"] is True
    assert (progress.json()["done"], progress.json()["total"]) == (0, QUESTIONS)
    assert Question.objects.count() == 0


def test_the_task_is_idempotent(trainer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        job = start_job(trainer)

    import_question_file_task(job.pk)
    import_question_file_task(job.pk)

    job.refresh_from_db()
    assert job.status == QuestionImport.Status.DONE
    assert Question.objects.count() == QUESTIONS
    assert question_import_progress(question_import=job)["done"] == QUESTIONS


def test_a_file_that_no_longer_fits_fails_the_job_and_saves_nothing(
    trainer, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        job = question_import_start(
            uploaded_by=trainer,
            data=big_gift(),
            name="lon.gift",
            format="gift",
            # Deeper than the tree holds once the file's own two levels are added.
            category_path="/".join(f"Cấp {n}" for n in range(62)),
            question_count=QUESTIONS,
        )

    question_import_apply(question_import=job)

    job.refresh_from_db()
    assert job.status == QuestionImport.Status.FAILED
    assert "levels" in job.failure_message
    assert Question.objects.count() == 0
    assert private_files(settings) == []


# --- Who may see a job ------------------------------------------------------------


@pytest.fixture
def job(trainer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        return start_job(trainer)


def test_a_user_without_the_permission_cannot_start_a_job(learner, reviewer):
    for user in (learner, reviewer):
        with pytest.raises(ValidationError) as raised:
            question_import_start(
                uploaded_by=user,
                data=big_gift(),
                name="lon.gift",
                format="gift",
                category_path="",
                question_count=QUESTIONS,
            )
        assert raised.value.messages == [str(IMPORT_NOT_ALLOWED)]
    assert not QuestionImport.objects.exists()


@pytest.fixture
def reviewer(province):
    return UserFactory(username="reviewer", unit=province, roles=[Role.REVIEWER])


def test_a_learner_is_sent_to_log_in_from_the_job_and_its_progress(learner, job):
    client = client_for(learner)

    for name in ("question_import:job", "question_import:job_progress"):
        response = client.get(reverse(name, args=[job.pk]))
        assert response.status_code == 302
        assert response.url.startswith(reverse("wagtailadmin_login"))


def test_a_trainer_without_the_permission_is_refused_the_job_and_its_progress(
    reviewer, job
):
    client = client_for(reviewer)

    for name in ("question_import:job", "question_import:job_progress"):
        response = client.get(reverse(name, args=[job.pk]))
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
        assert "lon.gift" not in response.content.decode()


def test_another_importer_gets_404_for_my_job_and_its_progress(province, job):
    other = client_for(
        UserFactory(username="trainer2", unit=province, roles=[Role.TRAINER])
    )

    for name in ("question_import:job", "question_import:job_progress"):
        assert other.get(reverse(name, args=[job.pk])).status_code == 404


def test_the_preview_and_the_job_speak_vietnamese(
    trainer, django_capture_on_commit_callbacks
):
    client = client_for(trainer)
    client.cookies["django_language"] = "vi"
    preview_url = upload(client).url

    preview = client.get(preview_url + "?p=2").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(preview_url.replace("/preview/", "/confirm/"))
    done = client.get(confirmed.url).content.decode()

    assert "Câu hỏi 51–100 trong tổng số 120" in preview
    assert "Các câu hỏi sẽ được lưu trong nền" in preview
    assert "Xong: đã nhập 120 câu hỏi." in done
