"""Taking a quiz: start, save answers, submit, and the rules that guard them.

Concurrency is handled by the database, not by locks (select_for_update does
nothing on SQLite): attempt numbers are unique per learner, a learner has at
most one open attempt, and every save or submit is a conditional UPDATE that
only one request can win.
"""

import enum
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import TypedDict, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, Field, Max, Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.prepared import PreparedRows
from people.models import User

from .. import question_types
from ..models import (
    Attempt,
    AttemptQuestion,
    Question,
    QuestionVersion,
    Quiz,
    QuizSlot,
    RegradeRecord,
)
from ..scoring import round_score
from ..signals import attempt_graded

TWO_PLACES = Decimal("0.01")


ATTEMPT_ALREADY_SUBMITTED = gettext_lazy("This attempt has already been submitted.")
ANSWERS_NOT_VALID = gettext_lazy("The answers sent are not valid.")
ANSWER_NOT_IN_ATTEMPT = gettext_lazy(
    "An answer was sent for a question not in this attempt."
)
ATTEMPT_TIME_UP = gettext_lazy("Time was up; your attempt was submitted.")


class AttemptRefused(ValidationError):
    """The request cannot be carried out; the message is for the learner.

    A ValidationError like every other refusal of a service, so a caller may
    catch either; str() gives the message itself (not a list's repr).
    """

    def __str__(self) -> str:
        return " ".join(str(message) for message in self.messages)


class StaleAttemptPage(AttemptRefused):
    """The page posted an old sequence number: another tab or an earlier page saved since."""


def grace_period() -> timedelta:
    return timedelta(seconds=settings.ASSESSMENTS_GRACE_SECONDS)


# --- Starting -------------------------------------------------------------


def attempt_start_problem(
    *, quiz: Quiz, learner: User, now: datetime | None = None
) -> str | None:
    """Why the learner cannot start a new attempt now, or None when they can."""
    now = now or timezone.now()
    if quiz.opens_at and now < quiz.opens_at:
        return _("This quiz opens on %(date)s.") % {
            "date": timezone.localtime(quiz.opens_at).strftime("%d/%m/%Y %H:%M")
        }
    if quiz.closes_at and now >= quiz.closes_at:
        return _("This quiz closed on %(date)s.") % {
            "date": timezone.localtime(quiz.closes_at).strftime("%d/%m/%Y %H:%M")
        }
    if quiz.attempts_allowed:
        used = Attempt.objects.filter(quiz=quiz, learner=learner).count()
        if used >= quiz.attempts_allowed:
            return _("You have used all %(count)d attempts allowed.") % {
                "count": quiz.attempts_allowed
            }
    return None


def attempt_open(*, quiz: Quiz, learner: User) -> Attempt | None:
    return Attempt.objects.filter(
        quiz=quiz, learner=learner, state=Attempt.State.IN_PROGRESS
    ).first()


def attempt_start(
    *,
    quiz: Quiz,
    learner: User,
    now: datetime | None = None,
    rng: random.Random | None = None,
) -> Attempt:
    """Begin (or resume) an attempt, freezing the questions, versions and order.

    Two tabs starting at once both aim at the same attempt number; the unique
    constraint lets one of them in and the other resumes the winner's attempt.
    """
    now = now or timezone.now()
    existing = attempt_open(quiz=quiz, learner=learner)
    if existing is not None:
        return existing
    problem = attempt_start_problem(quiz=quiz, learner=learner, now=now)
    if problem:
        raise AttemptRefused(problem)
    number = (
        Attempt.objects.filter(quiz=quiz, learner=learner).aggregate(n=Max("number"))[
            "n"
        ]
        or 0
    ) + 1
    if quiz.attempts_allowed and number > quiz.attempts_allowed:
        raise AttemptRefused(
            _("You have used all %(count)d attempts allowed.")
            % {"count": quiz.attempts_allowed}
        )
    rng = rng or random.SystemRandom()
    layout = quiz_questions_draw(quiz=quiz, rng=rng)
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                quiz=quiz,
                learner=learner,
                number=number,
                deadline=_deadline(quiz, now),
                max_score=sum((marks for _v, marks, _s in layout), Decimal(0)),
            )
            _freeze_layout(attempt, quiz, layout, rng)
    except IntegrityError:
        existing = attempt_open(quiz=quiz, learner=learner)
        if existing is not None:
            return existing
        raise AttemptRefused(
            _("Another attempt was started at the same moment. Reload the page.")
        ) from None
    return attempt


def _deadline(quiz: Quiz, now: datetime) -> datetime | None:
    deadline: datetime | None = None
    if quiz.time_limit_minutes:
        deadline = now + timedelta(minutes=quiz.time_limit_minutes)
    if quiz.closes_at and (deadline is None or quiz.closes_at < deadline):
        deadline = quiz.closes_at
    return deadline


def quiz_slot_pool(*, slot: QuizSlot, exclude: set[int]) -> list[Question]:
    """The bank questions a random slot may draw, in a stable order."""
    category = slot.random_category
    if category is None:
        raise ValueError("Only a random slot draws questions from a category.")
    where = (
        Q(category__path__startswith=category.path)
        if slot.include_subcategories
        else Q(category=category)
    )
    return list(
        Question.objects.filter(where, is_archived=False, current_version__isnull=False)
        .exclude(pk__in=exclude)
        .select_related("current_version")
        .order_by("pk")
    )


# (question_version, marks, slot_position): one question as a quiz asks it.
DrawnQuestion = tuple[QuestionVersion, Decimal, int]


def quiz_questions_draw(
    *, quiz: Quiz, rng: random.Random, problems: list[str] | None = None
) -> list[DrawnQuestion]:
    """[(question_version, marks, slot_position)] for every slot, random ones drawn now.

    For an attempt (problems=None) the first problem refuses the start; the
    admin preview passes a list instead and is told every problem.
    """

    def problem(message: str) -> None:
        if problems is None:
            raise AttemptRefused(message)
        problems.append(message)

    layout: list[DrawnQuestion] = []
    used: set[int] = set()
    slots = quiz.slots.select_related(
        "question__current_version", "random_category"
    ).order_by("position", "pk")
    for slot in slots:
        if slot.question is not None:
            version = slot.question.current_version
            if version is None:
                problem(_("“%(name)s” has no text yet.") % {"name": slot.question})
                continue
            version.question = slot.question
            layout.append((version, slot.marks, slot.position))
            used.add(slot.question.pk)
            continue
        pool = quiz_slot_pool(slot=slot, exclude=used)
        if len(pool) < slot.random_count:
            problem(
                _(
                    "The category “%(category)s” has only %(available)s questions "
                    "for a slot that draws %(count)s: learners cannot start the quiz."
                )
                % {
                    "category": slot.random_category,  # shown by its name
                    "available": len(pool),
                    "count": slot.random_count,
                }
            )
        for question in rng.sample(pool, min(len(pool), slot.random_count)):
            used.add(question.pk)
            drawn = question.current_version
            if drawn is None:  # never: the pool holds only questions with text
                problem(_("“%(name)s” has no text yet.") % {"name": question})
                continue
            drawn.question = question
            layout.append((drawn, slot.marks, slot.position))
    if not layout:
        problem(_("This quiz has no questions yet."))
    return layout


def option_order(
    question_type: str, data: dict, *, shuffle: bool, rng: random.Random
) -> list | dict:
    """The order a learner sees the options (matching: prompts and answers) in."""
    return question_types.option_order(question_type, data, shuffle=shuffle, rng=rng)


def _freeze_layout(
    attempt: Attempt, quiz: Quiz, layout: Sequence[DrawnQuestion], rng: random.Random
) -> None:
    if quiz.shuffle_questions:
        layout = list(layout)
        rng.shuffle(layout)
    per_page = quiz.questions_per_page or len(layout)
    rows = []
    for index, (version, marks, slot_position) in enumerate(layout):
        order = option_order(
            version.question.question_type,
            version.data,
            shuffle=quiz.shuffle_options,
            rng=rng,
        )
        rows.append(
            AttemptQuestion(
                attempt=attempt,
                position=index + 1,
                page=index // per_page + 1,
                slot_position=slot_position,
                question_version=version,
                max_marks=marks,
                choice_order=order,
            )
        )
    AttemptQuestion.objects.bulk_create(rows)


# --- Answering ------------------------------------------------------------


@dataclass
class SaveResult:
    sequence: int
    saved: int


@dataclass(frozen=True, slots=True)
class PageQuestion:
    """A question of an attempt as the save rules need it, read without models:
    the autosave reads these every few seconds for every learner taking a quiz."""

    pk: int
    position: int
    page: int
    question_type: str
    data: dict


_SAVING_FIELDS = (
    "pk",
    "position",
    "page",
    "question_version__question__question_type",
    "question_version__data",
)


def _attempt_questions_rows(*, attempt: int) -> QuerySet:
    return (
        AttemptQuestion.objects.filter(attempt_id=attempt)
        .order_by("position")
        .values_list(*_SAVING_FIELDS)
    )


def _page_questions_rows(*, attempt: int, page: int) -> QuerySet:
    return (
        AttemptQuestion.objects.filter(attempt_id=attempt, page=page)
        .order_by("position")
        .values_list(*_SAVING_FIELDS)
    )


# Read by every autosave of every learner in a quiz: the SQL is built once.
_attempt_questions = PreparedRows(AttemptQuestion, _attempt_questions_rows, "attempt")
_page_questions = PreparedRows(AttemptQuestion, _page_questions_rows, "attempt", "page")


def attempt_questions_for_saving(
    *, attempt: Attempt, page: int | None = None
) -> list[PageQuestion]:
    """The attempt's questions (only the page's when `page` is given), by position."""
    if page is None:
        rows = _attempt_questions.rows(attempt=attempt.pk)
    else:
        rows = _page_questions.rows(attempt=attempt.pk, page=page)
    return [PageQuestion(*row) for row in rows]


def attempt_accepts_answers(*, attempt: Attempt, now: datetime | None = None) -> bool:
    """Open, and (for a timed attempt) not past its deadline plus the grace period."""
    now = now or timezone.now()
    if attempt.state != Attempt.State.IN_PROGRESS:
        return False
    return attempt.deadline is None or now <= attempt.deadline + grace_period()


def attempt_answers_save(
    *,
    attempt: Attempt,
    answers: dict,
    sequence: int,
    page: int | None = None,
    now: datetime | None = None,
    questions: Sequence[PageQuestion] | None = None,
) -> SaveResult:
    """Store the answers posted from one page, all or none.

    `answers` maps a question's position in the attempt to the raw response.
    The sequence number must be the one the page was given; the update that
    bumps it is conditional, so of two concurrent saves only one wins.
    `questions` are the attempt's questions the caller has already read
    (attempt_questions_for_saving; at least those answered); None reads them.
    """
    now = now or timezone.now()
    if attempt.state != Attempt.State.IN_PROGRESS:
        raise AttemptRefused(str(ATTEMPT_ALREADY_SUBMITTED))
    if not attempt_accepts_answers(attempt=attempt, now=now):
        raise AttemptRefused(_("Time is up: answers are no longer accepted."))
    if questions is None:
        questions = attempt_questions_for_saving(attempt=attempt)
    by_position = {q.position: q for q in questions}
    try:
        positions = {int(p): raw for p, raw in answers.items()}
    except (TypeError, ValueError):
        raise AttemptRefused(str(ANSWERS_NOT_VALID)) from None
    unknown = set(positions) - set(by_position)
    if unknown:
        raise AttemptRefused(str(ANSWER_NOT_IN_ATTEMPT))
    sequential = attempt.quiz.navigation == Quiz.Navigation.SEQUENTIAL
    if sequential and any(
        by_position[p].page < attempt.current_page for p in positions
    ):
        raise AttemptRefused(
            _("This quiz moves forward only: earlier pages cannot be changed.")
        )
    moves_to = page if page and sequential else None
    responses = [
        (
            by_position[position].pk,
            question_types.clean_response(
                by_position[position].question_type, by_position[position].data, raw
            ),
        )
        for position, raw in positions.items()
    ]
    with transaction.atomic():
        if not _sequence_bump(attempt, sequence, moves_to):
            raise StaleAttemptPage(
                _(
                    "This page is out of date: the attempt was changed in another "
                    "tab or window. Reload the page to see the latest answers."
                )
            )
        _responses_write(responses, now)
    if attempt.sequence == sequence:
        # The row was as read (a sequence only grows), so its new values are known.
        attempt.sequence = sequence + 1
        if moves_to:
            attempt.current_page = max(attempt.current_page, moves_to)
    else:
        attempt.refresh_from_db(fields=["sequence", "current_page"])
    return SaveResult(sequence=attempt.sequence, saved=len(responses))


# The two writes of every save are plain SQL: compiling them through the ORM
# (an UPDATE with F(), bulk_update's CASE per field and row) was most of the
# autosave's time. Identifiers come from the models' metadata; every value is
# a parameter.


def _quoted_column(
    connection: BaseDatabaseWrapper, model: type[Model], name: str
) -> str:
    """A concrete field's column, quoted; "pk" names the primary key."""
    meta = model._meta
    field = meta.pk if name == "pk" else meta.get_field(name)
    return connection.ops.quote_name(cast(Field, field).column or name)


def _sequence_bump(attempt: Attempt, sequence: int, moves_to: int | None) -> bool:
    """Add one to the attempt's sequence if it is still open at `sequence`; True
    when this request won. Sequential navigation: `moves_to` raises current_page
    to that page (never lowers it) in the same statement."""
    connection = connections[router.db_for_write(Attempt)]
    table = connection.ops.quote_name(Attempt._meta.db_table)
    pk, state, seq, page = (
        _quoted_column(connection, Attempt, name)
        for name in ("pk", "state", "sequence", "current_page")
    )
    assignments = f"{seq} = {seq} + 1"
    params: list[int | str] = []
    if moves_to:
        assignments += f", {page} = CASE WHEN {page} < %s THEN %s ELSE {page} END"
        params += [moves_to, moves_to]
    sql = (
        f"UPDATE {table} SET {assignments} "  # noqa: S608
        f"WHERE {pk} = %s AND {state} = %s AND {seq} = %s"
    )
    params += [attempt.pk, Attempt.State.IN_PROGRESS.value, sequence]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount == 1


def _responses_write(responses: list[tuple[int, dict | None]], now: datetime) -> None:
    """Write each question's (by pk) response, answered now: one statement run per row."""
    if not responses:
        return
    connection = connections[router.db_for_write(AttemptQuestion)]
    meta = AttemptQuestion._meta
    response = cast(Field, meta.get_field("response"))
    answered_at = cast(Field, meta.get_field("answered_at"))
    table = connection.ops.quote_name(meta.db_table)
    pk_column, response_column, answered_column = (
        _quoted_column(connection, AttemptQuestion, name)
        for name in ("pk", "response", "answered_at")
    )
    sql = (
        f"UPDATE {table} SET {response_column} = %s, "  # noqa: S608
        f"{answered_column} = %s WHERE {pk_column} = %s"
    )
    answered = answered_at.get_db_prep_save(now, connection)
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                [response.get_db_prep_save(value, connection), answered, pk]
                for pk, value in responses
            ],
        )


class AttemptPageOutcome(enum.Enum):
    """What became of a page of answers posted by the learner."""

    SAVED = "saved"
    SUBMITTED = "submitted"
    ALREADY_SUBMITTED = "already_submitted"
    NOT_VALID = "not_valid"
    STALE = "stale"
    REFUSED = "refused"
    TIMED_OUT = "timed_out"


@dataclass(frozen=True)
class AttemptPageResult:
    """The outcome, with what the page needs to say and where to go next."""

    outcome: AttemptPageOutcome
    message: str = ""
    sequence: int | None = None
    saved: int = 0
    page: int | None = None


def attempt_submit_if_overdue(*, attempt: Attempt, now: datetime | None = None) -> bool:
    """Submit an open attempt whose time (and grace) is over; True when it was.

    The learner who comes back to a page after the deadline finds the attempt
    submitted, as the Celery sweep would have left it.
    """
    if attempt_accepts_answers(attempt=attempt, now=now):
        return False
    attempt_submit(attempt=attempt, now=now, auto=True)
    return True


# What attempt_page_save reads of the attempt and its quiz: the autosave, posted
# every few seconds by every learner taking a quiz, loads only these. Any other
# field is loaded when first used.
PAGE_SAVE_ATTEMPT_FIELDS = (
    "quiz__navigation",
    "learner_id",
    "state",
    "deadline",
    "current_page",
    "sequence",
)


def attempt_page_save(
    *,
    attempt: Attempt,
    page: int | None,
    sequence: int | None,
    goto: str,
    posted_positions: set[int],
    read_answers: Callable[[list[PageQuestion]], dict[int, dict]],
    now: datetime | None = None,
) -> AttemptPageResult:
    """Save one page of an attempt, then move to another page or finish.

    The one place of the rules for a posted page: a submitted attempt takes no
    answers; a page whose sequence is old is stale; a refusal once the time is
    up submits the attempt; "finish" submits it. `read_answers` turns the
    page's questions into raw responses (the form's fields are the view's
    business); `posted_positions` are the positions the form sent answers for.
    `page` and `sequence` are None when the form sent something not a number.
    """
    if attempt.state != Attempt.State.IN_PROGRESS:
        return AttemptPageResult(
            outcome=AttemptPageOutcome.ALREADY_SUBMITTED,
            message=str(ATTEMPT_ALREADY_SUBMITTED),
        )
    if page is None or sequence is None:
        return AttemptPageResult(
            outcome=AttemptPageOutcome.NOT_VALID, message=str(ANSWERS_NOT_VALID)
        )
    questions = attempt_questions_for_saving(attempt=attempt, page=page)
    target = int(goto) if goto.isdigit() else None
    try:
        if posted_positions - {q.position for q in questions}:
            raise AttemptRefused(str(ANSWER_NOT_IN_ATTEMPT))
        result = attempt_answers_save(
            attempt=attempt,
            answers=read_answers(questions),
            sequence=sequence,
            page=target,
            now=now,
            questions=questions,
        )
    except StaleAttemptPage as stale:
        return AttemptPageResult(outcome=AttemptPageOutcome.STALE, message=str(stale))
    except AttemptRefused as refusal:
        if attempt_submit_if_overdue(attempt=attempt, now=now):
            return AttemptPageResult(
                outcome=AttemptPageOutcome.TIMED_OUT, message=str(refusal)
            )
        return AttemptPageResult(
            outcome=AttemptPageOutcome.REFUSED, message=str(refusal)
        )
    if goto == "finish":
        attempt_submit(attempt=attempt, now=now)
        return AttemptPageResult(outcome=AttemptPageOutcome.SUBMITTED)
    return AttemptPageResult(
        outcome=AttemptPageOutcome.SAVED,
        sequence=result.sequence,
        saved=result.saved,
        page=target or page,
    )


# --- Submitting and grading ---------------------------------------------------


def attempt_submit(
    *, attempt: Attempt, now: datetime | None = None, auto: bool = False
) -> Attempt:
    """Finish and grade an attempt. Idempotent: a second submit returns the first result."""
    now = now or timezone.now()
    with transaction.atomic():
        won = Attempt.objects.filter(
            pk=attempt.pk, state=Attempt.State.IN_PROGRESS
        ).update(
            state=Attempt.State.AWAITING_GRADING,
            submitted_at=now,
            auto_submitted=auto,
            sequence=F("sequence") + 1,
        )
        if won:
            _grade_questions(attempt)
            _total(attempt, now)
    attempt.refresh_from_db()
    if won and attempt.state == Attempt.State.GRADED:
        transaction.on_commit(lambda: attempt_graded.send(Attempt, attempt=attempt))
    return attempt


def _grade_questions(attempt: Attempt) -> None:
    questions = list(attempt.questions.select_related("question_version__question"))
    for question in questions:
        _apply_grade(question)
    AttemptQuestion.objects.bulk_update(
        questions, ["fraction", "marks", "needs_grading"]
    )


def _apply_grade(question: AttemptQuestion) -> None:
    version = question.question_version
    result = question_types.grade(
        version.question.question_type, version.data, question.response
    )
    if result.fraction is None:
        question.fraction = None
        question.marks = None
        question.needs_grading = True
        return
    question.fraction = result.fraction
    question.marks = _marks(question.max_marks, result.fraction)
    question.needs_grading = False


def _marks(max_marks: Decimal, fraction: float) -> Decimal:
    return round_score(max_marks * Decimal(str(fraction)))


def _total(attempt: Attempt, now: datetime) -> None:
    """Add up the marks; an attempt with ungraded essays waits for a person."""
    rows = list(attempt.questions.values_list("marks", "needs_grading"))
    waiting = any(needs for _m, needs in rows)
    score = sum((m for m, _n in rows if m is not None), Decimal(0))
    fields: dict[str, object] = {"score": score}
    if waiting:
        fields.update(state=Attempt.State.AWAITING_GRADING, passed=None)
    else:
        fields.update(
            state=Attempt.State.GRADED,
            graded_at=now,
            passed=_passes(attempt.quiz, score, attempt.max_score),
        )
    Attempt.objects.filter(pk=attempt.pk).update(**fields)


def _passes(quiz: Quiz, score: Decimal, max_score: Decimal) -> bool:
    if not max_score:
        return False
    return score * 100 >= quiz.pass_percentage * max_score


def attempts_overdue_submit(*, now: datetime | None = None) -> int:
    """Submit attempts whose deadline (plus grace) has passed; run by Celery beat."""
    now = now or timezone.now()
    overdue = Attempt.objects.filter(
        state=Attempt.State.IN_PROGRESS, deadline__lt=now - grace_period()
    ).select_related("quiz")
    count = 0
    for attempt in overdue.iterator():
        attempt_submit(attempt=attempt, now=now, auto=True)
        count += 1
    return count


def attempt_question_grade(
    *, question: AttemptQuestion, marks: Decimal, comment: str, grader: User
) -> Attempt:
    """A person's grade for one answer (an essay); the attempt is finished when none wait."""
    from lms.sanitise import clean_html

    if marks < 0 or marks > question.max_marks:
        raise AttemptRefused(
            _("Marks must be between 0 and %(max)s.") % {"max": question.max_marks}
        )
    attempt = question.attempt
    if attempt.state == Attempt.State.IN_PROGRESS:
        raise AttemptRefused(_("This attempt has not been submitted yet."))
    now = timezone.now()
    was_graded = attempt.state == Attempt.State.GRADED
    with transaction.atomic():
        question.marks = marks.quantize(TWO_PLACES)
        question.fraction = (
            float(marks / question.max_marks) if question.max_marks else 0
        )
        question.needs_grading = False
        question.grader = grader
        question.grader_comment = clean_html(comment)
        question.graded_at = now
        question.save(
            update_fields=[
                "marks",
                "fraction",
                "needs_grading",
                "grader",
                "grader_comment",
                "graded_at",
            ]
        )
        _total(attempt, now)
    attempt.refresh_from_db()
    if attempt.state == Attempt.State.GRADED and not was_graded:
        transaction.on_commit(lambda: attempt_graded.send(Attempt, attempt=attempt))
    return attempt


class RegradeChange(TypedDict):
    """One answer whose marks a regrade changed (RegradeRecord.changes)."""

    attempt: int
    position: int
    old: str
    new: str


def quiz_regrade(
    *, quiz: Quiz, by: User, question: Question | None = None
) -> RegradeRecord:
    """Re-mark submitted attempts with each question's current version (after a key fix).

    Answers keep their option ids across versions, so a corrected key applies
    to what learners chose. Essays keep the grade a person gave. Every change
    is written to a RegradeRecord.
    """
    now = timezone.now()
    rows = AttemptQuestion.objects.filter(
        attempt__quiz=quiz,
        attempt__state__in=[Attempt.State.GRADED, Attempt.State.AWAITING_GRADING],
    ).select_related("question_version__question__current_version", "attempt")
    if question is not None:
        rows = rows.filter(question_version__question=question)
    changes: list[RegradeChange] = []
    touched: dict[int, Attempt] = {}
    with transaction.atomic():
        for row in rows:
            current = row.question_version.question.current_version
            qtype = row.question_version.question.question_type
            if qtype in question_types.MANUALLY_GRADED or current is None:
                continue
            old = row.marks
            row.question_version = current
            _apply_grade(row)
            row.save(
                update_fields=["question_version", "fraction", "marks", "needs_grading"]
            )
            touched[row.attempt_id] = row.attempt
            if old != row.marks:
                changes.append(
                    {
                        "attempt": row.attempt_id,
                        "position": row.position,
                        "old": str(old),
                        "new": str(row.marks),
                    }
                )
        before = {pk: a.score for pk, a in touched.items()}
        for attempt in touched.values():
            _total(attempt, attempt.graded_at or now)
        changed_attempts = {c["attempt"] for c in changes}
        record = RegradeRecord.objects.create(
            quiz=quiz,
            question=question,
            regraded_by=by,
            attempts_checked=len(touched),
            attempts_changed=len(changed_attempts),
            changes=changes,
        )
    for pk in changed_attempts:
        attempt = Attempt.objects.get(pk=pk)
        if attempt.state == Attempt.State.GRADED and attempt.score != before[pk]:
            transaction.on_commit(
                partial(attempt_graded.send, Attempt, attempt=attempt)
            )
    return record


# --- Results -----------------------------------------------------------------


@dataclass(frozen=True)
class ReviewOptions:
    """What the learner may see of a submitted attempt at this moment."""

    score: bool = False
    correctness: bool = False
    answers: bool = False
    feedback: bool = False

    @property
    def anything(self) -> bool:
        return self.score or self.correctness or self.answers or self.feedback


IMMEDIATELY = timedelta(minutes=2)


def attempt_review_options(
    *, attempt: Attempt, now: datetime | None = None
) -> ReviewOptions:
    """Moodle's three moments: right after submitting, later while open, after close."""
    if attempt.state == Attempt.State.IN_PROGRESS:
        return ReviewOptions()
    now = now or timezone.now()
    quiz = attempt.quiz
    if quiz.closes_at and now >= quiz.closes_at:
        when = "closed"
    elif attempt.submitted_at and now - attempt.submitted_at <= IMMEDIATELY:
        when = "immediately"
    else:
        when = "open"
    return ReviewOptions(
        score=getattr(quiz, f"review_score_{when}"),
        correctness=getattr(quiz, f"review_correctness_{when}"),
        answers=getattr(quiz, f"review_answers_{when}"),
        feedback=getattr(quiz, f"review_feedback_{when}"),
    )
