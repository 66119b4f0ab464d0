"""Importing questions from files and exporting them, whatever the format.

Every way in (admin upload, `import_questions` command) goes through
`parse_file` then `import_questions`: a file is checked in full first, and is
saved whole, in one transaction, or not at all.
"""

import contextlib
import logging
import re
import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.progress import job_progress, job_progress_reporter
from people.models import User

from ..formats import FormatError, ParseResult
from ..models import Question, QuestionCategory, QuestionImport
from ..signals import question_import_started
from .bank import (
    QuestionDraft,
    category_for_path,
    category_path_error,
    create_question,
)

logger = logging.getLogger(__name__)

IMPORT_PERMISSION = "assessments.import_questions"
DEFAULT_MAX_IMPORT_BYTES = 5 * 1024 * 1024
# More questions than this are saved by a Celery job the trainer can follow;
# fewer are saved while they wait (a few seconds at most).
DEFAULT_BACKGROUND_IMPORT_QUESTIONS = 200
PROGRESS_KIND = "question-import"
PROGRESS_EVERY_QUESTIONS = 100
PENDING_FOLDER = "question_imports"
PENDING_TOKEN = re.compile(r"[0-9a-f]{32}")
PENDING_MAX_AGE = timedelta(days=1)

IMPORT_FORMATS = {
    "gift": gettext_lazy("GIFT (text)"),
    "moodlexml": gettext_lazy("Moodle XML"),
    "xlsx": gettext_lazy("Excel (.xlsx template)"),
}
EXPORT_FORMATS = {
    "gift": gettext_lazy("GIFT (text)"),
    "moodlexml": gettext_lazy("Moodle XML"),
}
EXPORT_FILE_TYPES = {
    "gift": ("txt", "text/plain; charset=utf-8"),
    "moodlexml": ("xml", "application/xml"),
}
# The category services.bank.category_for_path files a question without one in.
DEFAULT_CATEGORY = "Mặc định"
FILE_HAS_ERRORS = gettext_lazy("The file has errors; no question was imported.")
FILE_HAS_NO_QUESTIONS = gettext_lazy("The file holds no questions.")
IMPORT_FAILED = gettext_lazy(
    "The import failed because of an error on the server; no question was "
    "saved. Please try again, or tell the administrator."
)
IMPORT_NOT_ALLOWED = gettext_lazy("You may not import questions.")
FILE_IS_BINARY = gettext_lazy(
    "The file is not a text file (it holds NUL bytes); it may be damaged or of "
    "another kind. Save the questions as UTF-8 text and upload them again."
)
# Text formats never hold a NUL byte; Excel files are zip archives and do.
TEXT_FORMATS = {"gift", "moodlexml"}


def max_import_bytes() -> int:
    return getattr(settings, "ASSESSMENTS_MAX_IMPORT_BYTES", DEFAULT_MAX_IMPORT_BYTES)


def file_too_large_error(size: int) -> FormatError | None:
    """The refusal for a file over the limit, told in MB; None when it fits.

    Callers holding an upload check its size with this before reading it.
    """
    limit = max_import_bytes()
    if size <= limit:
        return None
    return FormatError(
        None,
        _("The file is %(size).1f MB; the largest file accepted is %(limit).1f MB.")
        % {"size": size / 1024 / 1024, "limit": limit / 1024 / 1024},
    )


class NotUtf8(ValueError):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


def decode_text(data: bytes) -> str:
    """GIFT files are UTF-8 (a BOM, as Windows Notepad writes, is allowed).

    Raises NotUtf8 with the line of the first undecodable byte.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NotUtf8(data[: error.start].count(b"\n") + 1) from error


def _parser(format: str) -> Callable[[bytes], ParseResult]:
    """The reader of a format; imported here so a format's module loads only when used."""
    if format == "gift":
        from ..formats import gift

        def parse_gift(data: bytes) -> ParseResult:
            try:
                text = decode_text(data)
            except NotUtf8 as error:
                return ParseResult(
                    errors=[
                        FormatError(
                            error.line,
                            _(
                                "The file is not UTF-8 text. Save it as “UTF-8” "
                                "in your editor and upload it again."
                            ),
                        )
                    ]
                )
            return gift.parse(text)

        return parse_gift
    if format == "moodlexml":
        from ..formats import moodlexml

        return moodlexml.parse
    if format == "xlsx":
        from ..formats import xlsx

        return xlsx.parse
    raise ValueError(f"Unknown question file format {format!r}")


def parse_file(
    data: bytes, format: str, *, default_category_path: str | None = None
) -> ParseResult:
    """Read and check a question file of the given format.

    Refuses a file over the size limit and a text file holding NUL bytes
    (binary or damaged: a NUL would otherwise read as part of a question).
    Everything that would fail when saving is reported here, so a dry run and
    the preview say it: the categories are checked as they will be made, under
    `default_category_path`.
    """
    too_large = file_too_large_error(len(data))
    if too_large:
        return ParseResult(errors=[too_large])
    if format in TEXT_FORMATS and b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        return ParseResult(errors=[FormatError(line, str(FILE_IS_BINARY))])
    result = _parser(format)(data)
    if not result.drafts and not result.errors:
        result.errors.append(FormatError(None, str(FILE_HAS_NO_QUESTIONS)))
    result.errors.extend(category_errors(result.drafts, default_category_path))
    return result


def category_errors(
    drafts: list[QuestionDraft], default_category_path: str | None
) -> list[FormatError]:
    """A category path the bank cannot hold, once per path, at its first question."""
    errors = []
    checked: set[str] = set()
    for draft in drafts:
        path = draft_category_path(draft, default_category_path)
        if path in checked:
            continue
        checked.add(path)
        problem = category_path_error(path)
        if problem:
            errors.append(FormatError(draft.line, problem))
    return errors


def draft_category_path(draft: QuestionDraft, default_category_path: str | None) -> str:
    """Where a draft goes: its own category, under the chosen one if any.

    A question without a category goes to the chosen category itself (or to
    the bank's default category when none is chosen).
    """
    default = (default_category_path or "").strip().strip("/")
    own = (draft.category_path or "").strip().strip("/")
    if default and own:
        return f"{default}/{own}"
    return own or default


@dataclass
class ImportReport:
    """How many questions an import created (or would create, in a dry run)."""

    created: int = 0
    by_type: Counter = field(default_factory=Counter)
    by_category: Counter = field(default_factory=Counter)
    dry_run: bool = False
    question_ids: list[int] = field(default_factory=list)

    def type_counts(self) -> list[tuple[str, int]]:
        """(type label, count), in the order of the type choices."""
        labels = dict(Question.Type.choices)
        return [
            (str(labels[code]), self.by_type[code])
            for code in Question.Type.values
            if self.by_type[code]
        ]

    def category_counts(self) -> list[tuple[str, int]]:
        return sorted(self.by_category.items())


def import_questions(
    result: ParseResult,
    *,
    default_category_path: str | None = None,
    user: User | None = None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Save every draft of a checked file in one transaction, or nothing.

    Raises ValidationError when the file had errors (nothing is saved) or a
    draft turns out invalid while saving (everything is rolled back).
    `progress` is called with (saved, total) every few questions.
    """
    if result.errors:
        raise ValidationError(str(FILE_HAS_ERRORS))
    if not result.drafts:
        raise ValidationError(str(FILE_HAS_NO_QUESTIONS))
    problems = category_errors(result.drafts, default_category_path)
    if problems:
        raise ValidationError([problem.message for problem in problems])
    report = ImportReport(dry_run=dry_run)
    for draft in result.drafts:
        path = draft_category_path(draft, default_category_path) or DEFAULT_CATEGORY
        report.created += 1
        report.by_type[draft.question_type] += 1
        report.by_category[path] += 1
    if dry_run:
        return report
    with transaction.atomic():
        categories: dict[str, QuestionCategory] = {}
        for draft in result.drafts:
            path = draft_category_path(draft, default_category_path)
            if path not in categories:
                categories[path] = category_for_path(path)
            question = create_question(draft, category=categories[path], user=user)
            report.question_ids.append(question.pk)
            done = len(report.question_ids)
            if progress and done % PROGRESS_EVERY_QUESTIONS == 0:
                progress(done, report.created)
    return report


# --- Large files: saved by a Celery job -------------------------------------------
#
# Checking a file is quick (a 5 MB file in about two seconds), so the upload and
# the preview stay in the request; saving thousands of questions takes minutes,
# so past DEFAULT_BACKGROUND_IMPORT_QUESTIONS the confirmation hands the file to
# a job, as the account import does, and the trainer follows its progress.


def background_import_questions() -> int:
    return getattr(
        settings,
        "ASSESSMENTS_BACKGROUND_IMPORT_QUESTIONS",
        DEFAULT_BACKGROUND_IMPORT_QUESTIONS,
    )


def imports_in_background(result: ParseResult) -> bool:
    return len(result.drafts) > background_import_questions()


@transaction.atomic
def question_import_start(
    *,
    uploaded_by: User,
    data: bytes,
    name: str,
    format: str,
    category_path: str,
    question_count: int,
) -> QuestionImport:
    """Keep a checked file and have its questions saved in the background."""
    if not uploaded_by.has_perm(IMPORT_PERMISSION):
        raise ValidationError(str(IMPORT_NOT_ALLOWED))
    question_import = QuestionImport(
        uploaded_by=uploaded_by,
        original_name=PurePath(name).name[:255],
        file_format=format,
        category_path=category_path,
        total_questions=question_count,
    )
    question_import.file.save(secrets.token_hex(16), ContentFile(data), save=False)
    question_import.save()
    job_progress_reporter(PROGRESS_KIND, question_import.pk)(0, question_count)
    question_import_started.send(sender=QuestionImport, question_import=question_import)
    return question_import


def question_import_apply(*, question_import: QuestionImport) -> None:
    """Check the kept file again and save all its questions, or none.

    Does nothing unless the job is still importing, so a second run (a
    redelivered task) saves nothing twice.
    """
    report = job_progress_reporter(PROGRESS_KIND, question_import.pk)
    try:
        with transaction.atomic():
            locked = QuestionImport.objects.select_for_update().get(
                pk=question_import.pk
            )
            if locked.status != QuestionImport.Status.IMPORTING:
                return
            with locked.file.open("rb") as handle:
                data = handle.read()
            result = parse_file(
                data, locked.file_format, default_category_path=locked.category_path
            )
            try:
                done = import_questions(
                    result,
                    default_category_path=locked.category_path,
                    user=locked.uploaded_by,
                    progress=report,
                )
            except ValidationError as error:
                locked.status = QuestionImport.Status.FAILED
                locked.failure_message = " ".join(
                    [*error.messages, *(e.message for e in result.errors[:20])]
                )
            else:
                locked.status = QuestionImport.Status.DONE
                locked.created_count = done.created
                report(done.created, done.created)
            locked.finished_at = timezone.now()
            locked.save(
                update_fields=[
                    "status",
                    "failure_message",
                    "created_count",
                    "finished_at",
                ]
            )
    except Exception:
        logger.exception("question import %s: failed", question_import.pk)
        QuestionImport.objects.filter(
            pk=question_import.pk, status=QuestionImport.Status.IMPORTING
        ).update(
            status=QuestionImport.Status.FAILED,
            failure_message=str(IMPORT_FAILED),
            finished_at=timezone.now(),
        )
    question_import.refresh_from_db()
    if question_import.status != QuestionImport.Status.IMPORTING:
        _discard_job_file(question_import)


def _discard_job_file(question_import: QuestionImport) -> None:
    """A finished job's file has served; it is not kept."""
    if question_import.file:
        question_import.file.delete(save=False)
        QuestionImport.objects.filter(pk=question_import.pk).update(file="")


def question_import_progress(*, question_import: QuestionImport) -> dict:
    """Status from the database, questions saved so far from the cache."""
    progress = job_progress(PROGRESS_KIND, question_import.pk)
    is_running = question_import.status == QuestionImport.Status.IMPORTING
    return {
        "status": question_import.status,
        "status_label": str(question_import.get_status_display()),
        "is_running": is_running,
        "done": progress.get("done", 0)
        if is_running
        else question_import.created_count,
        "total": progress.get("total", question_import.total_questions),
    }


def find_category(path: str) -> QuestionCategory | None:
    """The category at "A/B", without creating anything; None if it does not exist."""
    category = None
    for name in (part.strip() for part in path.strip().strip("/").split("/")):
        siblings = (
            QuestionCategory.get_root_nodes()
            if category is None
            else category.get_children()
        )
        category = siblings.filter(name=name).first()
        if category is None:
            return None
    return category


# --- Files waiting for confirmation ---------------------------------------------------
#
# Between the preview and the confirmation the upload waits under
# PRIVATE_UPLOADS_ROOT, outside MEDIA_ROOT, so no URL reaches it. It is named by
# an unguessable token that only the uploader's session knows.


def _pending_storage() -> Storage:
    from people.models import private_uploads_storage

    return private_uploads_storage()


def _pending_name(token: str) -> str:
    if not PENDING_TOKEN.fullmatch(token):
        raise ValueError("Not an upload token")
    return f"{PENDING_FOLDER}/{token}"


def pending_upload_save(*, data: bytes) -> str:
    """Keep an uploaded file until it is confirmed; returns its token."""
    _discard_stale_uploads()
    token = secrets.token_hex(16)
    _pending_storage().save(_pending_name(token), ContentFile(data))
    return token


def pending_upload_read(*, token: str) -> bytes | None:
    """The file kept under the token; None if it is gone (confirmed, or too old)."""
    storage = _pending_storage()
    try:
        name = _pending_name(token)
        with storage.open(name, "rb") as file:
            return file.read()
    except (ValueError, OSError):
        return None


def pending_upload_discard(*, token: str) -> None:
    with contextlib.suppress(ValueError):
        _pending_storage().delete(_pending_name(token))


def _discard_stale_uploads() -> None:
    """Uploads never confirmed are removed after a day."""
    storage = _pending_storage()
    try:
        _folders, names = storage.listdir(PENDING_FOLDER)
    except FileNotFoundError:
        return
    cutoff = timezone.now() - PENDING_MAX_AGE
    for name in names:
        path = f"{PENDING_FOLDER}/{name}"
        with contextlib.suppress(OSError):
            if storage.get_modified_time(path) < cutoff:
                storage.delete(path)


# --- Export ----------------------------------------------------------------------


def questions_for_export(*, category: QuestionCategory | None = None) -> QuerySet:
    """The bank's live questions, in a category and the ones below it, or all of them."""
    questions = Question.objects.filter(
        is_archived=False, current_version__isnull=False
    )
    if category is not None:
        questions = questions.filter(category__in=QuestionCategory.get_tree(category))
    return questions.select_related("category", "current_version").order_by(
        "category__path", "name", "pk"
    )


def export_questions(*, format: str, category: QuestionCategory | None = None) -> bytes:
    """The questions as a file of the given format (GIFT is UTF-8 text)."""
    questions = questions_for_export(category=category)
    if format == "gift":
        from ..formats import gift

        return gift.export(questions).encode("utf-8")
    if format == "moodlexml":
        from ..formats import moodlexml

        return moodlexml.export(questions)
    raise ValueError(f"Unknown export format {format!r}")
