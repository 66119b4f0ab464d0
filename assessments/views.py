"""Learners' quiz pages: the quiz, an attempt page by page, and the review.

Every write is a POST to one of the views below and goes through
assessments.services.attempts. The attempt pages work without JavaScript;
attempt.js adds autosave and keeps unsent answers in the browser while the
connection is down.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .access import quiz_access
from .display import question_for_answering, question_for_review, question_heading
from .models import Attempt, AttemptQuestion, Quiz
from .qtypes import question_type
from .selectors import own_attempt, question_versions_given, quiz_final_grade
from .services import attempts as attempt_services
from .services.attempts import AttemptPageOutcome as Outcome
from .services.attempts import AttemptRefused


def _return_url(request) -> str:
    """Where "back" goes: a lesson, given as ?next=, if it is one of ours."""
    url = request.GET.get("next") or request.POST.get("next") or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def _quiz_for(request, pk) -> Quiz | HttpResponse:
    """The quiz, or a 403 page saying how to gain access when a rule said so.

    Any other refusal is a plain 404: a learner learns nothing about a quiz
    they may not reach.
    """
    quiz = get_object_or_404(Quiz, pk=pk)
    access = quiz_access(request.user, quiz)
    if access.allowed:
        return quiz
    if access.denial is None:
        raise Http404
    return render(
        request,
        "assessments/quiz_denied.html",
        {"denial": access.denial},
        status=403,
    )


def _attempt_for(request, pk, fields: tuple[str, ...] = ()) -> Attempt:
    """Only the learner's own attempts; any other id is simply not found.

    `fields`: only these are loaded (of the attempt, and its quiz's as quiz__name).
    """
    if fields:
        attempt = own_attempt(pk=pk, learner=request.user, fields=fields)
        if attempt is None:
            raise Http404
        return attempt
    attempts = Attempt.objects.select_related("quiz")
    return get_object_or_404(attempts, pk=pk, learner=request.user)


@login_required
@require_GET
@never_cache
def quiz_detail(request, pk):
    quiz = _quiz_for(request, pk)
    if isinstance(quiz, HttpResponse):
        return quiz
    past = list(
        Attempt.objects.filter(quiz=quiz, learner=request.user).order_by("number")
    )
    open_attempt = next((a for a in past if a.state == Attempt.State.IN_PROGRESS), None)
    rows = [(a, attempt_services.attempt_review_options(attempt=a)) for a in past]
    return render(
        request,
        "assessments/quiz_detail.html",
        {
            "quiz": quiz,
            "attempt_rows": rows,
            "open_attempt": open_attempt,
            "problem": None
            if open_attempt
            else attempt_services.attempt_start_problem(
                quiz=quiz, learner=request.user
            ),
            "final_grade": quiz_final_grade(quiz=quiz, learner=request.user),
            "return_url": _return_url(request),
        },
    )


@login_required
@require_POST
def quiz_start(request, pk):
    quiz = _quiz_for(request, pk)
    if isinstance(quiz, HttpResponse):
        return quiz
    try:
        attempt = attempt_services.attempt_start(quiz=quiz, learner=request.user)
    except AttemptRefused as refusal:
        messages.error(request, str(refusal))
        return redirect(
            _with_next(reverse("assessments:quiz", args=[quiz.pk]), request)
        )
    return redirect(
        _with_next(reverse("assessments:attempt", args=[attempt.pk]), request)
    )


def _with_next(url: str, request) -> str:
    back = _return_url(request)
    if back:
        return f"{url}?{urlencode({'next': back})}"
    return url


def _page_number(request, attempt, last_page) -> int:
    try:
        page = int(request.GET.get("page", attempt.current_page))
    except ValueError:
        page = attempt.current_page
    page = max(1, min(page, last_page))
    if attempt.quiz.navigation == Quiz.Navigation.SEQUENTIAL:
        page = max(page, attempt.current_page)
    return page


# What the attempt page reads of the attempt and its quiz, and of every
# question (the page's versions come from question_versions_given).
ATTEMPT_PAGE_FIELDS = (
    "number",
    "state",
    "deadline",
    "current_page",
    "sequence",
    "quiz__title",
    "quiz__navigation",
)
ATTEMPT_PAGE_QUESTION_FIELDS = (
    "position",
    "page",
    "question_version_id",
    "max_marks",
    "choice_order",
    "response",
)


@login_required
@require_GET
@never_cache
def attempt_page(request, pk):
    attempt = _attempt_for(request, pk, ATTEMPT_PAGE_FIELDS)
    if attempt.state != Attempt.State.IN_PROGRESS:
        return redirect("assessments:review", pk=attempt.pk)
    if attempt_services.attempt_submit_if_overdue(attempt=attempt):
        messages.info(request, str(attempt_services.ATTEMPT_TIME_UP))
        return redirect("assessments:review", pk=attempt.pk)
    questions = list(
        AttemptQuestion.objects.filter(attempt_id=attempt.pk)
        .order_by("position")
        .only(*ATTEMPT_PAGE_QUESTION_FIELDS)
    )
    last_page = max(q.page for q in questions)
    page = _page_number(request, attempt, last_page)
    on_page = [q for q in questions if q.page == page]
    versions = question_versions_given(q.question_version_id for q in on_page)
    for question in on_page:
        question.question_version = versions[question.question_version_id]
    answered = {q.position for q in questions if q.response}
    return render(
        request,
        "assessments/attempt_page.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "questions": [question_for_answering(q) for q in on_page],
            "page": page,
            "last_page": last_page,
            "pages": range(1, last_page + 1),
            "navigation_free": attempt.quiz.navigation == Quiz.Navigation.FREE,
            "all_positions": _page_links(questions, answered),
            "deadline": attempt.deadline,
            "seconds_left": int((attempt.deadline - timezone.now()).total_seconds())
            if attempt.deadline
            else None,
            "return_url": _return_url(request),
        },
    )


def _page_links(questions, answered: set[int]) -> list[tuple[int, int, bool, str]]:
    """(position, page, answered, label) of each question, for the page links.

    The labels are translated here: a {% blocktranslate %} per question was a
    good part of the page's rendering.
    """
    answered_note = pgettext("a question of the attempt", "answered")
    links = []
    for q in questions:
        label = question_heading(q.position)
        if q.position in answered:
            label = f"{label}, {answered_note}"
        links.append((q.position, q.page, q.position in answered, label))
    return links


def posted_answers(post, questions) -> dict:
    """Turn the attempt form's fields into raw responses, by question position.

    Field names: q<position> (choice, checkboxes, text) and
    q<position>-<pair id> for matching. Only the questions listed are read.
    """
    answers = {}
    for question in questions:
        key = f"q{question.position}"
        kind = question_type(question.question_type)
        answers[question.position] = kind.raw_from_post(post, key)
    return answers


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _posted_positions(post) -> set[int]:
    """The question positions the form sent fields for (q<position>[-<pair>])."""
    positions = set()
    for name in post:
        head = name.split("-")[0][1:]
        if name.startswith("q") and head.isdigit():
            positions.add(int(head))
    return positions


def _posted_int(post, name: str) -> int | None:
    try:
        return int(post.get(name, ""))
    except ValueError:
        return None


@login_required
@require_POST
def attempt_save(request, pk):
    """Save one page's answers; then go to another page, or finish.

    The rules are in attempt_services.attempt_page_save; this view turns its
    outcome into JSON for attempt.js's autosave, or a redirect for a plain form.
    """
    attempt = _attempt_for(request, pk, attempt_services.PAGE_SAVE_ATTEMPT_FIELDS)
    result = attempt_services.attempt_page_save(
        attempt=attempt,
        page=_posted_int(request.POST, "page"),
        sequence=_posted_int(request.POST, "sequence"),
        goto=request.POST.get("goto", ""),
        posted_positions=_posted_positions(request.POST),
        read_answers=lambda questions: posted_answers(request.POST, questions),
    )
    outcome = result.outcome
    if outcome in (Outcome.ALREADY_SUBMITTED, Outcome.TIMED_OUT):
        if _wants_json(request):
            return JsonResponse(
                {"error": result.message, "submitted": True}, status=409
            )
        if outcome == Outcome.TIMED_OUT:
            messages.error(request, result.message)
        return redirect("assessments:review", pk=attempt.pk)
    if outcome == Outcome.NOT_VALID:
        return HttpResponseBadRequest(result.message)
    if outcome in (Outcome.STALE, Outcome.REFUSED):
        status = 409 if outcome == Outcome.STALE else 400
        if _wants_json(request):
            return JsonResponse({"error": result.message}, status=status)
        messages.error(request, result.message)
        return redirect("assessments:attempt", pk=attempt.pk)
    if outcome == Outcome.SUBMITTED:
        if _wants_json(request):
            return JsonResponse(
                {
                    "submitted": True,
                    "review": reverse("assessments:review", args=[attempt.pk]),
                }
            )
        return redirect(
            _with_next(reverse("assessments:review", args=[attempt.pk]), request)
        )
    if _wants_json(request):
        return JsonResponse({"sequence": result.sequence, "saved": result.saved})
    url = reverse("assessments:attempt", args=[attempt.pk]) + f"?page={result.page}"
    back = _return_url(request)
    if back:
        url += "&" + urlencode({"next": back})
    return redirect(url)


@login_required
@require_GET
@never_cache
def attempt_review(request, pk):
    attempt = _attempt_for(request, pk)
    if attempt.state == Attempt.State.IN_PROGRESS:
        return redirect("assessments:attempt", pk=attempt.pk)
    options = attempt_services.attempt_review_options(attempt=attempt)
    questions = []
    if options.anything:
        questions = [
            question_for_review(q, options)
            for q in attempt.questions.select_related(
                "question_version__question"
            ).order_by("position")
        ]
    return render(
        request,
        "assessments/attempt_review.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "options": options,
            "questions": questions,
            "return_url": _return_url(request),
        },
    )
