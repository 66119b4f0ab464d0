"""Admin pages of the participant import: upload and check, preview, confirm."""

from dataclasses import asdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView

from training.admin.sheets import ClassAdminPageMixin, ClassPageMixin
from training.forms_admin import SpreadsheetUploadForm

from .parsing import COLUMNS, IMPORT_PERMISSIONS, participant_import_allowed
from .services import ImportRow, participant_import_apply, participant_import_check
from .template import participant_import_template

SESSION_KEY = "training_participant_import_%s"
TEMPLATE_FILENAME = "mau-nhap-hoc-vien-lop.xlsx"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportPermissionMixin:
    permission = IMPORT_PERMISSIONS[0]

    def dispatch(self, request, *args, **kwargs):
        if not participant_import_allowed(user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ParticipantImportView(ImportPermissionMixin, ClassAdminPageMixin, FormView):
    template_name = "training/admin/participant_import.html"
    form_class = SpreadsheetUploadForm
    page_title = _("Import participants")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            training_class=self.training_class,
            columns=COLUMNS,
            template_url=reverse("training_classes:participant_import_template"),
            **kwargs,
        )

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        check = participant_import_check(
            training_class=self.training_class,
            content=upload.read(),
            filename=upload.name,
            by=self.request.user,
        )
        key = SESSION_KEY % self.training_class.pk
        if not check.is_valid:
            self.request.session.pop(key, None)
            return self.render_to_response(
                self.get_context_data(form=form, problems=check.problems)
            )
        self.request.session[key] = [asdict(row) for row in check.rows]
        return self.render_to_response(
            self.get_context_data(
                form=form,
                rows=check.rows,
                confirm_url=reverse(
                    "training_classes:participant_import_confirm",
                    args=[self.training_class.pk],
                ),
            )
        )


class ParticipantImportConfirmView(ImportPermissionMixin, ClassPageMixin, View):
    def post(self, request, pk):
        stored = request.session.pop(SESSION_KEY % self.training_class.pk, None)
        rows = [ImportRow(**row) for row in stored or []]
        try:
            result = participant_import_apply(
                training_class=self.training_class, rows=rows, by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("training_classes:participant_import", pk)
        except PermissionDenied as error:
            messages.error(request, str(error))
            return redirect("training_classes:participant_import", pk)
        messages.success(
            request,
            gettext(
                "%(confirmed)s participants were registered, %(waiting)s put on "
                "the waiting list."
            )
            % {"confirmed": len(result.confirmed), "waiting": len(result.waiting)},
        )
        return redirect(
            reverse("training_participants:index")
            + "?"
            + urlencode({"training_class": pk})
        )


class ParticipantImportTemplateView(ImportPermissionMixin, View):
    def get(self, request):
        response = HttpResponse(
            participant_import_template(), content_type=XLSX_CONTENT_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILENAME}"'
        return response
