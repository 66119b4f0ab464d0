"""The school gender-education library: resources with facets, files, downloads, bookmarks."""

from collections.abc import Callable
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from lms.slugs import AsciiSlugPageMixin
from people.roles import Role

from .pages import folded_page_text


class FacetValue(models.Model):
    """A value of one of the library's facets; the list is data, edited in the admin."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=150)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class SchoolLevel(FacetValue):
    class Meta(FacetValue.Meta):
        verbose_name = _("school level")
        verbose_name_plural = _("school levels")


class ResourceTopic(FacetValue):
    class Meta(FacetValue.Meta):
        verbose_name = _("resource topic")
        verbose_name_plural = _("resource topics")


class ResourceFormat(FacetValue):
    class Meta(FacetValue.Meta):
        verbose_name = _("resource format")
        verbose_name_plural = _("resource formats")


class Audience(FacetValue):
    class Meta(FacetValue.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")


class ResourceLibraryPage(AsciiSlugPageMixin, RoutablePageMixin, Page):
    """The library's listing: facets with counts, search, sort, pagination.

    Each combination of filters has one clean address below the page,
    `loc/cap-<level>/chu-de-<topic>/dang-<format>/doi-tuong-<audience>/`
    (see content_pages.views.library); "loc/" keeps these apart from the
    resources' own slugs. The listing view, `view(request, page, *, segments)`,
    is given to the class at start-up (ContentPagesConfig.ready), so the model
    never imports the views that import it.
    """

    listing_view: ClassVar[Callable[..., HttpResponse] | None] = None

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["content_pages.ResourcePage"]

    class Meta:
        verbose_name = _("resource library")

    @path("")
    def listing(self, request):
        return self._listing(request, segments="")

    @re_path(r"^loc/(?P<segments>.*)$")
    def filtered_listing(self, request, segments):
        return self._listing(request, segments=segments)

    def _listing(self, request, *, segments: str) -> HttpResponse:
        view = type(self).listing_view
        if view is None:
            raise ImproperlyConfigured("ResourceLibraryPage has no listing_view")
        return view(request, self, segments=segments)


class ResourcePage(AsciiSlugPageMixin, Page):
    """One teaching resource: files or a video, described by its facets and its access."""

    class Access(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        LOGGED_IN = "logged_in", _("Signed-in users")
        TEACHERS = "teachers", _("Teachers only")

    class Language(models.TextChoices):
        VIETNAMESE = "vi", _("Vietnamese")
        ENGLISH = "en", _("English")
        ETHNIC = "ethnic", _("An ethnic minority language")

    summary = models.TextField(_("summary"), max_length=600)
    description = RichTextField(
        _("description"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    school_levels = ParentalManyToManyField(
        SchoolLevel,
        blank=True,
        related_name="resources",
        verbose_name=_("school levels"),
    )
    topics = ParentalManyToManyField(
        ResourceTopic, blank=True, related_name="resources", verbose_name=_("topics")
    )
    formats = ParentalManyToManyField(
        ResourceFormat, blank=True, related_name="resources", verbose_name=_("formats")
    )
    audiences = ParentalManyToManyField(
        Audience, blank=True, related_name="resources", verbose_name=_("audiences")
    )
    subject = models.CharField(
        _("subject"),
        max_length=255,
        blank=True,
        help_text=_("E.g. grade 11 economics and law: the lesson on gender equality."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=Language.choices,
        default=Language.VIETNAMESE,
    )
    licence = models.CharField(
        _("licence"), max_length=255, blank=True, default="CC BY 4.0"
    )
    access = models.CharField(
        _("who may download"),
        max_length=20,
        choices=Access.choices,
        default=Access.PUBLIC,
    )
    video_url = models.URLField(_("video (link)"), blank=True)
    thumbnail = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("image"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("school_levels"),
                FieldPanel("topics"),
                FieldPanel("formats"),
                FieldPanel("audiences"),
                FieldPanel("subject"),
                FieldRowPanel([FieldPanel("language"), FieldPanel("licence")]),
            ],
            heading=_("Description for the library's filters"),
        ),
        FieldPanel("access"),
        InlinePanel("files", label=_("Files"), min_num=0),
        FieldPanel("video_url"),
        FieldPanel("thumbnail"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("subject"),
        index.SearchField("search_folded"),
        index.FilterField("access"),
    ]
    parent_page_types = ["content_pages.ResourceLibraryPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("school resource")
        verbose_name_plural = _("school resources")

    def search_folded(self) -> str:
        return folded_page_text(self, self.summary, self.description, self.subject)

    def get_context(self, request, *args, **kwargs):
        from ..selectors import resource_page_context  # the selectors read these models

        context = super().get_context(request, *args, **kwargs)
        context.update(resource_page_context(resource=self, user=request.user))
        context.update(
            login_url=resolve_url(settings.LOGIN_URL)
            + "?"
            + urlencode({"next": self.get_url(request=request)}),
            library_url=self.get_parent().get_url(request=request),
        )
        return context


class ResourceFile(Orderable):
    """A file of a resource: a Wagtail document, served through the library's download view."""

    resource = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("file"),
    )
    title = models.CharField(_("title"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("resource file")
        verbose_name_plural = _("resource files")

    def __str__(self):
        """The download log names the file by the title people see."""
        return self.title or self.document.title


class ResourceDownload(models.Model):
    """One download, for the statistics: what, when, and by whom (role and unit) if known."""

    resource = models.ForeignKey(
        ResourcePage,
        on_delete=models.CASCADE,
        related_name="downloads",
        verbose_name=_("resource"),
    )
    file = models.ForeignKey(
        ResourceFile,
        on_delete=models.SET_NULL,
        null=True,
        related_name="downloads",
        verbose_name=_("file"),
    )
    downloaded_at = models.DateTimeField(
        _("downloaded at"), auto_now_add=True, db_index=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    # The name of the downloader's role group (people.roles.Role), shown by its label.
    role = models.CharField(_("role"), max_length=50, blank=True, choices=Role.choices)
    unit = models.ForeignKey(
        "people.AdminUnit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )

    class Meta:
        verbose_name = _("resource download")
        verbose_name_plural = _("resource downloads")
        indexes = [models.Index(fields=["resource", "downloaded_at"])]

    def __str__(self):
        when = timezone.localtime(self.downloaded_at)
        return f"{self.resource} · {when:%d/%m/%Y %H:%M}"


class ResourceBookmark(models.Model):
    """A resource a teacher keeps in "My resources"."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="resource_bookmarks",
    )
    resource = models.ForeignKey(
        ResourcePage, on_delete=models.CASCADE, related_name="bookmarks"
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        verbose_name = _("bookmark")
        verbose_name_plural = _("bookmarks")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "resource"], name="unique_bookmark")
        ]

    def __str__(self):
        return f"{self.user_id} · {self.resource_id}"
