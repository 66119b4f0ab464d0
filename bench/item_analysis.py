#!/usr/bin/env python
"""Time the item analysis of one large quiz (target: 10,000 attempts × 20 questions
under 2 s on PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_bench_items \\
        .venv/bin/python bench/item_analysis.py --attempts 10000 --questions 20

Against the database DATABASE_URL names (migrated first if it needs to be), it
makes learners, a quiz of single-choice questions and graded attempts with
bulk_create (answers drawn from a simple ability/difficulty model, so the
figures look like a real class's), times `quiz_statistics` with the first and
with all attempts, prints the times and deletes everything it made, even on
error.
"""

import argparse
import math
import os
import random
import statistics
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from assessments.analysis import quiz_statistics  # noqa: E402
from assessments.models import (  # noqa: E402
    Attempt,
    AttemptQuestion,
    Question,
    QuestionCategory,
    QuestionVersion,
    Quiz,
    QuizSlot,
)
from people.models import User  # noqa: E402

CHOICES = ["a", "b", "c", "d"]
BATCH = 5000


def log(message: str) -> None:
    print(f"[item analysis] {message}", flush=True)


def make_quiz(tag: str, questions: int):
    category = QuestionCategory.add_root(name=f"bench {tag}")
    quiz = Quiz.objects.create(title=f"bench {tag}")
    versions = []
    for i in range(1, questions + 1):
        question = Question.objects.create(
            category=category,
            question_type=Question.Type.SINGLE_CHOICE,
            name=f"bench {tag} Q{i}",
        )
        version = QuestionVersion.objects.create(
            question=question,
            text=f"<p>Câu hỏi {i}</p>",
            data={
                "choices": [
                    {
                        "id": c,
                        "text": c.upper(),
                        "fraction": int(c == "b"),
                        "feedback": "",
                    }
                    for c in CHOICES
                ]
            },
        )
        Question.objects.filter(pk=question.pk).update(current_version=version)
        QuizSlot.objects.create(quiz=quiz, position=i, question=question)
        versions.append(version)
    return category, quiz, versions


def make_attempts(tag: str, quiz: Quiz, versions, attempts: int, rng) -> None:
    """One learner per attempt; about a tenth also get a second attempt."""
    learners = User.objects.bulk_create(
        User(
            username=f"bench-{tag}-{i}",
            full_name=f"Học viên {i}",
            password="!",  # noqa: S106 (unusable)
            sex=rng.choice(["nam", "nu", ""]),
        )
        for i in range(attempts)
    )
    difficulty = [rng.gauss(0, 1) for _ in versions]
    rows = []
    made = 0
    for start in range(0, attempts, BATCH):
        batch = []
        answers = []
        for learner in learners[start : start + BATCH]:
            ability = rng.gauss(0, 1)
            numbers = [1, 2] if rng.random() < 0.1 else [1]
            for number in numbers:
                correct = [
                    rng.random() < 1 / (1 + math.exp(difficulty[i] - ability))
                    for i in range(len(versions))
                ]
                score = Decimal(sum(correct))
                batch.append(
                    Attempt(
                        quiz=quiz,
                        learner=learner,
                        number=number,
                        state=Attempt.State.GRADED,
                        score=score,
                        max_score=Decimal(len(versions)),
                        passed=score * 2 >= len(versions),
                    )
                )
                answers.append(correct)
        Attempt.objects.bulk_create(batch)
        for attempt, correct in zip(batch, answers, strict=True):
            for position, (version, right) in enumerate(
                zip(versions, correct, strict=True), start=1
            ):
                choice = "b" if right else rng.choice(["a", "c", "d"])
                rows.append(
                    AttemptQuestion(
                        attempt=attempt,
                        position=position,
                        slot_position=position,
                        question_version=version,
                        max_marks=Decimal(1),
                        choice_order=CHOICES,
                        response={"choice": choice},
                        fraction=1.0 if right else 0.0,
                        marks=Decimal(1 if right else 0),
                    )
                )
            if len(rows) >= BATCH * 4:
                AttemptQuestion.objects.bulk_create(rows)
                made += len(rows)
                rows = []
    AttemptQuestion.objects.bulk_create(rows)
    made += len(rows)
    log(
        f"made {Attempt.objects.filter(quiz=quiz).count():,} attempts, {made:,} answers"
    )


def clean_up(tag: str) -> None:
    quiz = Quiz.objects.filter(title=f"bench {tag}").first()
    with transaction.atomic():
        if quiz is not None:
            AttemptQuestion.objects.filter(attempt__quiz=quiz).delete()
            Attempt.objects.filter(quiz=quiz).delete()
            quiz.delete()
        questions = Question.objects.filter(name__startswith=f"bench {tag} ")
        Question.objects.filter(pk__in=questions).update(current_version=None)
        QuestionVersion.objects.filter(question__in=questions).delete()
        questions.delete()
        QuestionCategory.objects.filter(name=f"bench {tag}").delete()
        User.objects.filter(username__startswith=f"bench-{tag}-").delete()
    log("cleaned up")


def time_analysis(quiz: Quiz, attempts_used: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        stats = quiz_statistics(quiz, attempts=attempts_used)
        times.append(time.perf_counter() - started)
    log(
        f"{attempts_used} attempts: {stats.attempt_count:,} attempts, "
        f"{len(stats.questions)} questions, alpha {stats.cronbach_alpha:.3f}, "
        f"mean {stats.mean:.1f}%"
    )
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--attempts", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    log(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", "--no-input", verbosity=0)
    tag = uuid.uuid4().hex[:8]
    rng = random.Random(args.seed)
    try:
        category, quiz, versions = make_quiz(tag, args.questions)
        started = time.perf_counter()
        make_attempts(tag, quiz, versions, args.attempts, rng)
        log(f"data made in {time.perf_counter() - started:.1f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        for attempts_used in ("first", "all"):
            times = time_analysis(quiz, attempts_used, args.runs)
            log(
                f"quiz_statistics(attempts={attempts_used!r}): "
                f"best {min(times):.3f} s, median {statistics.median(times):.3f} s "
                f"over {args.runs} runs (target < 2 s)"
            )
    finally:
        clean_up(tag)
    return 0


if __name__ == "__main__":
    sys.exit(main())
