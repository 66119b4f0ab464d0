"""The admin list of certificates issued, with revoke, re-issue and manual issue.

The list and every lookup go through people.access (visible_to): a trainer sees
the certificates of their classes and courses, a unit manager those of the
holders in their units, administrators all. Revoking, re-issuing and issuing
happen in certificates.services.issuing; the views translate requests.
"""

from typing import Any, cast

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import URLPattern, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton, ListingButton

from lms.admin_viewsets import ListingOnlyViewSet
from lms.permissions import PermissionRequiredMixin
from people.access import users_visible_to
from people.models import User

from ..models import Certificate, CertificateRule, IssuingBody
from ..services.issuing import (
    CHANGE_PERMISSION,
    ISSUE_PERMISSION,
    certificate_in_force,
    certificate_issue,
    certificate_reissue,
    certificate_revoke,
    certificates_managed_by,
)

# The "Certificates" menu group lists what registers on this hook (admin/exports.py).
CERTIFICATES_MENU_HOOK = "register_certificates_menu_item"


def _user(request: HttpRequest) -> User:
    """The admin's user: Wagtail lets only signed-in accounts reach these views."""
    return cast(User, request.user)


def _day(value: Any) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


class CertificateFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Certificate.Status.choices
    )
    issuing_body = django_filters.ModelChoiceFilter(
        label=_("Issuing body"), queryset=IssuingBody.objects.all()
    )
    year = django_filters.NumberFilter(label=_("Register year"))

    class Meta:
        model = Certificate
        fields = ["status", "issuing_body", "year"]


class CertificateIndexView(generic.IndexView):
    def get_base_queryset(self) -> QuerySet[Certificate]:
        return certificates_managed_by(user=_user(self.request)).select_related(
            "issuing_body", "replaced_by"
        )

    def get_list_more_buttons(self, instance: Certificate) -> list[ListingButton]:
        if not self.request.user.has_perm(CHANGE_PERMISSION):
            return []
        buttons = []
        if instance.status == Certificate.Status.VALID:
            buttons.append(
                ListingButton(
                    _("Revoke"),
                    url=reverse(
                        "certificates_issued:action", args=[instance.pk, "revoke"]
                    ),
                    icon_name="cross",
                    priority=10,
                )
            )
        if instance.status != Certificate.Status.REPLACED:
            buttons.append(
                ListingButton(
                    _("Re-issue"),
                    url=reverse(
                        "certificates_issued:action", args=[instance.pk, "reissue"]
                    ),
                    icon_name="repeat",
                    priority=20,
                )
            )
        return buttons

    @cached_property
    def header_buttons(self) -> list[HeaderButton]:
        if not self.request.user.has_perm(ISSUE_PERMISSION):
            return []
        return [
            HeaderButton(
                _("Issue a certificate"),
                url=reverse("certificates_issued:issue"),
                icon_name="plus",
            )
        ]


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revoking"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CertificateActionView(
    PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView
):
    """Confirm, then revoke (with a reason) or re-issue one certificate."""

    permission = CHANGE_PERMISSION
    template_name = "certificates/admin/certificate_action.html"
    header_icon = "doc-full"
    ACTIONS = {"revoke": _("Revoke the certificate"), "reissue": _("Re-issue")}

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if kwargs["action"] not in self.ACTIONS:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def certificate(self) -> Certificate:
        return get_object_or_404(
            certificates_managed_by(user=_user(self.request)), pk=self.kwargs["pk"]
        )

    def get_form_class(self) -> type[forms.Form]:
        return RevokeForm if self.kwargs["action"] == "revoke" else forms.Form

    def get_page_title(self) -> str:
        return str(self.ACTIONS[self.kwargs["action"]])

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("certificates_issued:index"), "label": gettext("Issued")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            certificate=self.certificate,
            back_url=reverse("certificates_issued:index"),
            **kwargs,
        )

    def form_valid(self, form: forms.Form) -> HttpResponse:
        certificate = self.certificate
        try:
            if self.kwargs["action"] == "revoke":
                certificate_revoke(
                    certificate=certificate,
                    by=_user(self.request),
                    reason=form.cleaned_data["reason"],
                )
                text = gettext("Certificate %(number)s revoked.") % {
                    "number": certificate.number
                }
            else:
                new = certificate_reissue(
                    certificate=certificate, by=_user(self.request)
                )
                text = gettext("Certificate %(old)s re-issued as %(new)s.") % {
                    "old": certificate.number,
                    "new": new.number,
                }
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        except PermissionDenied as error:
            messages.error(self.request, str(error))
        else:
            messages.success(self.request, text)
        return redirect("certificates_issued:index")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name} ({obj.username})"


class IssueForm(forms.Form):
    rule = forms.ModelChoiceField(
        label=_("Course or class"),
        queryset=CertificateRule.objects.none(),
    )
    holder = PersonChoiceField(label=_("Learner"), queryset=User.objects.none())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rule_field = self.fields["rule"]
        holder_field = self.fields["holder"]
        assert isinstance(rule_field, forms.ModelChoiceField)  # noqa: S101
        assert isinstance(holder_field, forms.ModelChoiceField)  # noqa: S101
        rule_field.queryset = CertificateRule.objects.select_related(
            "course", "training_class"
        ).order_by("pk")
        holder_field.queryset = users_visible_to(user=user).order_by("full_name")


class CertificateIssueView(
    PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView
):
    """An administrator issues a certificate whatever the rule's condition
    (e.g. a completion recorded outside the platform)."""

    permission = ISSUE_PERMISSION
    template_name = "certificates/admin/certificate_action.html"
    header_icon = "doc-full"
    form_class = IssueForm
    page_title = _("Issue a certificate")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("certificates_issued:index"), "label": gettext("Issued")},
            {"url": "", "label": str(self.page_title)},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            back_url=reverse("certificates_issued:index"), **kwargs
        )

    def form_valid(self, form: forms.Form) -> HttpResponse:
        rule = form.cleaned_data["rule"]
        holder = form.cleaned_data["holder"]
        existing = certificate_in_force(rule=rule, holder=holder)
        if existing is not None:
            form.add_error(
                None,
                gettext("%(name)s already holds certificate %(number)s.")
                % {"name": holder.full_name, "number": existing.number},
            )
            return self.form_invalid(form)
        try:
            certificate = certificate_issue(
                rule=rule, holder=holder, by=_user(self.request)
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(
                None,
                error.messages if isinstance(error, ValidationError) else str(error),
            )
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("Certificate %(number)s issued to %(name)s.")
            % {"number": certificate.number, "name": certificate.full_name},
        )
        return redirect("certificates_issued:index")


class CertificateViewSet(ListingOnlyViewSet):
    """Certificates issued; changed only through revoke, re-issue and issue."""

    model = Certificate
    name = "certificates_issued"
    url_prefix = "certificates/issued"
    icon = "doc-full"
    menu_label = _("Issued")
    menu_hook = CERTIFICATES_MENU_HOOK
    index_view_class = CertificateIndexView
    filterset_class = CertificateFilterSet
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["full_name", "number", "subject_title"]
    search_backend_name = None
    list_per_page = 100
    ordering = ["-issued_on", "-pk"]
    list_display = [
        Column("number", label=_("Number"), sort_key="sequence"),
        Column("full_name", label=_("Full name"), sort_key="full_name"),
        Column("subject_title", label=_("Course or class")),
        Column(
            "issued_on",
            label=_("Date of issue"),
            accessor=lambda c: _day(c.issued_on),
            sort_key="issued_on",
        ),
        Column("status", label=_("Status"), accessor="get_status_display"),
    ]

    def get_action_urlpatterns(self) -> list[URLPattern]:
        return [
            path("issue/", CertificateIssueView.as_view(), name="issue"),
            path(
                "<int:pk>/<slug:action>/",
                CertificateActionView.as_view(),
                name="action",
            ),
        ]


@hooks.register("register_admin_viewset")
def register_certificate_list() -> ModelViewSet:
    """certificates/wagtail_hooks.py imports this module, so Wagtail finds the hook."""
    return CertificateViewSet()
