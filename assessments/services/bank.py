"""Writing to the question bank: categories by path, questions and their versions."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy

from lms.sanitise import clean_html, plain_text
from lms.trees import tree_node_save
from people.models import User

from .. import question_types
from ..models import (
    AttemptQuestion,
    Question,
    QuestionCategory,
    QuestionVersion,
    QuizSlot,
)


def category_save(
    *, category: QuestionCategory, parent: QuestionCategory | None
) -> QuestionCategory:
    """Add a category under its parent, or save it and move it (with its
    subcategories) if the parent changed; the same tree rule as units (lms.trees)."""
    return tree_node_save(node=category, parent=parent)


@dataclass
class QuestionDraft:
    """A question as an importer or form reads it, before it is in the bank."""

    question_type: str
    name: str
    text: str
    data: dict
    general_feedback: str = ""
    default_marks: Decimal = Decimal("1")
    category_path: str = ""
    line: int | None = None  # where it started in the file, for error messages
    errors: list[str] = field(default_factory=list)


# What the database can hold, read from the fields so the limits follow them:
# marks are DecimalField(max_digits, decimal_places); a category's place in the
# tree is treebeard's materialised path, `steplen` characters per level.
_MARKS_FIELD = QuestionVersion._meta.get_field("default_marks")
MAX_MARKS = Decimal(10) ** (_MARKS_FIELD.max_digits - _MARKS_FIELD.decimal_places) - (
    Decimal(1).scaleb(-_MARKS_FIELD.decimal_places)
)
MARKS_STEP = Decimal(1).scaleb(-_MARKS_FIELD.decimal_places)
MAX_CATEGORY_DEPTH = (
    QuestionCategory._meta.get_field("path").max_length // QuestionCategory.steplen
)
MAX_CATEGORY_NAME_LENGTH = QuestionCategory._meta.get_field("name").max_length

MARKS_OUT_OF_RANGE = gettext_lazy(
    "The mark “%(value)s” is not a number from 0 to %(max)s."
)
CATEGORY_TOO_DEEP = gettext_lazy(
    "The category “%(path)s” has %(depth)d levels; at most %(max)d are allowed."
)
CATEGORY_NAME_TOO_LONG = gettext_lazy(
    "The category name “%(name)s…” is longer than %(max)d characters."
)


def marks_error(value: Decimal) -> str | None:
    """Why a default mark cannot be stored (negative, not finite, too large); None if it can."""
    if value.is_finite() and 0 <= value <= MAX_MARKS:
        return None
    return str(MARKS_OUT_OF_RANGE) % {"value": value, "max": MAX_MARKS}


def category_path_parts(path: str) -> list[str]:
    """The names in "A/B/C", without Moodle's "$course$/top" prefixes.

    "//" stands for a literal "/" inside a name, as in GIFT and Moodle XML.
    An empty path means the bank's default category.
    """
    parts = [
        part.replace("\x00", "/").strip()
        for part in path.replace("//", "\x00").split("/")
    ]
    parts = [
        p for p in parts if p and p not in ("$course$", "$system$", "$module$", "top")
    ]
    return parts or ["Mặc định"]


def category_path_error(path: str) -> str | None:
    """Why the categories of a path cannot be made (too deep, a name too long); None if they can."""
    parts = category_path_parts(path)
    if len(parts) > MAX_CATEGORY_DEPTH:
        shown = "/".join(parts[:3]) + "/…"
        return str(CATEGORY_TOO_DEEP) % {
            "path": shown,
            "depth": len(parts),
            "max": MAX_CATEGORY_DEPTH,
        }
    for name in parts:
        if len(name) > MAX_CATEGORY_NAME_LENGTH:
            return str(CATEGORY_NAME_TOO_LONG) % {
                "name": name[:40],
                "max": MAX_CATEGORY_NAME_LENGTH,
            }
    return None


def category_for_path(path: str) -> QuestionCategory:
    """Find or make the category "A/B/C", creating each missing level.

    Raises ValidationError for a path the tree cannot hold (see
    category_path_error), before anything is created.
    """
    problem = category_path_error(path)
    if problem:
        raise ValidationError(problem)
    # category_path_parts gives at least one name (the default category).
    top, *below = category_path_parts(path)
    category = QuestionCategory.get_root_nodes().filter(name=top).first()
    if category is None:
        category = QuestionCategory.add_root(name=top)
    for name in below:
        child = category.get_children().filter(name=name).first()
        category = child if child is not None else category.add_child(name=name)
    return category


def _clean_data(question_type: str, data: dict) -> dict:
    """Trainer-written HTML in options and feedback goes through the rich-text cleaner."""
    data = dict(data)
    for key in ("choices", "answers", "pairs"):
        if key in data:
            items = []
            for item in data[key]:
                item = dict(item)
                for text_key in ("text", "feedback", "prompt"):
                    if text_key in item and isinstance(item[text_key], str):
                        if key == "answers" and text_key == "text":
                            item[text_key] = plain_text(item[text_key])
                        else:
                            item[text_key] = clean_html(item[text_key])
                if "answer" in item:
                    item["answer"] = plain_text(str(item["answer"]))
                items.append(item)
            data[key] = items
    for key in ("feedback_true", "feedback_false", "grader_info"):
        if key in data:
            data[key] = clean_html(str(data[key]))
    return data


def check_draft(draft: QuestionDraft) -> list[str]:
    errors = []
    if draft.question_type not in Question.Type.values:
        return [f"Unknown question type {draft.question_type!r}."]
    if not plain_text(draft.text).strip():
        from django.utils.translation import gettext as _

        errors.append(_("The question has no text."))
    marks_problem = marks_error(draft.default_marks)
    if marks_problem:
        errors.append(marks_problem)
    errors.extend(question_types.validate(draft.question_type, draft.data))
    return errors


@transaction.atomic
def create_question(
    draft: QuestionDraft,
    category: QuestionCategory | None = None,
    user: User | None = None,
) -> Question:
    """Add a question with its first version. Raises ValidationError if the draft is invalid."""
    errors = check_draft(draft)
    if errors:
        raise ValidationError(errors)
    category = category or category_for_path(draft.category_path)
    question = Question.objects.create(
        category=category,
        question_type=draft.question_type,
        name=(plain_text(draft.name).strip() or plain_text(draft.text).strip())[:255],
        created_by=user,
    )
    version = QuestionVersion.objects.create(
        question=question,
        number=1,
        text=clean_html(draft.text),
        general_feedback=clean_html(draft.general_feedback),
        default_marks=draft.default_marks,
        data=_clean_data(draft.question_type, draft.data),
        created_by=user,
    )
    question.current_version = version
    question.save(update_fields=["current_version"])
    return question


def version_is_answered(version: QuestionVersion) -> bool:
    return version.attempt_questions.exists()


@transaction.atomic
def save_question_version(
    question: Question,
    *,
    text: str,
    data: dict,
    general_feedback: str = "",
    default_marks: Decimal | None = None,
    user: User | None = None,
) -> QuestionVersion:
    """Edit a question. A version already given in an attempt is kept; a new one is made.

    Past attempts thus keep what they were asked and how it was scored.
    """
    errors = question_types.validate(question.question_type, data)
    if not plain_text(text).strip():
        from django.utils.translation import gettext as _

        errors.insert(0, _("The question has no text."))
    if errors:
        raise ValidationError(errors)
    question = Question.objects.select_for_update().get(pk=question.pk)
    current = question.current_version
    fields = {
        "text": clean_html(text),
        "general_feedback": clean_html(general_feedback),
        "data": _clean_data(question.question_type, data),
        "default_marks": default_marks
        if default_marks is not None
        else (current.default_marks if current else Decimal("1")),
    }
    if current is not None and not version_is_answered(current):
        for name, value in fields.items():
            setattr(current, name, value)
        current.save()
        return current
    number = (current.number + 1) if current else 1
    version = QuestionVersion.objects.create(
        question=question, number=number, created_by=user, **fields
    )
    question.current_version = version
    question.save(update_fields=["current_version", "updated_at"])
    return version


def question_is_used(question: Question) -> bool:
    """Placed in a quiz or given in an attempt: such a question is archived, not deleted."""
    return (
        QuizSlot.objects.filter(question=question).exists()
        or AttemptQuestion.objects.filter(question_version__question=question).exists()
    )


@transaction.atomic
def delete_unused_question(question: Question) -> None:
    """Delete a question no quiz or attempt uses; a used one must be archived instead."""
    if question_is_used(question):
        from django.utils.translation import gettext as _

        raise ValidationError(
            _("This question is used in a quiz or an attempt; archive it instead.")
        )
    Question.objects.filter(pk=question.pk).update(current_version=None)
    QuestionVersion.objects.filter(question=question).delete()
    question.delete()
