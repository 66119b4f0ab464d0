"""What assessments holds on a person, for the download and the erasure
(people.personal_data; registered in AssessmentsConfig.ready())."""

from django.db.models import Prefetch

from people.models import User
from people.personal_data import Row

from .models import Attempt, AttemptQuestion, Question


def attempts_export(user: User) -> list[Row]:
    """Each attempt with the person's answers and marks (never the correct
    answers: those follow the quiz's review rules)."""
    attempts = (
        Attempt.objects.filter(learner=user)
        .select_related("quiz")
        .prefetch_related(
            Prefetch(
                "questions",
                AttemptQuestion.objects.select_related("question_version").order_by(
                    "position"
                ),
            )
        )
        .order_by("started_at", "pk")
    )
    return [
        {
            "quiz": attempt.quiz.title,
            "number": attempt.number,
            "state": attempt.get_state_display(),
            "started_at": attempt.started_at,
            "submitted_at": attempt.submitted_at,
            "score": attempt.score,
            "max_score": attempt.max_score,
            "passed": attempt.passed,
            "answers": [
                {
                    "position": question.position,
                    "question": question.question_version.text,
                    "response": question.response,
                    "marks": question.marks,
                    "max_marks": question.max_marks,
                    "grader_comment": question.grader_comment,
                }
                for question in attempt.questions.all()
            ],
        }
        for attempt in attempts
    ]


def attempts_erase(user: User) -> None:
    """Attempts and their marks stay (quiz figures and item analysis count
    them); what the person wrote in their own words (essays) and the graders'
    comments on it go."""
    questions = AttemptQuestion.objects.filter(attempt__learner=user)
    questions.filter(
        question_version__question__question_type=Question.Type.ESSAY
    ).update(response=None)
    questions.exclude(grader_comment="").update(grader_comment="")
