"""The "Certificates" admin: issuing bodies, templates (with their PDF preview) and rules.

Set up by administrators (certificates/roles.py). A template's edit page has a
"Preview PDF" button inside its form: it posts the form as it stands, saved or
not, and the PDF is drawn with sample data in a new tab; a template saved
earlier also has a preview link in its header.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from .forms_admin import CertificateRuleForm, CertificateTemplateForm, IssuingBodyForm
from .models import CertificateRule, CertificateTemplate, IssuingBody
from .rendering import preview_pdf

PREVIEW_FILENAME = "xem-truoc-giay-chung-nhan.pdf"


def pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


class PreviewButtonPanel(HelpPanel):
    """A submit button inside the template's form that posts it to the preview."""

    class BoundPanel(HelpPanel.BoundPanel):
        def render_html(self, parent_context=None):
            instance = self.instance
            url = (
                reverse("certificate_templates:preview", args=[instance.pk])
                if instance is not None and instance.pk
                else reverse("certificate_templates:preview_new")
            )
            return format_html(
                '<p class="help">{}</p><button type="submit" class="button '
                'button-secondary" formaction="{}" formtarget="_blank" '
                "formnovalidate data-certificate-preview>{}</button>",
                gettext(
                    "Draws the certificate as the form stands (saved or not), "
                    "with sample data."
                ),
                url,
                gettext("Preview PDF"),
            )


TEMPLATE_PANELS = ObjectList(
    [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name"), FieldPanel("issuing_body")]),
                FieldPanel("orientation"),
            ],
            heading=_("Template"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("subtitle"),
                FieldPanel("certifier_line"),
                FieldPanel("body"),
            ],
            heading=_("Text"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signer_authority"),
                FieldPanel("signer_name"),
                FieldRowPanel(
                    [
                        FieldPanel("signature_image"),
                        FieldPanel("seal_image"),
                        FieldPanel("background_image"),
                    ]
                ),
            ],
            heading=_("Signature"),
        ),
        PreviewButtonPanel(heading=_("Preview")),
    ],
    base_form_class=CertificateTemplateForm,
)


class TemplatePreviewView(View):
    """The template's PDF with sample data: GET the saved template, POST the form
    as it stands (create or edit page), without saving anything."""

    viewset: "CertificateTemplateViewSet | None" = None

    def dispatch(self, request, *args, **kwargs):
        action = "change" if kwargs.get("pk") else "add"
        if not request.user.has_perm(f"certificates.{action}_certificatetemplate"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, pk: int) -> CertificateTemplate:
        return get_object_or_404(
            CertificateTemplate.objects.select_related("issuing_body"), pk=pk
        )

    def get(self, request, pk=None):
        if pk is None:
            raise Http404
        return self.render(self.get_object(pk))

    def post(self, request, pk=None):
        if self.viewset is None:  # set by as_view
            raise Http404
        form_class = self.viewset.get_form_class(for_update=pk is not None)
        form = form_class(
            request.POST,
            request.FILES,
            instance=self.get_object(pk) if pk is not None else None,
            for_user=request.user,
        )
        if not form.is_valid():
            return self.errors(form.errors.as_data())
        return self.render(form.save(commit=False))

    def render(self, template: CertificateTemplate) -> HttpResponse:
        try:
            data = preview_pdf(template)
        except ValidationError as error:
            return self.errors({"body": [error]})
        return pdf_response(data, PREVIEW_FILENAME)

    def errors(self, errors) -> HttpResponse:
        html = render_to_string(
            "certificates/admin/preview_errors.html",
            {"errors": errors},
            request=self.request,
        )
        return HttpResponse(html, status=400)


class CertificateTemplateEditView(generic.EditView):
    def get_header_buttons(self):
        return [
            *super().get_header_buttons(),
            HeaderButton(
                gettext("Preview PDF"),
                url=reverse("certificate_templates:preview", args=[self.object.pk]),
                icon_name="doc-full",
                attrs={"target": "_blank"},
            ),
        ]


class IssuingBodyViewSet(ModelViewSet):
    model = IssuingBody
    name = "certificate_issuing_bodies"
    url_prefix = "certificates/issuing-bodies"
    icon = "group"
    menu_label = _("Issuing bodies")
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["name", "code"]
    search_backend_name = None
    list_display = ["name", "code", "parent_name", "unit", "number_pattern"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("code")]),
            FieldPanel("parent_name"),
            FieldRowPanel([FieldPanel("number_pattern"), FieldPanel("place_of_issue")]),
            FieldPanel("unit"),
        ],
        base_form_class=IssuingBodyForm,
    )


class CertificateTemplateViewSet(ModelViewSet):
    model = CertificateTemplate
    name = "certificate_templates"
    url_prefix = "certificates/templates"
    icon = "doc-full"
    menu_label = _("Templates")
    edit_view_class = CertificateTemplateEditView
    copy_view_enabled = True
    inspect_view_enabled = False
    search_fields = ["name", "title"]
    search_backend_name = None
    list_display = [
        "name",
        "issuing_body",
        "title",
        Column("orientation", label=_("Page"), accessor="get_orientation_display"),
    ]
    edit_handler = TEMPLATE_PANELS

    def get_urlpatterns(self):
        view = TemplatePreviewView.as_view(viewset=self)
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/preview.pdf", view, name="preview"),
            path("preview.pdf", view, name="preview_new"),
        ]


def _rule_subject(rule: CertificateRule) -> str:
    if rule.course_id:
        return gettext("Course: %(title)s") % {"title": rule.course}
    return gettext("Class: %(title)s") % {"title": rule.training_class}


class CertificateRuleIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("course", "training_class", "template")
        )


class CertificateRuleViewSet(ModelViewSet):
    model = CertificateRule
    index_view_class = CertificateRuleIndexView
    name = "certificate_rules"
    url_prefix = "certificates/rules"
    icon = "tick-inverse"
    menu_label = _("Rules")
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        Column("subject", label=_("Course or class"), accessor=_rule_subject),
        "template",
        Column("condition", label=_("Earned when"), accessor="get_condition_display"),
        "validity_months",
        BooleanColumn("is_active", label=_("Issue automatically")),
    ]
    list_filter = ["condition", "is_active", "template"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("course"), FieldPanel("training_class")],
                heading=_("For a course or a class"),
            ),
            FieldPanel("template"),
            MultiFieldPanel(
                [
                    FieldPanel("condition"),
                    FieldRowPanel([FieldPanel("quiz"), FieldPanel("min_score")]),
                    FieldPanel("grade_bands"),
                ],
                heading=_("Earned when"),
            ),
            FieldRowPanel([FieldPanel("validity_months"), FieldPanel("is_active")]),
        ],
        base_form_class=CertificateRuleForm,
    )


class CertificatesViewSetGroup(ViewSetGroup):
    """The "Certificates" menu ("Giấy chứng nhận")."""

    menu_label = _("Certificates")
    menu_icon = "doc-full"
    menu_order = 270
    items = (CertificateTemplateViewSet, CertificateRuleViewSet, IssuingBodyViewSet)
    # The certificates list and the downloads (certificates/admin/) join the
    # menu through this hook: their viewsets set it as their menu_hook.
    submenu_hook = "register_certificates_menu_item"
