"""Admin: import questions from a file (upload → preview → confirm), export, template.

Question files are small, so they are read while the trainer waits: on upload
(to show the preview or every error) and again on confirmation (to save). In
between, the file waits outside MEDIA_ROOT under a token kept in the
uploader's session, so nobody else can confirm or read it.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import HeaderButton

from lms.sanitise import plain_text
from lms.text import fold_vietnamese

from ..formats import ParseResult, xlsx
from ..models import Question, QuestionCategory
from ..services.importing import (
    DEFAULT_CATEGORY,
    EXPORT_FILE_TYPES,
    EXPORT_FORMATS,
    IMPORT_FORMATS,
    ImportReport,
    draft_category_path,
    export_questions,
    file_too_large_error,
    import_questions,
    parse_file,
    pending_upload_discard,
    pending_upload_read,
    pending_upload_save,
    questions_for_export,
)

IMPORT_PERMISSION = "assessments.import_questions"
SESSION_KEY = "assessments_question_imports"
TEMPLATE_FILENAME = "mau-cau-hoi.xlsx"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXCERPT_WORDS = 15


# --- Forms ---------------------------------------------------------------------------


class QuestionImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.gift,.xml,.xlsx"}),
    )
    format = forms.ChoiceField(label=_("Format"), choices=list(IMPORT_FORMATS.items()))
    category = forms.CharField(
        label=_("Category"),
        required=False,
        max_length=500,
        help_text=_(
            "Optional, e.g. “Luật Bình đẳng giới/Khái niệm”. Questions without a "
            "category go into it; the file's own categories are made under it."
        ),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        too_large = file_too_large_error(file.size)
        if too_large:
            raise ValidationError(too_large.message)
        return file


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.path_name


class QuestionExportForm(forms.Form):
    category = CategoryChoiceField(
        label=_("Category"),
        queryset=QuestionCategory.objects.order_by("path"),
        required=False,
        empty_label=_("All categories"),
        help_text=_("The questions of this category and of the categories below it."),
    )
    format = forms.ChoiceField(label=_("Format"), choices=list(EXPORT_FORMATS.items()))


# --- Views ---------------------------------------------------------------------------


class ImportPermissionMixin:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(IMPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImportViewMixin(ImportPermissionMixin, WagtailAdminTemplateMixin):
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("question_import:index"),
                "label": gettext("Import questions"),
            },
            {"url": "", "label": self.get_page_title()},
        ]


def pending_imports(request) -> dict:
    return request.session.get(SESSION_KEY, {})


def preview_rows(result: ParseResult, default_category_path: str) -> list[dict]:
    labels = dict(Question.Type.choices)
    return [
        {
            "type": labels.get(draft.question_type, draft.question_type),
            "name": draft.name,
            "category": draft_category_path(draft, default_category_path)
            or DEFAULT_CATEGORY,
            "excerpt": Truncator(plain_text(draft.text)).words(EXCERPT_WORDS),
            "line": draft.line,
        }
        for draft in result.drafts
    ]


class QuestionImportView(ImportViewMixin, FormView):
    template_name = "assessments/admin/import_upload.html"
    form_class = QuestionImportForm
    page_title = _("Import questions")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_header_buttons(self):
        return [
            HeaderButton(
                gettext("Export questions"),
                url=reverse("question_import:export"),
                icon_name="download",
            ),
            HeaderButton(
                gettext("Download the Excel template"),
                url=reverse("question_import:template"),
                icon_name="download",
            ),
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            template_url=reverse("question_import:template"), **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data["file"].read()
        format = form.cleaned_data["format"]
        category = form.cleaned_data["category"].strip()
        result = parse_file(data, format)
        if result.errors:
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    errors=result.errors,
                    is_spreadsheet=format == "xlsx",
                    file_name=form.cleaned_data["file"].name,
                )
            )
        token = pending_upload_save(data=data)
        pending = pending_imports(self.request)
        pending[token] = {
            "format": format,
            "category": category,
            "name": form.cleaned_data["file"].name,
        }
        self.request.session[SESSION_KEY] = pending
        return redirect("question_import:preview", token=token)


class PendingImportMixin:
    """The upload this session made under the token; 404 for anyone else's."""

    @cached_property
    def pending(self) -> dict:
        pending = pending_imports(self.request).get(self.kwargs["token"])
        if pending is None:
            raise Http404
        return pending

    def read_pending(self) -> ParseResult | None:
        format = self.pending["format"]
        data = pending_upload_read(token=self.kwargs["token"])
        if data is None:
            return None
        return parse_file(data, format)

    def forget_pending(self) -> None:
        pending_upload_discard(token=self.kwargs["token"])
        pending = pending_imports(self.request)
        pending.pop(self.kwargs["token"], None)
        self.request.session[SESSION_KEY] = pending


FILE_GONE = _("The uploaded file is no longer available; please upload it again.")


class QuestionImportPreviewView(PendingImportMixin, ImportViewMixin, TemplateView):
    template_name = "assessments/admin/import_preview.html"
    page_title = _("Check the questions")

    def get(self, request, *args, **kwargs):
        self.result = self.read_pending()
        if self.result is None:
            self.forget_pending()
            messages.error(request, FILE_GONE)
            return redirect("question_import:index")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            file_name=self.pending["name"],
            category=self.pending["category"],
            format_label=IMPORT_FORMATS[self.pending["format"]],
            is_spreadsheet=self.pending["format"] == "xlsx",
            rows=preview_rows(self.result, self.pending["category"]),
            errors=self.result.errors,
            confirm_url=reverse(
                "question_import:confirm", kwargs={"token": self.kwargs["token"]}
            ),
            upload_url=reverse("question_import:index"),
            **kwargs,
        )


def report_message(report: ImportReport) -> str:
    types = ", ".join(f"{label}: {count}" for label, count in report.type_counts())
    categories = ", ".join(
        f"{path} ({count})" for path, count in report.category_counts()
    )
    return gettext(
        "%(count)s questions were imported (%(types)s), into %(categories)s."
    ) % {"count": report.created, "types": types, "categories": categories}


class QuestionImportConfirmView(PendingImportMixin, ImportPermissionMixin, View):
    def post(self, request, token):
        result = self.read_pending()
        if result is None:
            self.forget_pending()
            messages.error(request, FILE_GONE)
            return redirect("question_import:index")
        try:
            report = import_questions(
                result,
                default_category_path=self.pending["category"],
                user=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("question_import:preview", token=token)
        self.forget_pending()
        messages.success(request, report_message(report))
        return redirect("question_import:index")


class QuestionExportView(ImportViewMixin, FormView):
    template_name = "assessments/admin/import_export.html"
    form_class = QuestionExportForm
    page_title = _("Export questions")
    header_icon = "download"

    def form_valid(self, form):
        category = form.cleaned_data["category"]
        format = form.cleaned_data["format"]
        if not questions_for_export(category=category).exists():
            form.add_error(None, gettext("There are no questions to export here."))
            return self.form_invalid(form)
        extension, content_type = EXPORT_FILE_TYPES[format]
        name = slugify(fold_vietnamese(category.name)) if category else "ngan-hang"
        response = HttpResponse(
            export_questions(format=format, category=category),
            content_type=content_type,
        )
        response["Content-Disposition"] = (
            f'attachment; filename="cau-hoi-{name or "danh-muc"}.{extension}"'
        )
        return response


class QuestionTemplateView(ImportPermissionMixin, View):
    def get(self, request):
        response = HttpResponse(xlsx.build_template(), content_type=XLSX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_FILENAME}"'
        return response


# --- Viewset -------------------------------------------------------------------------


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(IMPORT_PERMISSION)


class QuestionImportViewSet(ViewSet):
    name = "question_import"
    url_prefix = "assessments/import"
    icon = "upload"
    menu_label = _("Import and export")
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return [
            path("", QuestionImportView.as_view(), name="index"),
            path(
                "preview/<str:token>/",
                QuestionImportPreviewView.as_view(),
                name="preview",
            ),
            path(
                "confirm/<str:token>/",
                QuestionImportConfirmView.as_view(),
                name="confirm",
            ),
            path("export/", QuestionExportView.as_view(), name="export"),
            path("template.xlsx", QuestionTemplateView.as_view(), name="template"),
        ]


VIEWSETS: list = [QuestionImportViewSet]
