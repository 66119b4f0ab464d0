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
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .access import quiz_access
from .display import question_for_answering, question_for_review
from .models import Attempt, Question, Quiz
from .services import attempts as attempt_services
from .services.attempts import AttemptRefused, StaleAttemptPage


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


def _attempt_for(request, pk) -> Attempt:
    """Only the learner's own attempts; any other id is simply not found."""
    return get_object_or_404(
        Attempt.objects.select_related("quiz"), pk=pk, learner=request.user
    )


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
    rows = [(a, attempt_services.review_options(a)) for a in past]
    return render(
        request,
        "assessments/quiz_detail.html",
        {
            "quiz": quiz,
            "attempt_rows": rows,
            "open_attempt": open_attempt,
            "problem": None
            if open_attempt
            else attempt_services.availability_problem(quiz, request.user),
            "final_grade": attempt_services.final_grade(quiz, request.user),
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
        attempt = attempt_services.start_attempt(quiz, request.user)
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


@login_required
@require_GET
@never_cache
def attempt_page(request, pk):
    attempt = _attempt_for(request, pk)
    if attempt.state != Attempt.State.IN_PROGRESS:
        return redirect("assessments:review", pk=attempt.pk)
    if not attempt_services.accepts_answers(attempt):
        attempt_services.submit_attempt(attempt, auto=True)
        messages.info(request, _("Time was up; your attempt was submitted."))
        return redirect("assessments:review", pk=attempt.pk)
    questions = list(
        attempt.questions.select_related("question_version__question").order_by(
            "position"
        )
    )
    last_page = max(q.page for q in questions)
    page = _page_number(request, attempt, last_page)
    on_page = [question_for_answering(q) for q in questions if q.page == page]
    answered = {q.position for q in questions if q.response}
    return render(
        request,
        "assessments/attempt_page.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "questions": on_page,
            "page": page,
            "last_page": last_page,
            "pages": range(1, last_page + 1),
            "navigation_free": attempt.quiz.navigation == Quiz.Navigation.FREE,
            "all_positions": [
                (q.position, q.page, q.position in answered) for q in questions
            ],
            "deadline": attempt.deadline,
            "seconds_left": int((attempt.deadline - timezone.now()).total_seconds())
            if attempt.deadline
            else None,
            "return_url": _return_url(request),
        },
    )


def posted_answers(post, questions) -> dict:
    """Turn the attempt form's fields into raw responses, by question position.

    Field names: q<position> (choice, checkboxes, text) and
    q<position>-<pair id> for matching. Only the questions listed are read.
    """
    answers = {}
    for question in questions:
        key = f"q{question.position}"
        qtype = question.question_version.question.question_type
        if qtype == Question.Type.SINGLE_CHOICE:
            raw = {"choice": post.get(key)}
        elif qtype == Question.Type.MULTIPLE_RESPONSE:
            raw = {"choices": post.getlist(key)}
        elif qtype == Question.Type.TRUE_FALSE:
            raw = {"value": post.get(key)}
        elif qtype == Question.Type.MATCHING:
            prefix = f"{key}-"
            raw = {
                "pairs": {
                    name[len(prefix) :]: value
                    for name, value in post.items()
                    if name.startswith(prefix)
                }
            }
        else:
            raw = {"text": post.get(key, "")}
        answers[question.position] = raw
    return answers


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def attempt_save(request, pk):
    """Save one page's answers; then go to another page, or finish.

    Answered by JSON for attempt.js's autosave, by a redirect for a plain form.
    """
    attempt = _attempt_for(request, pk)
    goto = request.POST.get("goto", "")
    if attempt.state != Attempt.State.IN_PROGRESS:
        if _wants_json(request):
            return JsonResponse(
                {
                    "error": _("This attempt has already been submitted."),
                    "submitted": True,
                },
                status=409,
            )
        return redirect("assessments:review", pk=attempt.pk)
    try:
        sequence = int(request.POST.get("sequence", ""))
        page = int(request.POST.get("page", ""))
    except ValueError:
        return HttpResponseBadRequest(_("The answers sent are not valid."))
    questions = list(
        attempt.questions.filter(page=page).select_related("question_version__question")
    )
    extra = {
        name
        for name in request.POST
        if name.startswith("q")
        and name.split("-")[0][1:].isdigit()
        and int(name.split("-")[0][1:]) not in {q.position for q in questions}
    }
    try:
        if extra:
            raise AttemptRefused(
                _("An answer was sent for a question not in this attempt.")
            )
        target = _target_page(goto, page)
        result = attempt_services.save_answers(
            attempt, posted_answers(request.POST, questions), sequence, page=target
        )
    except StaleAttemptPage as stale:
        return _refused(request, attempt, stale, status=409)
    except AttemptRefused as refusal:
        if not attempt_services.accepts_answers(attempt):
            attempt_services.submit_attempt(attempt, auto=True)
            if _wants_json(request):
                return JsonResponse(
                    {"error": str(refusal), "submitted": True}, status=409
                )
            messages.error(request, str(refusal))
            return redirect("assessments:review", pk=attempt.pk)
        return _refused(request, attempt, refusal, status=400)
    if goto == "finish":
        attempt_services.submit_attempt(attempt)
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
    url = reverse("assessments:attempt", args=[attempt.pk]) + f"?page={target or page}"
    back = _return_url(request)
    if back:
        url += "&" + urlencode({"next": back})
    return redirect(url)


def _target_page(goto: str, page: int) -> int | None:
    if goto.isdigit():
        return int(goto)
    return None


def _refused(request, attempt, refusal, status):
    if _wants_json(request):
        return JsonResponse({"error": str(refusal)}, status=status)
    messages.error(request, str(refusal))
    return redirect("assessments:attempt", pk=attempt.pk)


@login_required
@require_GET
@never_cache
def attempt_review(request, pk):
    attempt = _attempt_for(request, pk)
    if attempt.state == Attempt.State.IN_PROGRESS:
        return redirect("assessments:attempt", pk=attempt.pk)
    options = attempt_services.review_options(attempt)
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
