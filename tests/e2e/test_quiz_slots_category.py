"""The quiz's "Questions" page in Chromium: choosing a category fills the question select.

Issue 9: after choosing a category the select still showed "---------". Now
quiz_slots.js fills it with the category's questions (and its subcategories')
as soon as the category is chosen, and adding one works from there.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from people.roles import Role
from tests.factories import UserFactory
from tests.factories.assessments import make_category, make_question, make_quiz

from .test_course_path import admin_log_in

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_question_select_follows_the_chosen_category(new_page, province):
    trainer = UserFactory(username="giangvien", unit=province, roles=[Role.TRAINER])
    bank = make_category("Ngân hàng câu hỏi")
    law = make_category("Ngân hàng câu hỏi/Luật Bình đẳng giới")
    concepts = make_category("Khái niệm cơ bản")
    article = make_question(category=law, name="Điều 5 Luật Bình đẳng giới")
    make_question(category=concepts, name="Khái niệm giới")
    quiz = make_quiz(owner=trainer, title="Kiểm tra cuối khóa")

    page = new_page()
    admin_log_in(page, trainer)
    page.goto(reverse("quizzes:slots", args=[quiz.pk]))
    question = page.locator("select[name=fixed-question]")
    expect(question).to_be_disabled()

    page.locator("#browse-category").select_option(str(bank.pk))

    expect(question).to_be_enabled()
    expect(question.locator("option")).to_have_text(["Choose a question", article.name])
    expect(page).to_have_url(re.compile(rf"\?category={bank.pk}$"))

    page.locator("#browse-category").select_option(str(concepts.pk))
    expect(question.locator("option")).to_have_text(
        ["Choose a question", "Khái niệm giới"]
    )

    page.locator("#browse-category").select_option(str(bank.pk))
    question.select_option(label=article.name)
    page.get_by_role("button", name="Add the question").click()
    expect(page.get_by_text(f"“{article.name}” was added.")).to_be_visible()
    assert list(quiz.slots.values_list("question", flat=True)) == [article.pk]
