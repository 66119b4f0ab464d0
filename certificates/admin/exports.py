"""Admin downloads: all certificates of a class as one ZIP, and the register of
certificates issued in a period as Excel.

Scoped by people.access: a class the user may not open is "not found", and
only the certificates the user may see go into the ZIP or the register (a
class's trainers, the managers of the holders' units, administrators). Both
hold personal data: each download is logged to lms.audit.
"""

import datetime as dt
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import AdminDateInput

from lms.permissions import PermissionMenuItem, PermissionRequiredMixin
from lms.text import ascii_slug
from people.access import units_offered_to, visible_to
from people.models import AdminUnit, User
from people.personal_data_log import personal_data_export_log
from training.models import TrainingClass

from ..exports import certificate_register_xlsx, certificates_zip
from ..models import IssuingBody
from ..selectors.exports import (
    certificate_register,
    certificates_of_class,
    classes_with_certificates,
)

VIEW_PERMISSION = "certificates.view_certificate"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class RegisterForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=AdminDateInput)
    end = forms.DateField(label=_("To"), widget=AdminDateInput)
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=AdminUnit.objects.none(),
        required=False,
        empty_label=_("All the units I see"),
        help_text=_("The holders of this unit and of the units below it."),
    )
    issuing_body = forms.ModelChoiceField(
        label=_("Issuing body"),
        queryset=IssuingBody.objects.order_by("name"),
        required=False,
        empty_label=_("All"),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = cast(forms.ModelChoiceField, self.fields["unit"])
        unit_field.queryset = units_offered_to(user=user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data


def default_period() -> tuple[dt.date, dt.date]:
    """This year so far, as a register is kept by year."""
    today = timezone.localdate()
    return dt.date(today.year, 1, 1), today


class ExportsMixin(PermissionRequiredMixin):
    permission = VIEW_PERMISSION


class ExportsIndexView(ExportsMixin, WagtailAdminTemplateMixin, TemplateView):
    """The classes with certificates (a ZIP each) and the register's form."""

    template_name = "certificates/admin/exports.html"
    page_title = _("Certificate downloads")
    header_icon = "download"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = cast(User, self.request.user)
        start, end = default_period()
        return super().get_context_data(
            classes=classes_with_certificates(user=user),
            form=RegisterForm(user=user, initial={"start": start, "end": end}),
            register_url=reverse("certificate_exports:register"),
            **kwargs,
        )


class ClassZipView(ExportsMixin, View):
    """Every certificate in force of one class the user may open, as one ZIP."""

    def get(self, request: Any, pk: int) -> HttpResponseBase:
        user = cast(User, request.user)
        training_class = get_object_or_404(
            visible_to(user, TrainingClass.objects.all()), pk=pk
        )
        certificates = list(
            certificates_of_class(user=user, training_class=training_class)
        )
        if not certificates:
            messages.warning(
                request, gettext("This class has no certificates to download.")
            )
            return redirect("certificate_exports:index")
        personal_data_export_log(
            request,
            what="class certificates",
            rows=len(certificates),
            file_format="zip",
        )
        name = ascii_slug(training_class.code) or str(training_class.pk)
        return FileResponse(
            certificates_zip(certificates),
            as_attachment=True,
            filename=f"giay-chung-nhan-{name}.zip",
            content_type="application/zip",
        )


class RegisterXlsxView(ExportsMixin, WagtailAdminTemplateMixin, TemplateView):
    """The register of a period as Excel; a bad period shows the form again."""

    template_name = "certificates/admin/exports.html"
    page_title = _("Certificate downloads")
    header_icon = "download"

    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        user = cast(User, request.user)
        form = RegisterForm(request.GET, user=user)
        if not form.is_valid():
            return self.render_to_response(
                self.get_context_data(
                    classes=classes_with_certificates(user=user),
                    form=form,
                    register_url=reverse("certificate_exports:register"),
                )
            )
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        unit = form.cleaned_data["unit"]
        rows = list(
            certificate_register(
                user=user,
                start=start,
                end=end,
                unit=unit,
                issuing_body=form.cleaned_data["issuing_body"],
            )
        )
        title = gettext("Register of certificates issued from %(start)s to %(end)s") % {
            "start": f"{start:%d/%m/%Y}",
            "end": f"{end:%d/%m/%Y}",
        }
        if unit is not None:
            title = f"{title} – {unit}"
        personal_data_export_log(
            request, what="certificate register", rows=len(rows), file_format="xlsx"
        )
        response = HttpResponse(
            certificate_register_xlsx(rows, title=title), content_type=XLSX_TYPE
        )
        filename = f"so-cap-giay-chung-nhan-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class ExportsMenuItem(PermissionMenuItem):
    permission = VIEW_PERMISSION


# The "Certificates" menu group (its `submenu_hook`) lists what registers here.
CERTIFICATES_MENU_HOOK = "register_certificates_menu_item"


class CertificateExportsViewSet(ViewSet):
    """In the "Certificates" menu group, through its submenu hook."""

    name = "certificate_exports"
    url_prefix = "certificates/downloads"
    icon = "download"
    menu_label = pgettext_lazy("certificates menu", "Downloads")
    menu_item_class = ExportsMenuItem
    menu_hook = CERTIFICATES_MENU_HOOK

    def get_urlpatterns(self) -> list[Any]:
        return [
            path("", ExportsIndexView.as_view(), name="index"),
            path("class/<int:pk>/zip/", ClassZipView.as_view(), name="class_zip"),
            path("register/", RegisterXlsxView.as_view(), name="register"),
        ]


@hooks.register("register_admin_viewset")
def register_certificate_exports() -> ViewSet:
    """certificates/wagtail_hooks.py imports this module, so Wagtail finds the hook."""
    return CertificateExportsViewSet()
