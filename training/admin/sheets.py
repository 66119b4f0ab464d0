"""Admin pages of a class's sign-in sheet: the PDF and Excel downloads, and a
filled sheet imported back (upload, check in full, preview, confirm)."""

from dataclasses import asdict
from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.permissions import PermissionRequiredMixin
from people.personal_data_log import personal_data_export_log

from ..forms_admin import SpreadsheetUploadForm
from ..models import AttendanceStatus, Participant, TrainingClass
from ..services.sheets import (
    MARK_PERMISSION,
    SheetMark,
    sign_in_sheet_apply,
    sign_in_sheet_check,
)
from ..sheets import LEGEND, sign_in_sheet_pdf, sign_in_sheet_xlsx
from ..viewsets import classes_managed_by

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "training_sign_in_sheet_%s"


class ClassPageMixin(PermissionRequiredMixin):
    """A page about one class the user manages; any other class answers 404."""

    permission = "training.view_trainingclass"

    @cached_property
    def training_class(self) -> TrainingClass:
        view = cast(View, self)
        return get_object_or_404(
            classes_managed_by(view.request.user), pk=view.kwargs["pk"]
        )

    def dispatch(self, request, *args, **kwargs):
        if request.user.has_perm(self.permission):
            self.training_class  # noqa: B018 (404 before anything is shown)
        return super().dispatch(request, *args, **kwargs)


class ClassAdminPageMixin(ClassPageMixin, WagtailAdminTemplateMixin):
    header_icon = "calendar-alt"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("training_classes:index"), "label": gettext("Classes")},
            {
                "url": reverse("training_classes:edit", args=[self.training_class.pk]),
                "label": str(self.training_class),
            },
            {"url": "", "label": self.get_page_title()},
        ]


def _sheet_contents(training_class: TrainingClass) -> dict:
    participants = list(
        training_class.participants.filter(status=Participant.Status.CONFIRMED)
        .select_related("person", "person__unit", "person__organisation")
        .order_by("person__full_name", "person__username")
    )
    return {
        "training_class": training_class,
        "participants": participants,
        "sessions": list(training_class.sessions.all()),
    }


def _download(request, training_class, *, content, content_type, extension):
    personal_data_export_log(request, what="sign-in sheet", file_format=extension)
    response = HttpResponse(content, content_type=content_type)
    filename = f"danh-sach-ky-ten-{training_class.code}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class SignInSheetPdfView(ClassPageMixin, View):
    def get(self, request, pk):
        return _download(
            request,
            self.training_class,
            content=sign_in_sheet_pdf(**_sheet_contents(self.training_class)),
            content_type="application/pdf",
            extension="pdf",
        )


class SignInSheetXlsxView(ClassPageMixin, View):
    def get(self, request, pk):
        return _download(
            request,
            self.training_class,
            content=sign_in_sheet_xlsx(**_sheet_contents(self.training_class)),
            content_type=XLSX_CONTENT_TYPE,
            extension="xlsx",
        )


class SignInSheetImportView(ClassAdminPageMixin, FormView):
    """Upload a filled sheet: every problem is listed, or a preview to confirm."""

    permission = MARK_PERMISSION
    template_name = "training/admin/sign_in_sheet_import.html"
    form_class = SpreadsheetUploadForm
    page_title = _("Import a filled sign-in sheet")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            training_class=self.training_class,
            legend=LEGEND,
            download_url=reverse(
                "training_classes:sign_in_sheet_xlsx", args=[self.training_class.pk]
            ),
            **kwargs,
        )

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        check = sign_in_sheet_check(
            training_class=self.training_class,
            content=upload.read(),
            filename=upload.name,
        )
        key = SESSION_KEY % self.training_class.pk
        if not check.is_valid:
            self.request.session.pop(key, None)
            return self.render_to_response(
                self.get_context_data(form=form, problems=check.problems)
            )
        self.request.session[key] = [asdict(mark) for mark in check.marks]
        labels = dict(AttendanceStatus.objects.values_list("code", "label"))
        counts: dict[str, int] = {}
        for mark in check.marks:
            counts[mark.status_code] = counts.get(mark.status_code, 0) + 1
        return self.render_to_response(
            self.get_context_data(
                form=form,
                preview=True,
                sessions=check.sessions,
                participant_count=len({m.participant_id for m in check.marks}),
                mark_count=len(check.marks),
                changed=check.changed,
                counts=[(labels.get(code, code), n) for code, n in counts.items()],
                confirm_url=reverse(
                    "training_classes:sign_in_sheet_confirm",
                    args=[self.training_class.pk],
                ),
            )
        )


class SignInSheetConfirmView(ClassPageMixin, View):
    permission = MARK_PERMISSION

    def post(self, request, pk):
        stored = request.session.pop(SESSION_KEY % self.training_class.pk, None)
        marks = [SheetMark(**mark) for mark in stored or []]
        back = reverse("training_classes:sign_in_sheet_import", args=[pk])
        try:
            changed = sign_in_sheet_apply(
                training_class=self.training_class, marks=marks, by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect(back)
        messages.success(
            request,
            gettext("The sign-in sheet was imported: %(count)s marks changed.")
            % {"count": changed},
        )
        return redirect("training_classes:edit", pk)
