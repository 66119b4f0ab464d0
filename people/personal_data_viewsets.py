"""Admin of personal data, for administrators only: the erasure requests (read,
then carried out or refused) and the log of exports (read-only)."""

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from lms.admin_viewsets import ListingOnlyViewSet

from .access import sees_everything
from .models import ErasureRequest, PersonalDataExport, User
from .personal_data_services import (
    REASON_MAX_LENGTH,
    erasure_request_carry_out,
    erasure_request_refuse,
)


class AdministratorsOnlyPolicy(ModelPermissionPolicy):
    """Personal data records are seen by administrators (people.access
    `sees_everything`, and the view permission their role holds) and by nobody
    else, whatever permissions another group is given; they are never added,
    edited or deleted by hand."""

    def _may_view(self, user) -> bool:
        # The person's permissions are read for every admin page anyway: asking
        # them first spares everyone but administrators a query for their roles
        # (each admin page asks this for the menu); the role has the last word.
        meta = self.model._meta
        return user.has_perm(f"{meta.app_label}.view_{meta.model_name}") and (
            sees_everything(user)
        )

    def user_has_permission(self, user, action):
        return action == "view" and self._may_view(user)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self._may_view(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()


def _when(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


class AdministratorsOnlyViewSet(ListingOnlyViewSet):
    """An index (and its results) and nothing else."""

    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    search_backend_name = None


class ExportLogIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("exported_by")


class PersonalDataExportViewSet(AdministratorsOnlyViewSet):
    model = PersonalDataExport
    name = "personal_data_exports"
    url_prefix = "people/personal-data-exports"
    icon = "download"
    menu_label = _("Export log")
    index_view_class = ExportLogIndexView
    search_fields = ["view_name", "query"]
    list_filter = ["exported_at"]
    list_per_page = 100
    ordering = ["-exported_at", "-pk"]
    list_display = [
        Column(
            "exported_at",
            label=_("Exported at"),
            accessor=lambda e: _when(e.exported_at),
        ),
        Column("exported_by", label=_("Exported by"), accessor="exported_by"),
        Column("view_name", label=_("Export")),
        Column("query", label=_("Filters")),
        Column("file_format", label=_("Format")),
        Column("row_count", label=_("Rows")),
    ]


class ErasureRequestIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("person", "decided_by")


class ErasureRequestViewSet(AdministratorsOnlyViewSet):
    model = ErasureRequest
    name = "erasure_requests"
    url_prefix = "people/erasure-requests"
    icon = "warning"
    menu_label = _("Erasure requests")
    index_view_class = ErasureRequestIndexView
    list_filter = ["status"]
    list_per_page = 50
    ordering = ["-requested_at", "-pk"]
    list_display = [
        TitleColumn(
            "person",
            label=_("Person"),
            accessor="person",
            get_url=lambda request: reverse(
                "erasure_requests:answer", args=[request.pk]
            ),
        ),
        Column(
            "requested_at",
            label=_("Requested at"),
            accessor=lambda r: _when(r.requested_at),
        ),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column(
            "decided_at", label=_("Answered at"), accessor=lambda r: _when(r.decided_at)
        ),
    ]

    def get_urlpatterns(self) -> list[Any]:
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/", ErasureAnswerView.as_view(), name="answer"),
        ]


class ErasureAnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("carry_out", _("Carry out the erasure")),
            ("refuse", _("Refuse")),
        ],
        widget=forms.RadioSelect,
    )
    refusal_reason = forms.CharField(
        label=_("Reason for refusing"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX_LENGTH,
        required=False,
    )


class ErasureAnswerView(WagtailAdminTemplateMixin, FormView):
    """One request: the person, the reason, and the administrator's answer."""

    template_name = "people/admin/erasure_answer.html"
    form_class = ErasureAnswerForm
    header_icon = "warning"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not sees_everything(cast(User, request.user)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def erasure_request(self) -> ErasureRequest:
        return get_object_or_404(
            ErasureRequest.objects.select_related("person", "decided_by"),
            pk=self.kwargs["pk"],
        )

    def get_page_title(self) -> str:
        return gettext("Erasure request")

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("erasure_requests:index"),
                "label": gettext("Erasure requests"),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            item=self.erasure_request,
            is_pending=self.erasure_request.status == ErasureRequest.Status.PENDING,
            back_url=reverse("erasure_requests:index"),
            **kwargs,
        )

    def form_valid(self, form: forms.Form) -> HttpResponse:
        item = self.erasure_request
        by = cast(User, self.request.user)
        try:
            if form.cleaned_data["decision"] == "carry_out":
                erasure_request_carry_out(erasure_request=item, by=by)
                text = gettext("The person's data has been erased.")
            else:
                erasure_request_refuse(
                    erasure_request=item,
                    by=by,
                    reason=form.cleaned_data["refusal_reason"],
                )
                text = gettext("The request has been refused.")
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, text)
        return redirect("erasure_requests:index")


for _model in (ErasureRequest, PersonalDataExport):
    register_permission_policy(_model, AdministratorsOnlyPolicy(_model))


class PersonalDataViewSetGroup(ViewSetGroup):
    menu_label = _("Personal data")
    menu_icon = "lock"
    menu_order = 320
    items = (ErasureRequestViewSet, PersonalDataExportViewSet)
