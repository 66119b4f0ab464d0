"""Quizzes in the admin: settings, slots, preview, and who may touch which quiz."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessments.models import Attempt, Question, Quiz, QuizSlot
from tests.assessments.admin_helpers import refused
from tests.factories.assessments import make_category, make_question, make_quiz

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_admin")]

REVIEW_FIELDS = [
    f"review_{item}_{when}"
    for item in ("score", "correctness", "answers", "feedback")
    for when in ("immediately", "open", "closed")
]


def quiz_form(**overrides) -> dict:
    data = {
        "title": "Kiểm tra cuối khoá",
        "instructions": "Làm trong 20 phút.",
        "purpose": "graded",
        "pre_test": "",
        "opens_at": "",
        "closes_at": "",
        "time_limit_minutes": "20",
        "attempts_allowed": "2",
        "grading_method": "highest",
        "pass_percentage": "60",
        "questions_per_page": "5",
        "navigation": "free",
        "shuffle_options": "on",
        "review_score_immediately": "on",
        "review_answers_closed": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_trainer_creates_a_quiz_and_owns_it(trainer_client, trainer, other_trainer):
    form_page = trainer_client.get(reverse("quizzes:add"))
    content = form_page.content.decode()
    assert "What learners see when they review an attempt" in content
    for name in REVIEW_FIELDS:
        assert f'name="{name}"' in content

    response = trainer_client.post(
        reverse("quizzes:add"), quiz_form(graders=[other_trainer.pk])
    )

    quiz = Quiz.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("quizzes:slots", args=[quiz.pk])
    assert quiz.owner == trainer
    assert list(quiz.graders.all()) == [other_trainer]
    assert quiz.time_limit_minutes == 20
    assert quiz.review_score_immediately and quiz.review_answers_closed
    assert not quiz.review_answers_immediately
    assert not quiz.review_feedback_open


def test_quiz_must_close_after_it_opens(trainer_client):
    response = trainer_client.post(
        reverse("quizzes:add"),
        quiz_form(opens_at="2026-05-10 08:00", closes_at="2026-05-09 08:00"),
    )
    assert response.status_code == 200
    assert "The quiz must close after it opens." in response.content.decode()
    assert not Quiz.objects.exists()


def test_only_a_post_test_is_paired_with_a_pre_test(trainer_client, trainer):
    pre = make_quiz(owner=trainer, purpose=Quiz.Purpose.PRE_TEST, title="Đầu vào")
    refused_pair = trainer_client.post(
        reverse("quizzes:add"), quiz_form(title="Sai", pre_test=pre.pk)
    )
    assert "Only a post-test is paired with a pre-test." in (
        refused_pair.content.decode()
    )
    trainer_client.post(
        reverse("quizzes:add"),
        quiz_form(title="Đầu ra", purpose="post_test", pre_test=pre.pk),
    )
    assert Quiz.objects.get(title="Đầu ra").pre_test == pre
    assert not Quiz.objects.filter(title="Sai").exists()


def slots_url(quiz):
    return reverse("quizzes:slots", args=[quiz.pk])


def test_trainer_adds_fixed_and_random_slots_then_reorders_them(
    trainer_client, trainer, category
):
    quiz = make_quiz(owner=trainer)
    fixed = make_question(Question.Type.SINGLE_CHOICE, category=category)
    for _n in range(3):
        make_question(Question.Type.TRUE_FALSE, category=category)

    listing = trainer_client.get(slots_url(quiz), {"category": category.pk})
    assert fixed.name in listing.content.decode()
    trainer_client.post(
        slots_url(quiz),
        {"action": "add_question", "fixed-question": fixed.pk, "fixed-marks": ""},
    )
    response = trainer_client.post(
        slots_url(quiz),
        {
            "action": "add_random",
            "random-category": category.pk,
            "random-random_count": "2",
            "random-include_subcategories": "on",
            "random-marks": "0,5",
        },
    )
    assert response.status_code == 302

    first, second = quiz.slots.order_by("position")
    assert (first.question, first.position, first.marks) == (fixed, 1, Decimal("1"))
    assert (second.random_category, second.random_count) == (category, 2)
    assert second.marks == Decimal("0.5")

    trainer_client.post(
        slots_url(quiz),
        {
            "action": "save",
            "slots-TOTAL_FORMS": "2",
            "slots-INITIAL_FORMS": "2",
            "slots-MIN_NUM_FORMS": "0",
            "slots-MAX_NUM_FORMS": "1000",
            "slots-0-id": first.pk,
            "slots-0-position": "5",
            "slots-0-marks": "2",
            "slots-1-id": second.pk,
            "slots-1-position": "1",
            "slots-1-marks": "0,5",
            "slots-1-random_count": "3",
        },
    )
    assert list(quiz.slots.order_by("position").values_list("pk", "position")) == [
        (second.pk, 1),
        (first.pk, 2),
    ]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.marks == Decimal("2")
    assert second.random_count == 3


def test_removing_a_slot(trainer_client, trainer, category):
    kept, dropped = (make_question(category=category) for _n in range(2))
    quiz = make_quiz([kept, dropped], owner=trainer)
    one, two = quiz.slots.order_by("position")
    trainer_client.post(
        slots_url(quiz),
        {
            "action": "save",
            "slots-TOTAL_FORMS": "2",
            "slots-INITIAL_FORMS": "2",
            "slots-MIN_NUM_FORMS": "0",
            "slots-MAX_NUM_FORMS": "1000",
            "slots-0-id": one.pk,
            "slots-0-position": "1",
            "slots-0-marks": "1",
            "slots-0-DELETE": "on",
            "slots-1-id": two.pk,
            "slots-1-position": "2",
            "slots-1-marks": "1",
        },
    )
    assert list(quiz.slots.values_list("question", "position")) == [(dropped.pk, 1)]


def test_random_count_above_the_category_size_is_refused(
    trainer_client, trainer, category
):
    quiz = make_quiz(owner=trainer)
    make_question(category=category)
    make_question(category=category)

    response = trainer_client.post(
        slots_url(quiz),
        {
            "action": "add_random",
            "random-category": category.pk,
            "random-random_count": "5",
            "random-include_subcategories": "on",
            "random-marks": "1",
        },
    )

    assert response.status_code == 200
    assert (
        "has only 2 questions that can be drawn; ask for 2 or fewer"
        in response.content.decode()
    )
    assert not quiz.slots.exists()


@pytest.fixture
def preview_quiz(trainer, category):
    short = make_question(Question.Type.SHORT_ANSWER, category=category)
    essay = make_question(
        Question.Type.ESSAY,
        category=category,
        data={"response_format": "html", "grader_info": "Cần nêu Điều 5."},
    )
    quiz = make_quiz([short, essay], owner=trainer)
    random_pool = make_category("Ngân hàng/Ngẫu nhiên")
    make_question(Question.Type.TRUE_FALSE, category=random_pool, name="Ngẫu nhiên 1")
    QuizSlot.objects.create(
        quiz=quiz, position=3, random_category=random_pool, random_count=1
    )
    return quiz


def test_preview_shows_the_questions_as_learners_see_them_without_the_key(
    trainer_client, preview_quiz
):
    response = trainer_client.get(reverse("quizzes:preview", args=[preview_quiz.pk]))
    content = response.content.decode()

    assert response.status_code == 200
    assert content.count('class="question"') == 3
    assert "Theo Luật Bình đẳng giới" in content
    assert " disabled" in content
    assert "bình đẳng giới" not in content.replace("Bình đẳng giới", "")
    assert "Answer key" not in content
    assert "Cần nêu Điều 5." not in content
    assert not Attempt.objects.exists()


def test_preview_shows_the_key_when_asked(trainer_client, preview_quiz):
    response = trainer_client.get(
        reverse("quizzes:preview", args=[preview_quiz.pk]), {"key": "1"}
    )
    content = response.content.decode()
    assert "Answer key" in content
    assert "bình đẳng giới" in content.replace("Bình đẳng giới", "")
    assert "Cần nêu Điều 5." in content
    assert not Attempt.objects.exists()


def test_preview_warns_when_a_random_slot_cannot_be_filled(
    trainer_client, trainer, category
):
    quiz = make_quiz(owner=trainer)
    make_question(category=category)
    QuizSlot.objects.create(
        quiz=quiz, position=1, random_category=category, random_count=4
    )
    content = trainer_client.get(reverse("quizzes:preview", args=[quiz.pk])).content
    assert "learners cannot start the quiz" in content.decode()


def test_trainer_b_cannot_see_or_change_trainer_a_quiz(
    client, other_trainer, trainer, category
):
    question = make_question(category=category)
    quiz = make_quiz([question], owner=trainer, title="Bài của giảng viên A")
    client.force_login(other_trainer)

    assert (
        "Bài của giảng viên A"
        not in client.get(reverse("quizzes:index")).content.decode()
    )
    for url in (
        reverse("quizzes:edit", args=[quiz.pk]),
        slots_url(quiz),
        reverse("quizzes:preview", args=[quiz.pk]),
    ):
        assert refused(client.get(url)), url
    assert refused(
        client.post(reverse("quizzes:edit", args=[quiz.pk]), quiz_form(title="Đổi"))
    )
    assert refused(
        client.post(
            slots_url(quiz),
            {"action": "add_question", "fixed-question": question.pk},
        )
    )
    quiz.refresh_from_db()
    assert quiz.title == "Bài của giảng viên A"
    assert quiz.slots.count() == 1


def test_a_grader_edits_the_quiz_they_grade(client, other_trainer, trainer):
    quiz = make_quiz(owner=trainer, title="Bài chung")
    quiz.graders.add(other_trainer)
    client.force_login(other_trainer)

    response = client.post(
        reverse("quizzes:edit", args=[quiz.pk]), quiz_form(title="Bài chung (sửa)")
    )

    assert response.status_code == 302
    quiz.refresh_from_db()
    assert quiz.title == "Bài chung (sửa)"
    assert quiz.owner == trainer


def test_administrator_sees_every_quiz(client, administrator, trainer):
    make_quiz(owner=trainer, title="Bài của giảng viên A")
    client.force_login(administrator)
    assert (
        "Bài của giảng viên A" in client.get(reverse("quizzes:index")).content.decode()
    )


def test_learner_reaches_no_quiz_page(client, learner, trainer):
    quiz = make_quiz(owner=trainer, title="Bài của giảng viên A")
    client.force_login(learner)
    for url in (
        reverse("quizzes:index"),
        reverse("quizzes:add"),
        reverse("quizzes:edit", args=[quiz.pk]),
        reverse("quizzes:preview", args=[quiz.pk]),
        slots_url(quiz),
    ):
        assert refused(client.get(url)), url
    client.post(reverse("quizzes:edit", args=[quiz.pk]), quiz_form(title="Đổi"))
    client.post(reverse("quizzes:add"), quiz_form(title="Mới"))
    quiz.refresh_from_db()
    assert quiz.title == "Bài của giảng viên A"
    assert Quiz.objects.count() == 1


def test_every_assessments_page_renders_for_an_administrator(
    client, administrator, trainer, category
):
    question = make_question(category=category)
    quiz = make_quiz([question], owner=trainer)
    client.force_login(administrator)
    urls = [
        reverse("question_bank:index"),
        reverse("question_bank:add"),
        reverse("question_bank:delete", args=[question.pk]),
        reverse("question_categories:index"),
        reverse("question_categories:add"),
        reverse("question_categories:edit", args=[category.pk]),
        reverse("question_categories:delete", args=[category.pk]),
        reverse("quizzes:index"),
        reverse("quizzes:edit", args=[quiz.pk]),
        reverse("quizzes:delete", args=[quiz.pk]),
        slots_url(quiz),
        reverse("grading:index"),
        reverse("grading:regrade", args=[quiz.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    for url in urls[:1] + [urls[3], urls[7], urls[11]]:
        assert url in home  # in the "Assessments" menu


def test_a_category_holding_questions_is_not_deleted(client, administrator, category):
    make_question(category=category)
    client.force_login(administrator)
    response = client.post(reverse("question_categories:delete", args=[category.pk]))
    assert response.status_code == 302
    assert category.__class__.objects.filter(pk=category.pk).exists()


# --- Issue 9: the question select follows the chosen category ----------------------


def question_options(html: str) -> list[str]:
    import re

    select = re.search(r'<select name="fixed-question".*?</select>', html, re.S)
    assert select, "the question select is on the page"
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(0))


def test_listing_a_parent_category_offers_its_subcategories_questions(
    trainer_client, trainer
):
    parent = make_category("Ngân hàng câu hỏi")
    child = make_category("Ngân hàng câu hỏi/Luật Bình đẳng giới")
    elsewhere = make_category("Khác")
    inside = make_question(category=child, name="Điều 5 Luật")
    outside = make_question(category=elsewhere, name="Câu ngoài danh mục")
    quiz = make_quiz(owner=trainer)

    options = question_options(
        trainer_client.get(slots_url(quiz), {"category": parent.pk}).content.decode()
    )
    assert options == ["Choose a question", inside.name]
    assert outside.name not in options

    # Before a category is chosen, the select says so rather than "---------".
    before = question_options(trainer_client.get(slots_url(quiz)).content.decode())
    assert before == ["Choose a category first"]


def test_question_choices_for_the_script_match_the_page(trainer_client, trainer):
    category = make_category("Ngân hàng câu hỏi/Khái niệm")
    first = make_question(category=category, name="A. Giới")
    second = make_question(category=category, name="B. Giới tính")
    archived = make_question(category=category, name="C. Cũ")
    archived.is_archived = True
    archived.save()
    quiz = make_quiz(owner=trainer)
    url = reverse("quizzes:slot_question_choices", args=[quiz.pk])

    data = trainer_client.get(url, {"category": category.pk}).json()
    assert data["empty_label"] == "Choose a question"
    assert data["options"] == [
        {"value": first.pk, "label": first.name},
        {"value": second.pk, "label": second.name},
    ]
    empty = make_category("Ngân hàng câu hỏi/Trống")
    assert trainer_client.get(url, {"category": empty.pk}).json() == {
        "empty_label": "This category and its subcategories have no questions",
        "options": [],
    }
    assert trainer_client.get(url, {"category": "999999"}).status_code == 400


def test_question_choices_of_another_trainers_quiz_are_not_found(
    client, other_trainer, trainer, category
):
    make_question(category=category, name="Bí mật")
    quiz = make_quiz(owner=trainer)
    client.force_login(other_trainer)
    response = client.get(
        reverse("quizzes:slot_question_choices", args=[quiz.pk]),
        {"category": category.pk},
    )
    assert response.status_code == 404
    assert "Bí mật" not in response.content.decode()


def test_adding_a_question_from_a_subcategory(trainer_client, trainer):
    parent = make_category("Ngân hàng câu hỏi")
    child = make_category("Ngân hàng câu hỏi/Luật")
    question = make_question(category=child)
    quiz = make_quiz(owner=trainer)
    response = trainer_client.post(
        f"{slots_url(quiz)}?category={parent.pk}",
        {"action": "add_question", "fixed-question": question.pk, "fixed-marks": ""},
    )
    assert response.status_code == 302
    assert list(quiz.slots.values_list("question", flat=True)) == [question.pk]
