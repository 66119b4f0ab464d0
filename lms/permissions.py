"""Admin views and menu items guarded by one Django permission ("app.codename").

Written once here, below every app, so that each app's admin declares only
which permission a view or menu item needs.
"""

from django.core.exceptions import PermissionDenied
from wagtail.admin.menu import MenuItem


class PermissionRequiredMixin:
    """403 unless the user holds `permission`."""

    permission = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PermissionMenuItem(MenuItem):
    """Shown to those who hold `permission`."""

    permission = ""

    def is_shown(self, request):
        return request.user.has_perm(self.permission)
