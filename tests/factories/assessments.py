"""Builders for the question bank, quizzes and attempts."""

from decimal import Decimal

from assessments.models import Question, QuestionCategory, Quiz, QuizSlot
from assessments.services.bank import QuestionDraft, category_for_path, create_question

SAMPLE_DATA = {
    Question.Type.SINGLE_CHOICE: {
        "choices": [
            {
                "id": "a",
                "text": "Đặc điểm sinh học",
                "fraction": 0,
                "feedback": "Chưa đúng.",
            },
            {"id": "b", "text": "Vai trò xã hội", "fraction": 1, "feedback": "Đúng."},
            {"id": "c", "text": "Thể chất", "fraction": 0, "feedback": ""},
        ]
    },
    Question.Type.MULTIPLE_RESPONSE: {
        "choices": [
            {"id": "a", "text": "Chính trị", "fraction": 0.5, "feedback": ""},
            {"id": "b", "text": "Kinh tế", "fraction": 0.5, "feedback": ""},
            {"id": "c", "text": "Quốc phòng", "fraction": -1, "feedback": "Không có."},
        ]
    },
    Question.Type.TRUE_FALSE: {
        "correct": True,
        "feedback_true": "",
        "feedback_false": "",
    },
    Question.Type.SHORT_ANSWER: {
        "answers": [
            {"text": "bình đẳng giới", "fraction": 1, "feedback": ""},
            {"text": "bình đẳng*", "fraction": 0.5, "feedback": "Gần đúng."},
        ],
        "case_sensitive": False,
        "ignore_diacritics": True,
    },
    Question.Type.NUMERICAL: {
        "answers": [
            {"value": 36, "tolerance": 0, "fraction": 1, "feedback": ""},
            {"value": 36, "tolerance": 12, "fraction": 0.5, "feedback": ""},
        ]
    },
    Question.Type.MATCHING: {
        "pairs": [
            {"id": "p1", "prompt": "Giới", "answer": "Vai trò xã hội"},
            {"id": "p2", "prompt": "Giới tính", "answer": "Đặc điểm sinh học"},
            {"id": "p3", "prompt": "", "answer": "Khoảng cách giới"},
        ]
    },
    Question.Type.ESSAY: {"response_format": "html", "grader_info": ""},
}


def make_category(path: str = "Ngân hàng/Luật Bình đẳng giới") -> QuestionCategory:
    return category_for_path(path)


def make_question(question_type=Question.Type.SINGLE_CHOICE, category=None, **kwargs):
    """A valid question of the given type, with a first version."""
    draft = QuestionDraft(
        question_type=question_type,
        name=kwargs.pop("name", f"Câu hỏi {Question.objects.count() + 1}"),
        text=kwargs.pop("text", "<p>Theo Luật Bình đẳng giới, “giới” chỉ gì?</p>"),
        data=kwargs.pop("data", SAMPLE_DATA[question_type]),
        general_feedback=kwargs.pop("general_feedback", "Điều 5 Luật Bình đẳng giới."),
        default_marks=kwargs.pop("default_marks", Decimal("1")),
    )
    return create_question(
        draft, category=category or make_category(), user=kwargs.pop("user", None)
    )


def make_quiz(questions=(), **kwargs) -> Quiz:
    """A quiz with one fixed slot per question, in order."""
    kwargs.setdefault("title", f"Bài kiểm tra {Quiz.objects.count() + 1}")
    quiz = Quiz.objects.create(**kwargs)
    for position, question in enumerate(questions, start=1):
        QuizSlot.objects.create(quiz=quiz, position=position, question=question)
    return quiz
