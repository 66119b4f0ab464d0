"""The admin's list of current login lockouts, and lifting one (Settings menu).

Shown to whoever holds axes.view_accessattempt (the administrator role,
people.roles); lifting needs axes.delete_accessattempt.
"""

from axes.models import AccessAttempt
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton

from .lockout import login_attempts_current
from .services import login_failures_clear

LIFT_KINDS = ("account", "address")


class LoginLockoutIndexView(IndexView):
    default_ordering = "-attempt_time"
    page_title = _("Login lockouts")

    def get_base_queryset(self):
        return login_attempts_current()

    def get_list_more_buttons(self, instance):
        if not self.user_has_permission("delete"):
            return []
        buttons = [
            ListingButton(
                _("Unlock the account"),
                url=reverse("login_lockouts:lift", args=("account", instance.pk)),
                icon_name="lock-open",
                priority=10,
            )
        ]
        if instance.ip_address:
            buttons.append(
                ListingButton(
                    _("Unlock the address"),
                    url=reverse("login_lockouts:lift", args=("address", instance.pk)),
                    icon_name="lock-open",
                    priority=20,
                )
            )
        return buttons


class LoginLockoutLiftView(
    PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """Asks, then forgets every failure recorded against the row's account, or
    from its address (people.services.login_failures_clear)."""

    model = AccessAttempt
    permission_policy = None
    permission_required = "delete"
    template_name = "people/admin/lockout_lift.html"
    header_icon = "lock-open"
    index_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["kind"] not in LIFT_KINDS:
            raise Http404
        self.kind = kwargs["kind"]
        self.attempt = get_object_or_404(AccessAttempt, pk=kwargs["pk"])
        if self.kind == "address" and not self.attempt.ip_address:
            raise Http404

    def get_page_title(self):
        if self.kind == "account":
            return gettext("Unlock the account")
        return gettext("Unlock the address")

    def get_page_subtitle(self):
        return self.target

    @property
    def target(self) -> str:
        if self.kind == "account":
            return self.attempt.username or ""
        return self.attempt.ip_address or ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["kind"] = self.kind
        context["target"] = self.target
        context["index_url"] = reverse(self.index_url_name)
        return context

    def post(self, request, *args, **kwargs):
        if self.kind == "account":
            login_failures_clear(username=self.attempt.username or "")
            message = gettext("The account “%(target)s” can log in again.")
        else:
            login_failures_clear(address=self.attempt.ip_address or "")
            message = gettext("Logins from the address %(target)s are allowed again.")
        messages.success(request, message % {"target": self.target})
        return redirect(self.index_url_name)


class LoginLockoutViewSet(ModelViewSet):
    model = AccessAttempt
    name = "login_lockouts"
    icon = "lock"
    menu_label = _("Login lockouts")
    add_to_settings_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = LoginLockoutIndexView
    form_fields = ["username"]
    list_display = [
        "username",
        Column("ip_address", label=_("Client address"), sort_key="ip_address"),
        Column("account_failures", label=_("Failures of the account")),
        Column("address_failures", label=_("Failures from the address")),
        BooleanColumn("is_locked", label=_("Locked out")),
        DateColumn(
            "attempt_time", label=_("Last failed login"), sort_key="attempt_time"
        ),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "lift/<str:kind>/<int:pk>/",
                self.construct_view(
                    LoginLockoutLiftView,
                    permission_policy=self.permission_policy,
                    index_url_name=self.get_url_name("index"),
                ),
                name="lift",
            ),
        ]
