"""Admin of the school resource library: the facet values as snippets, a read-only
list of downloads, and the check that keeps restricted files off Wagtail's
document URL. Imported by wagtail_hooks.py, which Wagtail loads."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    Audience,
    ResourceDownload,
    ResourceFormat,
    ResourceTopic,
    SchoolLevel,
)
from .selectors import DownloadAccess, document_access


class FacetValueViewSet(SnippetViewSet):
    list_display = ["name", "code", "sort_order"]
    ordering = ["sort_order", "name"]
    search_fields = ["name", "code"]


class SchoolLevelViewSet(FacetValueViewSet):
    model = SchoolLevel
    icon = "group"


class ResourceTopicViewSet(FacetValueViewSet):
    model = ResourceTopic
    icon = "tag"


class ResourceFormatViewSet(FacetValueViewSet):
    model = ResourceFormat
    icon = "doc-full"


class AudienceViewSet(FacetValueViewSet):
    model = Audience
    icon = "user"


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Records of what happened are looked at, never added or edited by hand."""

    read_only_actions = {"view"}

    def user_has_permission(self, user, action):
        return action in self.read_only_actions and super().user_has_permission(
            user, action
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class ViewPermissionChecked(PermissionCheckedMixin):
    """Wagtail's chooser views ask only for admin access; these ask the model's
    registered permission policy for "view", as its listing does."""

    permission_required = "view"

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(self.model_class)


class ChooseDownloadView(ViewPermissionChecked, snippet_chooser.ChooseView):
    pass


class ChooseDownloadResultsView(
    ViewPermissionChecked, snippet_chooser.ChooseResultsView
):
    pass


class ChosenDownloadView(ViewPermissionChecked, snippet_chooser.SnippetChosenView):
    pass


class ChosenDownloadsView(
    ViewPermissionChecked, snippet_chooser.SnippetChosenMultipleView
):
    pass


class CreateDownloadView(ViewPermissionChecked, snippet_chooser.SnippetCreateView):
    pass


class ResourceDownloadChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    """Nothing chooses a download today, but the chooser's URLs exist for every
    snippet: they must not list the log to someone its listing refuses."""

    choose_view_class = ChooseDownloadView
    choose_results_view_class = ChooseDownloadResultsView
    chosen_view_class = ChosenDownloadView
    chosen_multiple_view_class = ChosenDownloadsView
    create_view_class = CreateDownloadView


class ResourceDownloadViewSet(SnippetViewSet):
    model = ResourceDownload
    icon = "download"
    chooser_viewset_class = ResourceDownloadChooserViewSet
    menu_label = _("Downloads")
    list_display = ["resource", "downloaded_at", "role", "unit"]
    list_filter = ["role", "downloaded_at"]
    ordering = ["-downloaded_at"]
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_queryset(self, request):
        return ResourceDownload.objects.select_related("resource", "unit")


class LibraryViewSetGroup(SnippetViewSetGroup):
    items = (
        SchoolLevelViewSet,
        ResourceTopicViewSet,
        ResourceFormatViewSet,
        AudienceViewSet,
        ResourceDownloadViewSet,
    )
    menu_icon = "folder-open-inverse"
    menu_label = _("Resource library")
    menu_name = "resource-library"
    menu_order = 260


register_permission_policy(ResourceDownload, ReadOnlyPermissionPolicy(ResourceDownload))
register_snippet(LibraryViewSetGroup)


@hooks.register("before_serve_document")
def refuse_restricted_library_document(document, request):
    """Wagtail's own document URL obeys the library's access rule too, so a
    teachers-only file cannot be fetched by guessing /documents/<id>/<name>."""
    access = document_access(user=request.user, document=document)
    if access == DownloadAccess.SIGN_IN:
        return redirect_to_login(request.get_full_path())
    if access != DownloadAccess.ALLOWED:
        raise PermissionDenied
    return None
