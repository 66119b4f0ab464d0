"""Pages of the public site: home, standard pages, news, the legal documents page."""

from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from lms.slugs import AsciiSlugPageMixin
from lms.text import fold_for_index

from ..blocks import ContentStreamBlock


def folded_page_text(page, *texts) -> str:
    """Title and texts without diacritics, indexed beside the originals so that a
    query typed without them ("binh dang gioi") finds the page."""
    return fold_for_index(" ".join([page.title, *(strip_tags(t or "") for t in texts)]))


class HomePage(AsciiSlugPageMixin, Page):
    """The site's root page: a short introduction to the programme."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "highlights",
            label=_("Highlighted resources"),
            help_text=_("Left empty, the newest public resources are shown."),
            max_num=6,
        ),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Find a page below in one query by its URL path, not one query per level.

        Wagtail's default walks the tree level by level (a lesson is five levels
        down). Our page types keep the default `route`, so an exact `url_path`
        match is the page the walk would reach; anything else (a path that is not
        a page, or a sub-route of a page) falls back to the walk.
        """
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            page = Page.objects.filter(url_path=url_path).first()
            if page is not None:
                return page.specific.route(request, [])
        return super().route(request, path_components)


class HomePageHighlight(Orderable):
    """A school resource chosen for the home page."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="highlights")
    resource = models.ForeignKey(
        "content_pages.ResourcePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("resource"),
    )

    panels = [FieldPanel("resource")]


class StandardPage(AsciiSlugPageMixin, Page):
    """About the Committee, guidance, contacts: a page of text and media."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("search_folded"),
    ]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    def search_folded(self) -> str:
        return folded_page_text(self, self.intro, str(self.body))


# Wagtail is untyped, so the django-stubs plugin cannot tell NewsPage's default
# manager (Page's) and so the type of the reverse `news` manager.
class NewsTopic(models.Model):  # type: ignore[django-manager-missing]
    """A topic news items are listed by (a snippet)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("news topic")
        verbose_name_plural = _("news topics")
        ordering = ["name"]

    def __str__(self):
        return self.name


class NewsIndexPage(AsciiSlugPageMixin, Page):
    """News and events, listed newest first, by year and by topic."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["content_pages.NewsPage"]

    class Meta:
        verbose_name = _("news index")


class NewsPage(AsciiSlugPageMixin, Page):
    """A news item or an event (International Women's Day, the Action Month...)."""

    date = models.DateField(_("date"), default=timezone.localdate)
    event_start = models.DateField(_("event starts"), null=True, blank=True)
    event_end = models.DateField(_("event ends"), null=True, blank=True)
    topic = models.ForeignKey(
        NewsTopic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news",
        verbose_name=_("topic"),
    )
    summary = models.TextField(_("summary"), max_length=400, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image"),
    )
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date"), FieldPanel("topic")]),
                FieldRowPanel([FieldPanel("event_start"), FieldPanel("event_end")]),
            ],
            heading=_("Date and topic"),
        ),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("search_folded"),
        index.FilterField("date"),
    ]
    parent_page_types = ["content_pages.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-date"]

    def search_folded(self) -> str:
        return folded_page_text(self, self.summary, str(self.body))


class LegalDocumentIndexPage(AsciiSlugPageMixin, Page):
    """The legal documents section: every LegalDocument, with filters."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("legal documents page")
