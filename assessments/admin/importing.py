"""Admin: import questions from a file (upload → preview → confirm), export, template.

Checking a file is quick, so it is read while the trainer waits: on upload (to
show the preview or every error) and on each page of the preview. In between,
the file waits outside MEDIA_ROOT under a token kept in the uploader's session,
so nobody else can confirm or read it. On confirmation a small file is saved
at once; a large one is handed to a Celery job whose progress page the
trainer follows (services.importing.question_import_start).
"""

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
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

from lms.permissions import PermissionRequiredMixin
from lms.sanitise import plain_text
from lms.text import fold_vietnamese
from lms.uploads import validate_question_import_upload
from people.models import User

from ..formats import ParseResult, xlsx
from ..models import Question, QuestionCategory, QuestionImport
from ..selectors import question_imports_visible_to
from ..services.importing import (
    DEFAULT_CATEGORY,
    EXPORT_FILE_TYPES,
    EXPORT_FORMATS,
    IMPORT_FORMATS,
    IMPORT_PERMISSION,
    ImportReport,
    draft_category_path,
    export_questions,
    file_too_large_error,
    import_questions,
    imports_in_background,
    parse_file,
    pending_upload_discard,
    pending_upload_read,
    pending_upload_save,
    question_import_progress,
    question_import_start,
    questions_for_export,
)

PREVIEW_PER_PAGE = 50
ERRORS_PER_PAGE = 200
SESSION_KEY = "assessments_question_imports"
TEMPLATE_FILENAME = "mau-cau-hoi.xlsx"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXCERPT_WORDS = 15


# --- Forms ---------------------------------------------------------------------------


class QuestionImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.gift,.xml,.xlsx"}),
        validators=[validate_question_import_upload],
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


class ImportPermissionMixin(PermissionRequiredMixin):
    permission = IMPORT_PERMISSION


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


def preview_rows(drafts, default_category_path: str) -> list[dict]:
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
        for draft in drafts
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
        result = parse_file(data, format, default_category_path=category)
        if result.errors:
            errors = Paginator(result.errors, ERRORS_PER_PAGE).get_page(1)
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    errors=errors.object_list,
                    error_count=len(result.errors),
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

    # Set by the View this mixin is used with.
    request: HttpRequest
    kwargs: dict[str, Any]

    @cached_property
    def pending(self) -> dict:
        pending = pending_imports(self.request).get(self.kwargs["token"])
        if pending is None:
            raise Http404
        return pending

    def read_pending(self, data: bytes | None = None) -> ParseResult | None:
        data = self.pending_data() if data is None else data
        if data is None:
            return None
        return parse_file(
            data,
            self.pending["format"],
            default_category_path=self.pending["category"],
        )

    def pending_data(self) -> bytes | None:
        self.pending  # noqa: B018 (404 for an upload this session did not make)
        return pending_upload_read(token=self.kwargs["token"])

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
        """One page of questions (or of errors), with the counts of the whole file."""
        result = self.result
        number = self.request.GET.get("p")
        report = None
        if result.errors:
            page = Paginator(result.errors, ERRORS_PER_PAGE).get_page(number)
            rows = []
        else:
            page = Paginator(result.drafts, PREVIEW_PER_PAGE).get_page(number)
            rows = preview_rows(page.object_list, self.pending["category"])
            report = import_questions(
                result, default_category_path=self.pending["category"], dry_run=True
            )
        return super().get_context_data(
            file_name=self.pending["name"],
            category=self.pending["category"],
            format_label=IMPORT_FORMATS[self.pending["format"]],
            is_spreadsheet=self.pending["format"] == "xlsx",
            rows=rows,
            page=page,
            report=report,
            in_background=imports_in_background(result),
            errors=page.object_list if result.errors else [],
            error_count=len(result.errors),
            errors_page=page,
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
        data = self.pending_data()
        result = None if data is None else self.read_pending(data)
        if data is None or result is None:
            self.forget_pending()
            messages.error(request, FILE_GONE)
            return redirect("question_import:index")
        if imports_in_background(result) and not result.errors:
            job = question_import_start(
                uploaded_by=request.user,
                data=data,
                name=self.pending["name"],
                format=self.pending["format"],
                category_path=self.pending["category"],
                question_count=len(result.drafts),
            )
            self.forget_pending()
            return redirect("question_import:job", pk=job.pk)
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


class VisibleJobMixin:
    """Only the uploader (or a superuser) reaches a job; anyone else gets 404."""

    # Set by the View this mixin is used with.
    request: HttpRequest
    kwargs: dict[str, Any]

    @cached_property
    def job(self) -> QuestionImport:
        # Wagtail's admin serves signed-in users only; the stubs allow an anonymous one.
        user = cast(User, self.request.user)
        return get_object_or_404(
            question_imports_visible_to(user=user), pk=self.kwargs["pk"]
        )


class QuestionImportJobView(VisibleJobMixin, ImportViewMixin, TemplateView):
    template_name = "assessments/admin/import_job.html"

    def get_page_title(self):
        return self.job.original_name

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            job=self.job,
            Status=QuestionImport.Status,
            progress=question_import_progress(question_import=self.job),
            progress_url=reverse("question_import:job_progress", args=[self.job.pk]),
            upload_url=reverse("question_import:index"),
            bank_url=reverse("question_bank:index"),
            **kwargs,
        )


class QuestionImportProgressView(VisibleJobMixin, ImportPermissionMixin, View):
    def get(self, request, pk):
        return JsonResponse(question_import_progress(question_import=self.job))


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
            path("jobs/<int:pk>/", QuestionImportJobView.as_view(), name="job"),
            path(
                "jobs/<int:pk>/progress/",
                QuestionImportProgressView.as_view(),
                name="job_progress",
            ),
            path("export/", QuestionExportView.as_view(), name="export"),
            path("template.xlsx", QuestionTemplateView.as_view(), name="template"),
        ]


VIEWSETS: list = [QuestionImportViewSet]
