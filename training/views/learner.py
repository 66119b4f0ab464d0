"""The learner's side of training: open classes, a class's page, registration,
withdrawal and calendars. Views call services for writes and selectors for
reads, nothing else."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import ical
from ..forms import RegistrationForm
from ..models import Participant, Session, TrainingClass
from ..selectors import learner as selectors
from ..services import participants as services


def class_list(request):
    """Every class open for registration; anyone may look, registering needs
    an account."""
    return render(
        request,
        "training/class_list.html",
        {"classes": list(selectors.open_classes())},
    )


def _class_or_404(class_id: int) -> TrainingClass:
    training_class = selectors.class_for_page(class_id=class_id)
    if training_class is None:
        raise Http404
    return training_class


def class_detail(request, class_id: int):
    training_class = _class_or_404(class_id)
    registration = selectors.registration_of(
        training_class=training_class, person=request.user
    )
    taken = getattr(training_class, "places_taken", 0)
    return render(
        request,
        "training/class_detail.html",
        {
            "training_class": training_class,
            "sessions": training_class.sessions.all(),
            "trainers": training_class.trainers.all(),
            "registration": registration,
            "is_active": registration is not None
            and registration.status in services.ACTIVE,
            "waiting_position": selectors.waiting_position(participant=registration)
            if registration
            else None,
            "places_left": max(0, training_class.capacity - taken),
            "takes_registrations": selectors.open_classes()
            .filter(pk=training_class.pk)
            .exists(),
        },
    )


@login_required
def register(request, class_id: int):
    training_class = _class_or_404(class_id)
    class_url = reverse("training:class_detail", args=[training_class.pk])
    form = RegistrationForm(request.POST or None, training_class=training_class)
    if request.method == "POST" and form.is_valid():
        try:
            participant = services.participant_register(
                training_class=training_class,
                person=request.user,
                by=request.user,
                consent=form.cleaned_data["consent"],
                details=form.details(),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                level = (
                    messages.INFO
                    if error.code == "already_registered"
                    else messages.ERROR
                )
                messages.add_message(request, level, " ".join(error.messages))
                return redirect(class_url)
        else:
            messages.success(request, _status_message(participant))
            return redirect(class_url)
    return render(
        request,
        "training/register.html",
        {"training_class": training_class, "form": form},
    )


def _status_message(participant: Participant) -> str:
    if participant.status == Participant.Status.CONFIRMED:
        return _("You are registered. Your place is confirmed.")
    if participant.status == Participant.Status.PENDING:
        return _("You are registered. The organisers will confirm your place.")
    return _(
        "The class is full: you are on the waiting list, and you will get an "
        "e-mail if a place becomes free."
    )


@require_POST
@login_required
def withdraw(request, participant_id: int):
    participant = get_object_or_404(
        Participant.objects.select_related("training_class"), pk=participant_id
    )
    try:
        services.participant_withdraw(participant=participant, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your registration has been withdrawn."))
    return redirect("training:class_detail", participant.training_class_id)


# --- Calendars -------------------------------------------------------------------


def _ics_response(text: str, *, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def session_calendar(request, session_id: int):
    """One session as an .ics file, for any class whose page is public."""
    session = get_object_or_404(
        Session.objects.select_related("training_class").exclude(
            training_class__status=TrainingClass.Status.PLANNED
        ),
        pk=session_id,
    )
    url = request.build_absolute_uri(
        reverse("training:class_detail", args=[session.training_class_id])
    )
    text = ical.calendar_text([ical.session_event(session, url=url)])
    return _ics_response(text, filename=f"session-{session.pk}.ics")


def calendar_feed(request, token: str):
    """A learner's sessions at a secret address; calendar apps do not log in,
    so the signed token is the only key, and a wrong one is a 404."""
    person = ical.feed_user(token)
    if person is None:
        raise Http404
    events = [
        ical.session_event(
            session,
            url=request.build_absolute_uri(
                reverse("training:class_detail", args=[session.training_class_id])
            ),
        )
        for session in ical.feed_sessions(person=person)
    ]
    text = ical.calendar_text(events, name=_("My training classes"))
    response = _ics_response(text, filename="training.ics")
    response["Cache-Control"] = "private, max-age=900"
    return response
