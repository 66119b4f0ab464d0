"""Admin pages for importing accounts: upload, progress, preview, confirm, history."""

from typing import TYPE_CHECKING, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton

from lms.uploads import validate_account_import_upload

from .access import sees_everything
from .account_import import (
    COLUMNS,
    IMPORT_PERMISSION,
    account_import_confirm,
    account_import_progress,
    account_import_start,
    account_import_template,
    account_imports_visible_to,
    import_error_message,
)
from .models import AccountImport, User

ERRORS_PER_PAGE = 200
IMPORTS_PER_PAGE = 50
TEMPLATE_FILENAME = "mau-nhap-tai-khoan.xlsx"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AccountImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("The filled-in template, as Excel (.xlsx) or CSV UTF-8."),
        validators=[validate_account_import_upload],
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )


class ImportPermissionRequiredMixin:
    """Every import page answers 403 to anyone without the import permission.

    Wagtail turns a raised PermissionDenied into a redirect to the dashboard, so
    the refusal is rendered here.
    """

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(IMPORT_PERMISSION):
            return TemplateResponse(
                request,
                "people/account_import/denied.html",
                {
                    "page_title": gettext("Import accounts"),
                    "header_title": gettext("Import accounts"),
                    "header_icon": "upload",
                },
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)


class AccountImportMixin(ImportPermissionRequiredMixin, WagtailAdminTemplateMixin):
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("people_account_imports:index"),
                "label": gettext("Import accounts"),
            },
            {"url": "", "label": self.get_page_title()},
        ]


if TYPE_CHECKING:
    # The mixin is put before a Django View, whose request and URL kwargs it reads.
    _ViewBase = View
else:
    _ViewBase = object


class VisibleImportMixin(_ViewBase):
    """A unit manager reaches only their own imports; others' answer 404."""

    @cached_property
    def object(self) -> AccountImport:
        # The Wagtail admin lets only signed-in people in.
        user = cast(User, self.request.user)
        return get_object_or_404(
            account_imports_visible_to(user=user), pk=self.kwargs["pk"]
        )


class AccountImportIndexView(AccountImportMixin, TemplateView):
    template_name = "people/account_import/index.html"
    page_title = _("Import accounts")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_header_buttons(self):
        return [
            HeaderButton(
                gettext("Upload a file"),
                url=reverse("people_account_imports:upload"),
                icon_name="upload",
            ),
            HeaderButton(
                gettext("Download the template"),
                url=reverse("people_account_imports:template"),
                icon_name="download",
            ),
        ]

    def get_context_data(self, **kwargs):
        imports = account_imports_visible_to(user=self.request.user)
        page = Paginator(imports, IMPORTS_PER_PAGE).get_page(self.request.GET.get("p"))
        return super().get_context_data(
            page=page,
            imports=page.object_list,
            show_uploader=sees_everything(self.request.user),
            **kwargs,
        )


class AccountImportUploadView(AccountImportMixin, FormView):
    template_name = "people/account_import/upload.html"
    page_title = _("Upload accounts")
    form_class = AccountImportForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            columns=COLUMNS,
            template_url=reverse("people_account_imports:template"),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            account_import = account_import_start(
                uploaded_by=self.request.user, file=form.cleaned_data["file"]
            )
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        return redirect("people_account_imports:detail", pk=account_import.pk)


class AccountImportTemplateView(ImportPermissionRequiredMixin, View):
    def get(self, request):
        response = HttpResponse(
            account_import_template(user=request.user),
            content_type=XLSX_CONTENT_TYPE,
        )
        response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILENAME}"'
        return response


class AccountImportDetailView(VisibleImportMixin, AccountImportMixin, TemplateView):
    template_name = "people/account_import/detail.html"

    def get_page_title(self):
        return self.object.original_name

    def get_context_data(self, **kwargs):
        account_import = self.object
        errors = Paginator(account_import.row_errors, ERRORS_PER_PAGE).get_page(
            self.request.GET.get("p")
        )
        preview = account_import.preview or {}
        sexes = dict(User.Sex.choices)
        preview_rows = [
            {**row, "sex": sexes.get(row.get("sex"), "")}
            for row in preview.get("rows", [])
        ]
        return super().get_context_data(
            account_import=account_import,
            progress=account_import_progress(account_import=account_import),
            progress_url=reverse(
                "people_account_imports:progress", args=[account_import.pk]
            ),
            confirm_url=reverse(
                "people_account_imports:confirm", args=[account_import.pk]
            ),
            upload_url=reverse("people_account_imports:upload"),
            index_url=reverse("people_account_imports:index"),
            errors_page=errors,
            errors=[
                {**error, "message": import_error_message(error)}
                for error in errors.object_list
            ],
            preview=preview,
            preview_rows=preview_rows,
            Status=AccountImport.Status,
            **kwargs,
        )


class AccountImportProgressView(
    VisibleImportMixin, ImportPermissionRequiredMixin, View
):
    def get(self, request, pk):
        return JsonResponse(account_import_progress(account_import=self.object))


class AccountImportConfirmView(VisibleImportMixin, ImportPermissionRequiredMixin, View):
    def post(self, request, pk):
        try:
            account_import_confirm(
                account_import=self.object, confirmed_by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("people_account_imports:detail", pk=pk)


index = AccountImportIndexView.as_view()
upload = AccountImportUploadView.as_view()
template = AccountImportTemplateView.as_view()
detail = AccountImportDetailView.as_view()
progress = AccountImportProgressView.as_view()
confirm = AccountImportConfirmView.as_view()
