"""Admin of the public site: news topics and legal documents as snippets; the
cached header and footer are dropped whenever what they show may have changed."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import library_admin  # noqa: F401
from .models import LegalDocument, NewsTopic
from .views.pages import site_chrome_clear


class NewsTopicViewSet(SnippetViewSet):
    model = NewsTopic
    icon = "tag"
    menu_label = _("News topics")
    add_to_admin_menu = False
    list_display = ["name", "slug"]


class LegalDocumentViewSet(SnippetViewSet):
    model = LegalDocument
    icon = "doc-full"
    menu_label = _("Legal documents")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["number", "title", "kind", "issued_on", "status"]
    list_filter = ["kind", "status"]
    search_fields = ["number", "title"]
    # Plain `icontains` over the two fields: the full-text backend restricted to
    # fields failed on SQLite for any query ("no such column: number"), and a
    # number such as "48/2009/NĐ-CP" is best found as typed.
    search_backend_name = None


register_snippet(NewsTopicViewSet)
register_snippet(LegalDocumentViewSet)


def _clear_site_chrome(*args, **kwargs):
    site_chrome_clear()


for hook_name in (
    "after_edit_setting",
    "after_publish_page",
    "after_unpublish_page",
    "after_move_page",
    "after_delete_page",
):
    hooks.register(hook_name, _clear_site_chrome)
