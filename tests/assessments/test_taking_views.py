"""The learner's pages: quiz, attempt, autosave, finish, review."""

import json
import re

import pytest
from django.urls import reverse

from assessments.models import Attempt, Question
from assessments.services import attempts as svc
from tests.factories.assessments import make_question, make_quiz

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def start(client, quiz):
    response = client.post(reverse("assessments:start", args=[quiz.pk]))
    assert response.status_code == 302
    return Attempt.objects.get(quiz=quiz)


def test_quiz_page_and_start(learner_client, quiz):
    page = learner_client.get(reverse("assessments:quiz", args=[quiz.pk]))
    assert page.status_code == 200
    assert (
        "Bắt đầu" in page.content.decode() or "Start the quiz" in page.content.decode()
    )
    attempt = start(learner_client, quiz)
    assert attempt.questions.count() == 2


def test_anonymous_is_sent_to_login(client, quiz):
    response = client.get(reverse("assessments:quiz", args=[quiz.pk]))
    assert response.status_code == 302 and "/accounts/login" in response.url


def test_quiz_not_open_to_learner_is_not_found(learner_client, quiz):
    quiz.open_to_all = False
    quiz.save()
    assert (
        learner_client.get(reverse("assessments:quiz", args=[quiz.pk])).status_code
        == 404
    )
    assert (
        learner_client.post(reverse("assessments:start", args=[quiz.pk])).status_code
        == 404
    )
    assert not Attempt.objects.exists()


def test_taking_page_holds_no_answer_key(learner_client, every_type_quiz):
    attempt = start(learner_client, every_type_quiz)
    html = learner_client.get(
        reverse("assessments:attempt", args=[attempt.pk])
    ).content.decode()
    for secret in (
        "fraction",
        "Đúng.",
        "Chưa đúng.",
        "Gần đúng.",
        "Điều 5 Luật",
        "correct",
        "Gần đúng",
    ):
        assert secret not in html, secret
    # Every question is there for answering.
    assert len(re.findall(r'class="question"', html)) == len(Question.Type.values)


def test_autosave_returns_only_the_new_sequence(learner_client, quiz):
    attempt = start(learner_client, quiz)
    url = reverse("assessments:save", args=[attempt.pk])
    response = learner_client.post(
        url, {"sequence": attempt.sequence, "page": 1, "q1": "b"}, **JSON
    )
    assert response.status_code == 200
    payload = response.json()
    assert set(payload) == {"sequence", "saved"}
    assert attempt.questions.get(position=1).response == {"choice": "b"}
    stale = learner_client.post(
        url, {"sequence": attempt.sequence, "page": 1, "q1": "a"}, **JSON
    )
    assert stale.status_code == 409
    assert "out of date" in stale.json()["error"] or "cũ" in stale.json()["error"]
    assert attempt.questions.get(position=1).response == {"choice": "b"}


def test_answer_for_question_on_another_page_is_refused(learner_client, quiz):
    attempt = start(learner_client, quiz)
    url = reverse("assessments:save", args=[attempt.pk])
    response = learner_client.post(
        url,
        {"sequence": attempt.sequence, "page": 1, "q1": "b", "q2": "true", "q77": "x"},
        **JSON,
    )
    assert response.status_code == 400
    assert not attempt.questions.exclude(response=None).exists()


def test_garbage_sequence_is_a_bad_request(learner_client, quiz):
    attempt = start(learner_client, quiz)
    url = reverse("assessments:save", args=[attempt.pk])
    assert learner_client.post(url, {"sequence": "abc", "page": "1"}).status_code == 400


def test_finish_submits_once_and_shows_review(learner_client, quiz):
    attempt = start(learner_client, quiz)
    url = reverse("assessments:save", args=[attempt.pk])
    learner_client.post(
        url, {"sequence": attempt.sequence, "page": 1, "q1": "b", "goto": "2"}
    )
    attempt.refresh_from_db()
    first = learner_client.post(
        url, {"sequence": attempt.sequence, "page": 2, "q2": "true", "goto": "finish"}
    )
    assert first.status_code == 302 and first.url.endswith(
        reverse("assessments:review", args=[attempt.pk])
    )
    double_click = learner_client.post(
        url, {"sequence": attempt.sequence, "page": 2, "q2": "false", "goto": "finish"}
    )
    assert double_click.status_code == 302
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.score == 2
    review = learner_client.get(
        reverse("assessments:review", args=[attempt.pk])
    ).content.decode()
    assert re.search(r"\b2 ?/ ?2\b", review)


def test_review_shows_only_what_options_allow(learner_client, quiz):
    quiz.review_correctness_immediately = False
    quiz.review_answers_immediately = False
    quiz.review_feedback_immediately = False
    quiz.review_score_immediately = False
    quiz.save()
    attempt = start(learner_client, quiz)
    svc.attempt_submit(attempt=attempt)
    html = learner_client.get(
        reverse("assessments:review", args=[attempt.pk])
    ).content.decode()
    assert "Điều 5 Luật" not in html and "Vai trò xã hội" not in html


def test_another_learners_attempt_is_not_found(client, quiz, learner, other_learner):
    attempt = svc.attempt_start(quiz=quiz, learner=learner)
    client.force_login(other_learner)
    for name in ("assessments:attempt", "assessments:review"):
        assert client.get(reverse(name, args=[attempt.pk])).status_code == 404
    response = client.post(
        reverse("assessments:save", args=[attempt.pk]),
        {"sequence": 0, "page": 1, "q1": "a"},
    )
    assert response.status_code == 404
    assert attempt.questions.get(position=1).response is None


def test_script_in_essay_is_inert_in_review(learner_client, trainer):
    quiz = make_quiz([make_question(Question.Type.ESSAY)], open_to_all=True)
    attempt = start(learner_client, quiz)
    learner_client.post(
        reverse("assessments:save", args=[attempt.pk]),
        {
            "sequence": attempt.sequence,
            "page": 1,
            "q1": '<p>Ý kiến</p><script>alert("x")</script><img src=x onerror=alert(1)>',
            "goto": "finish",
        },
    )
    html = learner_client.get(
        reverse("assessments:review", args=[attempt.pk])
    ).content.decode()
    assert "<p>Ý kiến</p>" in html
    assert 'alert("x")' not in html and "onerror" not in html


def test_attempt_page_query_count_does_not_grow_with_questions(
    learner_client, learner, django_assert_num_queries
):
    """The user; the attempt with its quiz; its questions; the page's question
    versions, which later visits find in the cache."""
    small = make_quiz(
        [make_question() for _ in range(2)], open_to_all=True, questions_per_page=0
    )
    big = make_quiz(
        [make_question() for _ in range(20)], open_to_all=True, questions_per_page=0
    )
    urls = {
        quiz: reverse(
            "assessments:attempt",
            args=[svc.attempt_start(quiz=quiz, learner=learner).pk],
        )
        for quiz in (small, big)
    }
    learner_client.get(urls[small])  # fills the site frame's caches (not ours)
    for quiz, queries in ((small, 3), (big, 4), (big, 3)):
        with django_assert_num_queries(queries):
            page = learner_client.get(urls[quiz])
        assert page.status_code == 200
        assert page.content.decode().count('class="question"') == quiz.slots.count()


def test_json_offline_resend_is_accepted_with_its_sequence(learner_client, quiz):
    """What attempt.js resends after the connection returns: the stored page, its sequence."""
    attempt = start(learner_client, quiz)
    kept = {"sequence": attempt.sequence, "page": 1, "q1": "b"}
    response = learner_client.post(
        reverse("assessments:save", args=[attempt.pk]), kept, **JSON
    )
    assert json.loads(response.content)["sequence"] == attempt.sequence + 1


def test_autosave_query_count_does_not_grow_with_questions(learner_client, learner):
    """The attempt and its page's questions are read once, the answers written in
    one statement; the count is the same for a page of 5 questions or 50."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (5, 50):
        quiz = make_quiz(
            [make_question() for _ in range(size)],
            open_to_all=True,
            questions_per_page=0,
            shuffle_options=False,
        )
        attempt = svc.attempt_start(quiz=quiz, learner=learner)
        fields = {"sequence": attempt.sequence, "page": 1}
        fields.update({f"q{position}": "b" for position in range(1, size + 1)})
        with CaptureQueriesContext(connection) as queries:
            response = learner_client.post(
                reverse("assessments:save", args=[attempt.pk]), fields, **JSON
            )
        assert response.json() == {"sequence": attempt.sequence + 1, "saved": size}
        assert attempt.questions.filter(response={"choice": "b"}).count() == size
        counts.append(
            [
                q["sql"]
                for q in queries.captured_queries
                if "SAVEPOINT" not in q["sql"]  # the test's transaction, not the view's
            ]
        )
    assert len(counts[0]) == len(counts[1]), counts
    # The user; the attempt with its quiz; the page's questions; the conditional
    # sequence bump; the answers, one statement run for each (in production
    # these two between BEGIN IMMEDIATE and COMMIT).
    assert len(counts[0]) == 5, counts[0]
    assert counts[0][-1].startswith("5 times: UPDATE"), counts[0]


def test_an_answered_question_is_labelled_answered_in_vietnamese(
    learner_client, quiz, settings
):
    """The page link says the question has an answer ("đã trả lời"), not the
    time it was answered, which the same English word means on the model."""
    learner_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    attempt = start(learner_client, quiz)
    learner_client.post(
        reverse("assessments:save", args=[attempt.pk]),
        {"sequence": attempt.sequence, "page": 1, "q1": "b"},
        **JSON,
    )

    page = learner_client.get(reverse("assessments:attempt", args=[attempt.pk]))

    html = page.content.decode()
    assert "Câu 1, đã trả lời" in html
    assert "thời điểm trả lời" not in html
