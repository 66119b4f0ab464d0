"""The question bank in the admin: categories, questions of every type, versions, archive."""

from decimal import Decimal

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from assessments.models import Question, QuestionCategory, QuizSlot
from assessments.services.attempts import (
    attempt_answers_save,
    attempt_start,
    attempt_submit,
)
from people.roles import Role
from tests.assessments.admin_helpers import refused
from tests.factories import UserFactory
from tests.factories.assessments import make_category, make_question, make_quiz

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_admin")]


def question_form(category, *, rows=(), settings=None, **common) -> dict:
    """POST data for the question form: common fields, the rows table, the type's settings."""
    data = {
        "category": category.pk,
        "name": common.get("name", "Câu hỏi mới"),
        "text": rich_text(common.get("text", "<p>Giới là gì?</p>")),
        "general_feedback": rich_text(common.get("general_feedback", "")),
        "default_marks": common.get("default_marks", "1"),
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": str(common.get("initial_rows", 0)),
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"rows-{index}-{key}"] = value
    for key, value in (settings or {}).items():
        data[f"settings-{key}"] = value
    return data


def add_url(question_type):
    return reverse("question_bank:add_type", args=[question_type])


EVERY_TYPE = {
    Question.Type.SINGLE_CHOICE: (
        [
            {"text": "Đặc điểm sinh học", "weight": "0", "feedback": "Chưa đúng."},
            {"text": "Vai trò xã hội", "weight": "100", "feedback": "Đúng."},
            {"text": "", "weight": "", "feedback": ""},
        ],
        {},
        {
            "choices": [
                {
                    "id": "a",
                    "text": "Đặc điểm sinh học",
                    "fraction": 0,
                    "feedback": "Chưa đúng.",
                },
                {
                    "id": "b",
                    "text": "Vai trò xã hội",
                    "fraction": 1,
                    "feedback": "Đúng.",
                },
            ]
        },
    ),
    Question.Type.MULTIPLE_RESPONSE: (
        [
            {"text": "Chính trị", "weight": "50", "feedback": ""},
            {"text": "Kinh tế", "weight": "50", "feedback": ""},
            {"text": "Quốc phòng", "weight": "-100", "feedback": "Không có."},
        ],
        {},
        {
            "choices": [
                {"id": "a", "text": "Chính trị", "fraction": 0.5, "feedback": ""},
                {"id": "b", "text": "Kinh tế", "fraction": 0.5, "feedback": ""},
                {
                    "id": "c",
                    "text": "Quốc phòng",
                    "fraction": -1,
                    "feedback": "Không có.",
                },
            ]
        },
    ),
    Question.Type.TRUE_FALSE: (
        [],
        {"correct": "false", "feedback_true": "Sai rồi.", "feedback_false": "Đúng."},
        {"correct": False, "feedback_true": "Sai rồi.", "feedback_false": "Đúng."},
    ),
    Question.Type.SHORT_ANSWER: (
        [
            {"text": "bình đẳng giới", "weight": "100", "feedback": ""},
            {"text": "bình đẳng*", "weight": "50", "feedback": "Gần đúng."},
        ],
        {"ignore_diacritics": "on"},
        {
            "answers": [
                {"text": "bình đẳng giới", "fraction": 1, "feedback": ""},
                {"text": "bình đẳng*", "fraction": 0.5, "feedback": "Gần đúng."},
            ],
            "case_sensitive": False,
            "ignore_diacritics": True,
        },
    ),
    Question.Type.NUMERICAL: (
        [
            {"value": "36", "tolerance": "0", "weight": "100", "feedback": ""},
            {"value": "36", "tolerance": "1,5", "weight": "50", "feedback": "Gần."},
        ],
        {},
        {
            "answers": [
                {"value": 36, "tolerance": 0, "fraction": 1, "feedback": ""},
                {"value": 36, "tolerance": 1.5, "fraction": 0.5, "feedback": "Gần."},
            ]
        },
    ),
    Question.Type.MATCHING: (
        [
            {"prompt": "Giới", "answer": "Vai trò xã hội"},
            {"prompt": "Giới tính", "answer": "Đặc điểm sinh học"},
            {"prompt": "", "answer": "Khoảng cách giới"},
        ],
        {},
        {
            "pairs": [
                {"id": "p1", "prompt": "Giới", "answer": "Vai trò xã hội"},
                {"id": "p2", "prompt": "Giới tính", "answer": "Đặc điểm sinh học"},
                {"id": "p3", "prompt": "", "answer": "Khoảng cách giới"},
            ]
        },
    ),
    Question.Type.ESSAY: (
        [],
        {"response_format": "plain", "grader_info": "Nêu ba ví dụ."},
        {"response_format": "plain", "grader_info": "Nêu ba ví dụ."},
    ),
}


@pytest.mark.parametrize("question_type", list(EVERY_TYPE))
def test_trainer_creates_each_question_type_through_the_form(
    trainer_client, trainer, category, question_type
):
    rows, settings, expected = EVERY_TYPE[question_type]
    form_page = trainer_client.get(add_url(question_type))
    assert form_page.status_code == 200

    response = trainer_client.post(
        add_url(question_type),
        question_form(category, rows=rows, settings=settings, default_marks="2,5"),
    )

    question = Question.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("question_bank:edit", args=[question.pk])
    assert question.question_type == question_type
    assert question.category == category
    assert question.created_by == trainer
    version = question.current_version
    assert version.number == 1
    assert version.default_marks == Decimal("2.5")
    assert version.text == "<p>Giới là gì?</p>"
    assert version.data == expected
    assert trainer_client.get(response.url).status_code == 200


def test_option_weight_out_of_range_is_a_form_error_and_nothing_is_saved(
    trainer_client, category
):
    response = trainer_client.post(
        add_url("single"),
        question_form(
            category,
            rows=[
                {"text": "A", "weight": "150", "feedback": ""},
                {"text": "B", "weight": "0", "feedback": ""},
            ],
        ),
    )

    assert response.status_code == 200
    assert "Ensure this value is less than or equal to 100" in response.content.decode()
    assert not Question.objects.exists()


def test_choice_question_without_a_full_mark_option_shows_the_bank_rule(
    trainer_client, category
):
    response = trainer_client.post(
        add_url("single"),
        question_form(
            category,
            rows=[
                {"text": "A", "weight": "50", "feedback": ""},
                {"text": "B", "weight": "0", "feedback": ""},
            ],
        ),
    )

    assert response.status_code == 200
    assert (
        "A single-choice question needs one option worth 100%."
        in response.content.decode()
    )
    assert not Question.objects.exists()


def test_unknown_question_type_is_not_found(trainer_client):
    assert trainer_client.get(add_url("drawing")).status_code == 404


def choice_rows(question, *texts_weights, new=()):
    rows = [
        {
            "option_id": choice["id"],
            "text": choice["text"],
            "weight": str(int(choice["fraction"] * 100)),
            "feedback": choice["feedback"],
        }
        for choice in question.current_version.data["choices"]
    ]
    for text, weight in texts_weights:
        rows.append({"option_id": "", "text": text, "weight": weight, "feedback": ""})
    return rows


def test_edit_keeps_option_ids_and_gives_new_rows_the_next_free_letter(
    trainer_client, category
):
    question = make_question(Question.Type.SINGLE_CHOICE, category=category)
    rows = choice_rows(question, ("Tuổi tác", "0"))
    rows[0]["DELETE"] = "on"  # option "a" goes
    rows[1]["text"] = "Vai trò xã hội (sửa)"

    response = trainer_client.post(
        reverse("question_bank:edit", args=[question.pk]),
        question_form(category, rows=rows, initial_rows=3, name="Khái niệm giới (sửa)"),
    )

    assert response.status_code == 302
    question.refresh_from_db()
    choices = question.current_version.data["choices"]
    assert [c["id"] for c in choices] == ["b", "c", "d"]
    assert choices[0]["text"] == "Vai trò xã hội (sửa)"
    assert question.name == "Khái niệm giới (sửa)"
    assert question.current_version.number == 1  # never answered: edited in place


@pytest.fixture
def answered_question(category, learner, trainer):
    question = make_question(Question.Type.SINGLE_CHOICE, category=category)
    quiz = make_quiz([question], owner=trainer, open_to_all=True, shuffle_options=False)
    attempt = attempt_start(quiz=quiz, learner=learner)
    attempt_answers_save(
        attempt=attempt, answers={"1": {"choice": "b"}}, sequence=attempt.sequence
    )
    attempt_submit(attempt=attempt)
    return question


def test_editing_an_answered_question_makes_a_new_version_and_says_so(
    trainer_client, category, answered_question
):
    question = answered_question
    edit_url = reverse("question_bank:edit", args=[question.pk])
    before = trainer_client.get(edit_url).content.decode()
    assert "saving makes a new version" in before

    rows = choice_rows(question, ("Giới tính", "0"))
    response = trainer_client.post(
        edit_url, question_form(category, rows=rows, initial_rows=3)
    )

    question.refresh_from_db()
    assert response.status_code == 302
    assert question.current_version.number == 2
    assert question.versions.count() == 2
    # a removed id is never handed out again: "d", not a reused letter
    assert [c["id"] for c in question.current_version.data["choices"]] == [
        "a",
        "b",
        "c",
        "d",
    ]
    after = trainer_client.get(edit_url).content.decode()
    assert "version 2" in after
    assert "1 attempt uses an earlier version." in after


def test_new_ids_skip_ids_used_by_earlier_versions(
    trainer_client, category, answered_question
):
    question = answered_question
    edit_url = reverse("question_bank:edit", args=[question.pk])
    rows = choice_rows(question)
    rows[2]["DELETE"] = "on"  # drop "c" (v1 was answered, so this is v2)
    trainer_client.post(edit_url, question_form(category, rows=rows, initial_rows=3))
    question.refresh_from_db()
    rows = choice_rows(question, ("Mới", "0"))

    trainer_client.post(edit_url, question_form(category, rows=rows, initial_rows=2))

    question.refresh_from_db()
    assert [c["id"] for c in question.current_version.data["choices"]] == [
        "a",
        "b",
        "d",
    ]


def test_question_list_filters_by_category_type_archived_and_search(
    trainer_client, category
):
    other = make_category("Ngân hàng/Bạo lực gia đình")
    make_question(Question.Type.SINGLE_CHOICE, category=category, name="Khái niệm giới")
    make_question(Question.Type.ESSAY, category=other, name="Bài luận bạo lực")
    archived = make_question(
        Question.Type.TRUE_FALSE, category=category, name="Câu đã lưu trữ"
    )
    Question.objects.filter(pk=archived.pk).update(is_archived=True)
    url = reverse("question_bank:index")

    def names(**params):
        return trainer_client.get(url, params).content.decode()

    everything = names()
    assert "Khái niệm giới" in everything
    assert "Bài luận bạo lực" in everything
    assert "Câu đã lưu trữ" not in everything
    by_category = names(category=category.pk)
    assert "Khái niệm giới" in by_category and "Bài luận bạo lực" not in by_category
    by_type = names(type="essay")
    assert "Bài luận bạo lực" in by_type and "Khái niệm giới" not in by_type
    only_archived = names(state="archived")
    assert "Câu đã lưu trữ" in only_archived and "Khái niệm giới" not in only_archived
    searched = names(q="luận")
    assert "Bài luận bạo lực" in searched and "Khái niệm giới" not in searched


@pytest.mark.parametrize("rows", [3, 30])
def test_question_list_needs_a_fixed_number_of_queries(
    trainer_client, category, rows, django_assert_max_num_queries
):
    for index in range(rows):
        make_question(Question.Type.SINGLE_CHOICE, category=category, name=f"Q{index}")
    # One of them is Wagtail's site-permission check for the Settings menu.
    with django_assert_max_num_queries(13):
        response = trainer_client.get(reverse("question_bank:index"))
    assert response.content.decode().count("/admin/assessments/questions/") >= rows


def test_category_is_created_under_its_parent_and_listed_with_counts(
    trainer_client, category
):
    make_question(Question.Type.SINGLE_CHOICE, category=category)
    response = trainer_client.post(
        reverse("question_categories:add"),
        {"name": "Khái niệm", "description": "", "parent": category.pk},
    )

    assert response.status_code == 302
    child = QuestionCategory.objects.get(name="Khái niệm")
    assert child.get_parent() == category
    listing = trainer_client.get(reverse("question_categories:index"))
    content = listing.content.decode()
    assert "Ngân hàng/Luật Bình đẳng giới/Khái niệm" in content


def test_category_moves_under_another_parent(trainer_client, category):
    target = make_category("Tài liệu")
    response = trainer_client.post(
        reverse("question_categories:edit", args=[category.pk]),
        {"name": category.name, "description": "", "parent": target.pk},
    )
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.get_parent() == target


def test_archive_and_restore_a_question(trainer_client, category):
    question = make_question(category=category)
    url = reverse("question_bank:archive", args=[question.pk])

    trainer_client.post(url, {"archive": "1"})
    question.refresh_from_db()
    assert question.is_archived
    trainer_client.post(url, {"archive": "0"})
    question.refresh_from_db()
    assert not question.is_archived


def test_administrator_deletes_an_unused_question(client, administrator, category):
    question = make_question(category=category)
    client.force_login(administrator)

    response = client.post(reverse("question_bank:delete", args=[question.pk]))

    assert response.status_code == 302
    assert not Question.objects.filter(pk=question.pk).exists()


def test_a_question_in_a_quiz_is_archived_not_deleted(
    client, administrator, category, trainer
):
    question = make_question(category=category)
    make_quiz([question], owner=trainer)
    client.force_login(administrator)
    url = reverse("question_bank:delete", args=[question.pk])

    assert "archive it instead" in client.get(url).content.decode().lower()
    client.post(url)

    assert Question.objects.filter(pk=question.pk).exists()
    assert QuizSlot.objects.filter(question=question).exists()


def test_trainer_may_not_delete_questions(trainer_client, category):
    question = make_question(category=category)
    response = trainer_client.post(reverse("question_bank:delete", args=[question.pk]))
    assert refused(response)
    assert Question.objects.filter(pk=question.pk).exists()


def test_learner_reaches_no_bank_page_and_changes_nothing(client, learner, category):
    question = make_question(category=category)
    client.force_login(learner)
    for url in (
        reverse("question_bank:index"),
        reverse("question_bank:edit", args=[question.pk]),
        reverse("question_categories:index"),
        add_url("single"),
    ):
        assert refused(client.get(url))

    client.post(
        reverse("question_bank:edit", args=[question.pk]),
        question_form(category, rows=choice_rows(question), initial_rows=3, name="X"),
    )
    client.post(reverse("question_bank:archive", args=[question.pk]), {"archive": "1"})

    question.refresh_from_db()
    assert question.name != "X"
    assert not question.is_archived


def test_a_teacher_without_bank_permissions_is_refused(client, category):
    teacher = UserFactory(roles=[Role.TEACHER, Role.REVIEWER])
    client.force_login(teacher)
    assert refused(client.get(reverse("question_bank:index")))
    response = client.post(
        add_url("essay"),
        question_form(category, settings={"response_format": "html"}),
    )
    assert refused(response)
    assert not Question.objects.exists()


def test_numerical_catch_all_is_saved_edited_and_garbage_refused(
    trainer_client, category
):
    rows = [
        {"value": "36", "tolerance": "0", "weight": "100", "feedback": ""},
        {"value": " * ", "tolerance": "", "weight": "0", "feedback": "Xem Điều 5."},
    ]
    response = trainer_client.post(
        add_url(Question.Type.NUMERICAL), question_form(category, rows=rows)
    )
    assert response.status_code == 302
    question = Question.objects.get()
    answers = question.current_version.data["answers"]
    assert answers[1] == {
        "value": "*",
        "tolerance": 0,
        "fraction": 0,
        "feedback": "Xem Điều 5.",
    }
    edit_page = trainer_client.get(reverse("question_bank:edit", args=[question.pk]))
    assert edit_page.status_code == 200
    assert 'value="*"' in edit_page.content.decode()

    garbage = [{"value": "ba mươi", "tolerance": "", "weight": "100", "feedback": ""}]
    refused_post = trainer_client.post(
        add_url(Question.Type.NUMERICAL), question_form(category, rows=garbage)
    )
    assert refused_post.status_code == 200
    assert "or * for any number" in refused_post.content.decode()
    assert Question.objects.count() == 1
