"""A person's own data: the download, and the request to erase it. No id in
any URL: each view answers for the signed-in person only."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .models import ErasureRequest
from .personal_data import personal_data_archive
from .personal_data_log import personal_data_export_log
from .personal_data_services import REASON_MAX_LENGTH, erasure_request_create


class ErasureRequestForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why do you ask for your data to be erased?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=REASON_MAX_LENGTH,
        required=False,
    )


@login_required
@require_POST
@never_cache
def personal_data_download(request):
    """The person's data as a ZIP: data.json and one CSV per section."""
    content, rows = personal_data_archive(user=request.user)
    personal_data_export_log(request, what="own data", rows=rows, file_format="zip")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = (
        f'attachment; filename="du-lieu-ca-nhan-{stamp}.zip"'
    )
    return response


@login_required
def erasure_request(request):
    """Ask for erasure, with a reason; the person's requests and their answers."""
    form = ErasureRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure_request_create(
                person=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Your request has been recorded. An administrator will answer it "
                    "and you will see the answer here."
                ),
            )
            return redirect("people:erasure_request")
    requests = ErasureRequest.objects.filter(person=request.user).order_by("-pk")
    has_pending = any(r.status == ErasureRequest.Status.PENDING for r in requests)
    return render(
        request,
        "people/erasure_request.html",
        {"form": form, "requests": requests, "has_pending": has_pending},
    )
