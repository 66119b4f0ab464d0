"""Reads about quizzes and attempts, scoped to the person asking."""

from collections.abc import Iterable
from decimal import Decimal

from django.core.cache import cache
from django.db import router
from django.db.models import Count, Q, QuerySet

from lms.prepared import PreparedRows
from people.access import (
    sees_everything,
    units_visible_to,
    user_has_role,
    users_visible_to,
    visible_to,
)
from people.models import AdminUnit, User
from people.roles import Role

from .models import Attempt, QuestionImport, QuestionVersion, Quiz
from .scoring import round_score

# Reports
#
# A trainer sees the reports of the quizzes they own or grade, about every
# learner; a unit manager given the permission sees any quiz but only the
# learners of their units; an administrator sees everything; anyone else
# nothing. Which attempts is the access contract's rule (people.access; Quiz
# and Attempt are registered in assessments/apps.py).

REPORTS_PERMISSION = "assessments.view_quiz_reports"


def quizzes_taught_by(*, user: User) -> QuerySet[Quiz]:
    """Quizzes this user owns or is listed as a grader of."""
    if not user.is_authenticated or not user.is_active:
        return Quiz.objects.none()
    taught = Quiz.objects.filter(Q(owner=user) | Q(graders=user))
    return Quiz.objects.filter(pk__in=taught.values("pk"))


def quizzes_reportable_to(*, user: User) -> QuerySet[Quiz]:
    """The quizzes whose reports this user may open."""
    if not user.is_authenticated or not user.has_perm(REPORTS_PERMISSION):
        return Quiz.objects.none()
    if sees_everything(user) or user_has_role(user, Role.UNIT_MANAGER):
        return Quiz.objects.order_by("title", "pk")
    return quizzes_taught_by(user=user).order_by("title", "pk")


def quiz_report_index(*, user: User) -> QuerySet[Quiz]:
    """Reportable quizzes with `graded`, the graded attempts the user may see."""
    counted = Q(attempts__state=Attempt.State.GRADED)
    if not sees_everything(user):
        counted &= Q(attempts__in=visible_to(user, Attempt.objects.all()).values("pk"))
    return quizzes_reportable_to(user=user).annotate(
        graded=Count("attempts", filter=counted)
    )


def quiz_report_learners(*, user: User, quiz: Quiz) -> QuerySet[User] | None:
    """Whose attempts at this quiz the user may see: None means everyone's."""
    if (
        sees_everything(user)
        or quizzes_taught_by(user=user).filter(pk=quiz.pk).exists()
    ):
        return None
    return users_visible_to(user=user)


def quiz_report_attempts(*, user: User, quiz: Quiz) -> QuerySet[Attempt]:
    """Rows of a quiz's attempts list, with what each row shows fetched at once."""
    attempts = visible_to(user, Attempt.objects.filter(quiz=quiz))
    return attempts.select_related("learner", "learner__unit").order_by(
        "learner__full_name", "learner_id", "number"
    )


def quiz_report_units(*, user: User, quiz: Quiz) -> QuerySet[AdminUnit]:
    """The units offered in the attempts list's unit filter."""
    if quiz_report_learners(user=user, quiz=quiz) is None:
        return AdminUnit.objects.order_by("path")
    return units_visible_to(user=user).order_by("path")


# Managing quizzes


def quizzes_managed_by(*, user: User) -> QuerySet[Quiz]:
    """The quizzes this user may edit, preview and report on: all for an
    administrator, else those they own or grade."""
    return visible_to(user, Quiz.objects.all())


# Results


def quiz_grade_passes(*, quiz: Quiz, grade: Decimal | None) -> bool:
    """The pass rule, in one place: a final grade (a percentage) at or above the
    quiz's pass percentage. Courses complete lessons by it."""
    return grade is not None and grade >= quiz.pass_percentage


# Read by every lesson page that places a quiz: the SQL is built once.
_GRADED_SCORES = PreparedRows(
    Attempt,
    lambda quiz, learner: (
        Attempt.objects.filter(
            quiz_id=quiz, learner_id=learner, state=Attempt.State.GRADED
        )
        .order_by("number")
        .values_list("score", "max_score")
    ),
    "quiz",
    "learner",
)


def quiz_final_grade(*, quiz: Quiz, learner: User) -> Decimal | None:
    """The learner's grade for the quiz, as a percentage, by the quiz's grading method."""
    percentages = [
        score * 100 / max_score
        for score, max_score in _GRADED_SCORES.rows(quiz=quiz.pk, learner=learner.pk)
        if max_score and score is not None
    ]
    if not percentages:
        return None
    method = quiz.grading_method
    value: Decimal
    if method == Quiz.GradingMethod.FIRST:
        value = percentages[0]
    elif method == Quiz.GradingMethod.LAST:
        value = percentages[-1]
    elif method == Quiz.GradingMethod.AVERAGE:
        value = sum(percentages, Decimal(0)) / len(percentages)
    else:
        value = max(percentages)
    return round_score(value)


def quiz_passed_by(*, quiz: Quiz, learner: User) -> bool:
    return quiz_grade_passes(
        quiz=quiz, grade=quiz_final_grade(quiz=quiz, learner=learner)
    )


def question_imports_visible_to(*, user: User) -> QuerySet[QuestionImport]:
    """Whoever may import sees their own jobs; administrators see every job
    (the access contract's rule, as for account imports)."""
    if not user.is_authenticated or not user.has_perm("assessments.import_questions"):
        return QuestionImport.objects.none()
    return visible_to(user, QuestionImport.objects.all())


# Taking a quiz

QUESTION_VERSION_CACHE_SECONDS = 24 * 60 * 60


def question_versions_given(pks: Iterable[int]) -> dict[int, QuestionVersion]:
    """Versions given in attempts, by pk, with their question; from the cache when there.

    A version given in an attempt never changes (an edit makes a new one:
    services.bank.save_question_version), so it is cached by its pk alone.
    Read only the version's own fields and its question's type: the question's
    other fields (name, archived) may have changed since.
    """
    keys = {pk: f"assessments:question-version:{pk}" for pk in pks}
    found = cache.get_many(list(keys.values()))
    versions = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in keys if pk not in versions]
    if missing:
        read = QuestionVersion.objects.select_related("question").in_bulk(missing)
        cache.set_many(
            {keys[pk]: version for pk, version in read.items()},
            QUESTION_VERSION_CACHE_SECONDS,
        )
        versions.update(read)
    return versions


# --- A learner's own attempt, read on every page turn and autosave -------------

_OwnAttemptRead = tuple[PreparedRows, list[str], list[str]]
_own_attempt_reads: dict[tuple[str, ...], _OwnAttemptRead] = {}


def own_attempt(*, pk: int, learner: User, fields: tuple[str, ...]) -> Attempt | None:
    """The learner's attempt `pk` (None for anyone else's), with only `fields`
    loaded: its own, and its quiz's as quiz__name. Read by SQL built once per
    set of fields (lms.prepared): this read was the autosave's largest cost."""
    read = _own_attempt_reads.get(fields) or _own_attempt_read(fields)
    prepared, attempt_fields, quiz_fields = read
    rows = prepared.rows(pk=pk, learner=learner.pk)
    if not rows:
        return None
    alias = router.db_for_read(Attempt)
    row = rows[0]
    attempt = Attempt.from_db(alias, attempt_fields, row[: len(attempt_fields)])
    quiz_values = (attempt.quiz_id, *row[len(attempt_fields) :])
    attempt.quiz = Quiz.from_db(alias, ["id", *quiz_fields], quiz_values)
    return attempt


def _own_attempt_read(fields: tuple[str, ...]) -> _OwnAttemptRead:
    attempt_fields = list(
        dict.fromkeys(
            ["id", "quiz_id", "learner_id"]
            + [name for name in fields if not name.startswith("quiz__")]
        )
    )
    quiz_fields = [
        name.removeprefix("quiz__") for name in fields if name.startswith("quiz__")
    ]
    selected = [*attempt_fields, *(f"quiz__{name}" for name in quiz_fields)]
    prepared = PreparedRows(
        Attempt,
        lambda pk, learner: (
            Attempt.objects.filter(pk=pk, learner_id=learner)
            .order_by()
            .values_list(*selected)
        ),
        "pk",
        "learner",
    )
    _own_attempt_reads[fields] = (prepared, attempt_fields, quiz_fields)
    return _own_attempt_reads[fields]
