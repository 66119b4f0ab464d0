"""Wagtail model listings whose rows change only through the app's services."""

from typing import Any

from django.urls import URLPattern, path
from wagtail.admin.viewsets.model import ModelViewSet


class ListingOnlyViewSet(ModelViewSet):
    """An index (and its results) with no add, edit, delete, history or usage
    view: enrolments, registrations, certificates and personal-data records
    change through their services, never by a form on the row. An app adds the
    actions it offers with `get_action_urlpatterns`."""

    def get_common_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_action_urlpatterns(self) -> list[URLPattern]:
        return []

    def get_urlpatterns(self) -> list[Any]:
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            *self.get_action_urlpatterns(),
        ]
