"""Admin pages of the register import: the template, upload and check
(every problem, or a preview), and confirm (mounted by stats.admin.population)."""

from dataclasses import asdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from training.forms_admin import SpreadsheetUploadForm

from .parsing import COLUMNS, population_import_allowed
from .services import ImportRow, population_import_apply, population_import_check
from .template import population_import_template

SESSION_KEY = "stats_population_import"
TEMPLATE_FILENAME = "mau-nhap-so-doi-tuong.xlsx"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportPermissionMixin:
    """403 unless the person may add and change register rows."""

    def dispatch(self, request, *args, **kwargs):
        if not population_import_allowed(user=request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PopulationImportView(ImportPermissionMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "stats/population/import.html"
    form_class = SpreadsheetUploadForm
    page_title = _("Import target populations")
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("stats_population:index"),
                "label": gettext("Target populations"),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            columns=COLUMNS,
            template_url=reverse("stats_population:import_template"),
            **kwargs,
        )

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        check = population_import_check(
            content=upload.read(), filename=upload.name, by=self.request.user
        )
        if not check.is_valid:
            self.request.session.pop(SESSION_KEY, None)
            return self.render_to_response(
                self.get_context_data(form=form, problems=check.problems)
            )
        self.request.session[SESSION_KEY] = [asdict(row) for row in check.rows]
        return self.render_to_response(
            self.get_context_data(
                form=form,
                check=check,
                rows=check.rows,
                confirm_url=reverse("stats_population:import_confirm"),
            )
        )


class PopulationImportConfirmView(ImportPermissionMixin, View):
    def post(self, request):
        stored = request.session.pop(SESSION_KEY, None)
        rows = [ImportRow(**row) for row in stored or []]
        try:
            saved = population_import_apply(rows=rows, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("stats_population:import")
        messages.success(
            request,
            gettext("%(created)s rows were added and %(updated)s updated.")
            % {"created": saved.created, "updated": saved.updated},
        )
        return redirect("stats_population:index")


class PopulationImportTemplateView(ImportPermissionMixin, View):
    def get(self, request):
        response = HttpResponse(
            population_import_template(user=request.user),
            content_type=XLSX_CONTENT_TYPE,
        )
        response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILENAME}"'
        return response
