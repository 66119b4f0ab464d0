"""Typed Vietnamese reaches the platform in NFC, whatever the keyboard sent.

Unikey's combining mode and some phones send "Bình" as "Bi" + U+0300 + "nh".
"""

import unicodedata

import pytest
from django.http import HttpResponse, QueryDict
from django.test import RequestFactory
from django.urls import reverse

from assessments.models import Attempt, Question
from lms.middleware import NormaliseInputMiddleware
from lms.text import normalise_text
from people.models import User
from tests.factories.assessments import make_question, make_quiz

DECOMPOSED_KEY = unicodedata.normalize("NFD", "Bình đẳng giới")
DECOMPOSED_NAME = unicodedata.normalize("NFD", "Võ Thị Lan Hương")


def test_the_decomposed_spelling_is_really_different():
    assert DECOMPOSED_KEY != "Bình đẳng giới"
    assert normalise_text(DECOMPOSED_KEY) == "Bình đẳng giới"
    assert normalise_text("") == ""


def _seen_by_view(request):
    seen = {}

    def view(request):
        seen["GET"] = request.GET
        seen["POST"] = request.POST
        return HttpResponse()

    NormaliseInputMiddleware(view)(request)
    return seen


def test_query_string_and_form_values_are_normalised_and_kept_immutable():
    factory = RequestFactory()
    request = factory.post(
        f"/x/?q={DECOMPOSED_KEY}",
        {"name": DECOMPOSED_NAME, "many": [DECOMPOSED_KEY, "a"]},
    )
    seen = _seen_by_view(request)
    assert seen["GET"]["q"] == "Bình đẳng giới"
    assert seen["POST"]["name"] == "Võ Thị Lan Hương"
    assert seen["POST"].getlist("many") == ["Bình đẳng giới", "a"]
    assert isinstance(seen["POST"], QueryDict) and not seen["POST"]._mutable


def test_already_normalised_input_is_not_copied():
    request = RequestFactory().get("/x/", {"q": "Bình đẳng giới"})
    original = request.GET
    assert _seen_by_view(request)["GET"] is original


@pytest.mark.django_db
def test_a_name_typed_with_combining_marks_is_stored_in_nfc(client, learner):
    client.force_login(learner)
    response = client.post(
        "/accounts/profile/",
        {
            "email": learner.email,
            "full_name": DECOMPOSED_NAME,
            "sex": learner.sex,
            "unit": learner.unit_id,
            "data_processing_consent": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = User.objects.get(pk=learner.pk).full_name
    assert stored == "Võ Thị Lan Hương"
    assert unicodedata.is_normalized("NFC", stored)


@pytest.mark.django_db
def test_a_short_answer_typed_with_combining_marks_scores_full(learner_client):
    question = make_question(
        Question.Type.SHORT_ANSWER,
        data={
            "answers": [{"text": "Bình đẳng giới", "fraction": 1, "feedback": ""}],
            "case_sensitive": True,
            "ignore_diacritics": False,
        },
    )
    quiz = make_quiz([question], open_to_all=True)
    learner_client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get(quiz=quiz)
    learner_client.post(
        reverse("assessments:save", args=[attempt.pk]),
        {
            "sequence": attempt.sequence,
            "page": 1,
            "q1": DECOMPOSED_KEY,
            "goto": "finish",
        },
    )
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED
    assert attempt.score == 1


def test_codes_are_indexed_whole_and_split_at_their_hyphens():
    from lms.text import fold_for_index

    indexed = fold_for_index("Nghị định 48/2009/NĐ-CP và K1-2026")
    assert indexed.startswith("Nghi dinh 48/2009/ND-CP va K1-2026")
    assert "48/2009/ND CP" in indexed and "K1 2026" in indexed
    assert fold_for_index("Bình đẳng giới") == "Binh dang gioi"
