"""Demo quizzes and simulated learners' attempts, for `seed_demo`.

The bank comes from assessments/data/demo_bank.gift (DOMAIN.md §4). Quizzes
are found by their reference code, so seeding twice adds nothing. Attempts go
through the real services; answers are drawn from a simple ability model
(the chance of a right answer rises with the learner's ability and falls with
the question's difficulty) so the item analysis has something to show.
"""

import math
import random
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from .formats import gift
from .models import Attempt, Question, QuestionCategory, Quiz, QuizSlot
from .selectors import quiz_passed_by
from .services import attempts as attempt_services
from .services.bank import create_question

BANK_FILE = Path(__file__).parent / "data" / "demo_bank.gift"
BANK_ROOT = "Ngân hàng câu hỏi"
CONCEPTS = f"{BANK_ROOT}/Khái niệm cơ bản"
LAW = f"{BANK_ROOT}/Luật Bình đẳng giới"
DECREES = f"{BANK_ROOT}/Văn bản hướng dẫn và xử phạt"


@dataclass
class QuizSpec:
    reference: str
    title: str
    purpose: str = Quiz.Purpose.GRADED
    instructions: str = ""
    fixed: list[tuple[str, int]] = field(
        default_factory=list
    )  # (category, nth single choice)
    random_from: list[tuple[str, int]] = field(
        default_factory=list
    )  # (category, count)
    every_type: bool = False
    time_limit_minutes: int | None = None
    attempts_allowed: int = 0
    pass_percentage: Decimal = Decimal("50")
    open_to_all: bool = False
    pre_test: str = ""


PRE_POST_QUESTIONS = [(CONCEPTS, n) for n in range(7)] + [(LAW, n) for n in range(5)]

DEMO_QUIZZES = [
    QuizSpec(
        "K1-PRE",
        "Kiểm tra đầu vào – Khóa K1",
        purpose=Quiz.Purpose.PRE_TEST,
        instructions="Bài kiểm tra đầu vào giúp đo kiến thức trước khi học. "
        "Không tính điểm đạt: chỉ cần làm bài.",
        fixed=PRE_POST_QUESTIONS,
        attempts_allowed=1,
        pass_percentage=Decimal("0"),
    ),
    QuizSpec(
        "K1-FINAL",
        "Bài kiểm tra – Luật Bình đẳng giới (K1)",
        instructions="10 câu hỏi rút ngẫu nhiên từ ngân hàng câu hỏi về Luật Bình đẳng giới. "
        "Thời gian 20 phút, được làm 3 lần, lấy điểm cao nhất.",
        random_from=[(LAW, 10)],
        time_limit_minutes=20,
        attempts_allowed=3,
        pass_percentage=Decimal("60"),
    ),
    QuizSpec(
        "K1-POST",
        "Kiểm tra đầu ra – Khóa K1",
        purpose=Quiz.Purpose.POST_TEST,
        instructions="Cùng các câu hỏi với bài kiểm tra đầu vào, để đo mức tiến bộ.",
        fixed=PRE_POST_QUESTIONS,
        attempts_allowed=2,
        pass_percentage=Decimal("50"),
        pre_test="K1-PRE",
    ),
    QuizSpec(
        "K2-FINAL",
        "Bài kiểm tra – Lồng ghép giới trong xây dựng văn bản (K2)",
        fixed=[(CONCEPTS, 6), (DECREES, 0)],
        random_from=[(LAW, 6)],
        time_limit_minutes=15,
        attempts_allowed=3,
    ),
    QuizSpec(
        "K3-FINAL",
        "Bài kiểm tra – Bình đẳng giới trong trường học (K3)",
        random_from=[(CONCEPTS, 4), (LAW, 4)],
        attempts_allowed=3,
    ),
    QuizSpec(
        "K4-FINAL",
        "Bài kiểm tra – Kỹ năng cho Ban Vì sự tiến bộ của phụ nữ (K4)",
        random_from=[(LAW, 5), (DECREES, 3)],
        attempts_allowed=3,
    ),
    QuizSpec(
        "K5-FINAL",
        "Bài kiểm tra – Phòng ngừa bạo lực trên cơ sở giới (K5)",
        random_from=[(CONCEPTS, 3), (LAW, 3), (DECREES, 2)],
        attempts_allowed=3,
    ),
    QuizSpec(
        "ON-TAP",
        "Ôn tập: mỗi dạng câu hỏi một câu",
        purpose=Quiz.Purpose.PRACTICE,
        instructions="Bài ôn tập mở cho mọi người dùng, có đủ các dạng câu hỏi, "
        "kể cả một câu tự luận do giảng viên chấm.",
        every_type=True,
        open_to_all=True,
    ),
]


def load_bank(user=None) -> int:
    """Import the demo GIFT file once; returns how many questions were created."""
    if QuestionCategory.objects.filter(name=BANK_ROOT, depth=1).exists():
        return 0
    result = gift.parse(BANK_FILE.read_text(encoding="utf-8"))
    if result.errors:
        problems = "; ".join(f"line {e.line}: {e.message}" for e in result.errors)
        raise ValueError(f"demo_bank.gift does not import: {problems}")
    with transaction.atomic():
        for draft in result.drafts:
            create_question(draft, user=user)
    return len(result.drafts)


def _category(path: str) -> QuestionCategory:
    top, *below = path.split("/")
    node = QuestionCategory.get_root_nodes().get(name=top)
    for name in below:
        node = node.get_children().get(name=name)
    return node


def _nth_single_choice(path: str, n: int) -> Question:
    questions = Question.objects.filter(
        category=_category(path), question_type=Question.Type.SINGLE_CHOICE
    ).order_by("pk")
    return questions[n]


def create_quizzes(owner=None) -> int:
    """Create the demo quizzes that do not exist yet; returns how many were made."""
    made = 0
    for spec in DEMO_QUIZZES:
        if Quiz.objects.filter(reference=spec.reference).exists():
            continue
        with transaction.atomic():
            quiz = Quiz.objects.create(
                reference=spec.reference,
                title=spec.title,
                purpose=spec.purpose,
                instructions=spec.instructions,
                time_limit_minutes=spec.time_limit_minutes,
                attempts_allowed=spec.attempts_allowed,
                pass_percentage=spec.pass_percentage,
                open_to_all=spec.open_to_all,
                owner=owner,
                pre_test=Quiz.objects.filter(reference=spec.pre_test).first()
                if spec.pre_test
                else None,
                questions_per_page=5,
                review_answers_open=True,
            )
            _add_slots(quiz, spec)
        made += 1
    return made


def _add_slots(quiz: Quiz, spec: QuizSpec) -> None:
    position = 0
    fixed: list[Question | None] = [
        _nth_single_choice(path, n) for path, n in spec.fixed
    ]
    if spec.every_type:
        fixed = [
            Question.objects.filter(question_type=qtype).order_by("pk").first()
            for qtype in Question.Type.values
        ]
    for question in fixed:
        if question is None:
            continue
        position += 1
        QuizSlot.objects.create(quiz=quiz, position=position, question=question)
    for path, count in spec.random_from:
        position += 1
        QuizSlot.objects.create(
            quiz=quiz,
            position=position,
            random_category=_category(path),
            random_count=count,
        )


# --- Simulated learners ---------------------------------------------------


def _difficulty(question_id: int) -> float:
    """A fixed, made-up difficulty per question, between -1.5 and 1.5."""
    return (question_id * 0.618) % 3 - 1.5


def _answer(attempt_question, ability: float, rng: random.Random) -> dict:
    version = attempt_question.question_version
    qtype = version.question.question_type
    data = version.data
    right = rng.random() < 1 / (
        1 + math.exp(-(ability - _difficulty(version.question_id)))
    )
    if qtype in (Question.Type.SINGLE_CHOICE, Question.Type.MULTIPLE_RESPONSE):
        good = [c["id"] for c in data["choices"] if float(c["fraction"]) > 0]
        bad = [c["id"] for c in data["choices"] if float(c["fraction"]) <= 0]
        if qtype == Question.Type.SINGLE_CHOICE:
            return {"choice": good[0] if right or not bad else rng.choice(bad)}
        return {"choices": good if right else good[:1] + bad[:1]}
    if qtype == Question.Type.TRUE_FALSE:
        return {"value": bool(data["correct"]) == right}
    if qtype == Question.Type.SHORT_ANSWER:
        best = max(data["answers"], key=lambda a: float(a["fraction"]))
        return {"text": best["text"].replace("*", "") if right else "không nhớ"}
    if qtype == Question.Type.NUMERICAL:
        best = max(data["answers"], key=lambda a: float(a["fraction"]))
        return {"text": str(best["value"] if right else float(best["value"]) + 1000)}
    if qtype == Question.Type.MATCHING:
        pairs = [p for p in data["pairs"] if p.get("prompt")]
        given = {p["id"]: p["answer"] for p in pairs}
        if not right and len(pairs) > 1:
            given[pairs[0]["id"]], given[pairs[1]["id"]] = (
                pairs[1]["answer"],
                pairs[0]["answer"],
            )
        return {"pairs": given}
    return {
        "text": "<p>Ở địa phương tôi, nhiều gia đình vẫn cho rằng việc nhà là việc "
        "của phụ nữ. Cần truyền thông để nam giới cùng chia sẻ.</p>"
    }


def take_quiz(
    quiz: Quiz, learner, *, ability: float, when: datetime, seed: int
) -> Attempt:
    """One attempt, answered by the ability model, started and submitted at `when`."""
    rng = random.Random(seed)  # noqa: S311  (demo data: reproducible on purpose)
    attempt = attempt_services.attempt_start(
        quiz=quiz, learner=learner, now=when, rng=rng
    )
    answers = {
        q.position: _answer(q, ability, rng)
        for q in attempt.questions.select_related("question_version__question")
    }
    attempt_services.attempt_answers_save(
        attempt=attempt, answers=answers, sequence=attempt.sequence, now=when
    )
    minutes = rng.randint(6, 15)
    Attempt.objects.filter(pk=attempt.pk).update(started_at=when)
    return attempt_services.attempt_submit(
        attempt=attempt, now=when + timedelta(minutes=minutes)
    )


def learner_ability(username: str) -> float:
    return random.Random(f"ability-{username}").gauss(0.3, 0.9)  # noqa: S311


def pass_quiz(quiz: Quiz, learner, *, when: datetime) -> Attempt | None:
    """Take attempts, each a little better, until the learner passes (for completed lessons)."""
    ability = learner_ability(learner.username)
    attempt = None
    for number in range(1, (quiz.attempts_allowed or 3) + 1):
        if quiz_passed_by(quiz=quiz, learner=learner):
            break
        if attempt_services.attempt_start_problem(quiz=quiz, learner=learner, now=when):
            break
        attempt = take_quiz(
            quiz,
            learner,
            ability=ability + 1.5 * number,
            when=when + timedelta(hours=number),
            seed=zlib.crc32(f"{quiz.reference}-{learner.username}-{number}".encode()),
        )
    return attempt


def simulate_pre_and_post_tests(learners, start: datetime | None = None) -> int:
    """Demo learners take K1's pre-test, then its post-test a few weeks later."""
    pre = Quiz.objects.get(reference="K1-PRE")
    post = Quiz.objects.get(reference="K1-POST")
    start = start or timezone.now() - timedelta(days=40)
    made = 0
    for index, learner in enumerate(learners):
        if Attempt.objects.filter(quiz=pre, learner=learner).exists():
            continue
        ability = learner_ability(learner.username)
        take_quiz(
            pre,
            learner,
            ability=ability,
            when=start + timedelta(hours=index),
            seed=index,
        )
        if index % 5 != 4:  # a few never came back for the post-test
            gain = 0.5 + (index % 3) * 0.4
            take_quiz(
                post,
                learner,
                ability=ability + gain,
                when=start + timedelta(days=30, hours=index),
                seed=1000 + index,
            )
        made += 1
    return made


def simulate_practice(learners, when: datetime | None = None) -> int:
    """Some learners try the practice quiz; their essays wait in the grading queue."""
    quiz = Quiz.objects.get(reference="ON-TAP")
    when = when or timezone.now() - timedelta(days=3)
    made = 0
    for index, learner in enumerate(learners):
        if Attempt.objects.filter(quiz=quiz, learner=learner).exists():
            continue
        take_quiz(
            quiz,
            learner,
            ability=learner_ability(learner.username),
            when=when + timedelta(hours=index),
            seed=2000 + index,
        )
        made += 1
    return made
