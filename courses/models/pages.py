"""The page tree trainers publish: CourseIndexPage > CoursePage > ModulePage > LessonPage.

What a page shows and who may see it is worked out in courses.views (from
selectors and services); the page methods below only hand over to it, through
the view each page class is given at start-up (CoursesConfig.connect_page_views),
so the models never import the views that import them.
"""

from collections.abc import Callable
from http import HTTPMethod
from typing import ClassVar

from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import LessonStreamBlock
from courses.trainer_chooser import CoursePageForm, TrainersWidget
from lms.slugs import AsciiSlugPageMixin
from lms.text import fold_for_index

# Learners' pages are read with GET; every write goes to a view in courses.urls.
READ_ONLY_METHODS = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS]


class ServedByView:
    """A page served by a view function, `view(request, page)`, that the app
    gives the page class in its ready() (`serve_view`)."""

    serve_view: ClassVar[Callable[[HttpRequest, Page], HttpResponse] | None] = None

    def serve(self, request, *args, **kwargs):
        view = type(self).serve_view
        if view is None:
            raise ImproperlyConfigured(f"{type(self).__name__} has no serve_view")
        return view(request, self)


class CourseIndexPage(AsciiSlugPageMixin, Page):
    """The catalogue of courses."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["courses.CoursePage"]
    max_count = 1
    allowed_http_methods = READ_ONLY_METHODS

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        # Selectors and forms read these models: imported when a page is shown.
        from courses import selectors
        from courses.forms import CatalogueFilterForm
        from lms.versions import content_version

        context = super().get_context(request, *args, **kwargs)
        # The listing is published content: cached under the content version
        # (a preview reads it fresh). The learner's statuses are read fresh.
        version = (
            None if getattr(request, "is_preview", False) else content_version(request)
        )
        course_ids = selectors.listed_course_ids(index=self, version=version)
        form = CatalogueFilterForm(
            request.GET or None,
            facets=selectors.catalogue_facets(course_ids=course_ids, version=version),
        )
        filters = form.filters()
        courses_page, cards = selectors.catalogue_page(
            course_ids=course_ids,
            filters=filters,
            page_number=request.GET.get("page"),
            learner=request.user,
            version=version,
        )
        context.update(
            filter_form=form,
            filters=filters,
            courses_page=courses_page,
            cards=cards,
            content_version=version,
        )
        return context


class CourseTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.CoursePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class CoursePage(AsciiSlugPageMixin, Page):
    """A course: what is taught, to whom, and how people may enrol."""

    class Level(models.TextChoices):
        BASIC = "basic", _("Basic")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    class EnrolmentMode(models.TextChoices):
        OPEN = "open", _("Open: anyone logged in enrols at once")
        APPROVAL = "approval", _("On approval by a trainer or unit manager")
        ASSIGNED = "assigned", _("Assigned only")

    code = models.CharField(_("code"), max_length=30, help_text=_("e.g. K1-2026"))
    summary = models.TextField(_("summary"), max_length=600)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
    )
    topics = ClusterTaggableManager(
        through=CourseTag, blank=True, verbose_name=_("topics")
    )
    target_groups = ParentalManyToManyField(
        "people.TargetGroup",
        blank=True,
        related_name="courses",
        verbose_name=_("target groups"),
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.BASIC
    )
    estimated_hours = models.DecimalField(
        _("estimated hours"),
        max_digits=5,
        decimal_places=1,
        default=1,
        validators=[MinValueValidator(0), MaxValueValidator(500)],
    )
    organising_organisation = models.ForeignKey(
        "people.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organised by"),
    )
    trainers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="courses_trained",
        verbose_name=_("trainers"),
    )
    learning_outcomes = RichTextField(
        _("learning outcomes"), blank=True, features=["bold", "italic", "ol", "ul"]
    )
    prerequisites = ParentalManyToManyField(
        "self", blank=True, symmetrical=False, verbose_name=_("prerequisite courses")
    )
    enrolment_mode = models.CharField(
        _("enrolment mode"),
        max_length=20,
        choices=EnrolmentMode.choices,
        default=EnrolmentMode.OPEN,
    )
    is_outline_public = models.BooleanField(
        _("outline visible before login"), default=True
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel(
            [FieldPanel("code"), FieldPanel("level"), FieldPanel("estimated_hours")]
        ),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(
            [
                FieldPanel("topics"),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("prerequisites"),
            ],
            heading=_("Audience"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organising_organisation"),
                FieldPanel("trainers", widget=TrainersWidget),
                FieldPanel("enrolment_mode"),
                FieldPanel("is_outline_public"),
            ],
            heading=_("Organisation and enrolment"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("code"),
        index.SearchField("learning_outcomes"),
        index.FilterField("level"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.SearchField("search_folded"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]
    # Trainers only in the "Trainers" field (courses.trainer_chooser).
    base_form_class = CoursePageForm
    allowed_http_methods = READ_ONLY_METHODS

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def get_context(self, request, *args, **kwargs):
        from courses import selectors, services  # they read these models
        from lms.versions import content_version

        context = super().get_context(request, *args, **kwargs)
        user = request.user
        is_preview = getattr(request, "is_preview", False)
        # A preview shows the draft: nothing from the published content's cache.
        version = None if is_preview else content_version(request)
        catalogue = selectors.parent_page(page=self, version=version)
        context.update(
            # The reviewer approves the course with its drafts: the preview shows them.
            review_outline=(
                selectors.course_review_outline(course=self)
                if is_preview and self.pk
                else None
            ),
            detail=selectors.course_detail(
                course=self,
                learner=user,
                course_url=self.get_url(request),
                with_outline=selectors.outline_visible_to(course=self, user=user),
                version=version,
            ),
            catalogue_url=catalogue.get_url(request) if catalogue else None,
            assigned_only_message=services.ASSIGNED_ONLY,
            not_open_message=services.COURSE_HAS_NO_LESSONS,
        )
        return context

    def search_folded(self) -> str:
        """The course's text without diacritics, so "binh dang gioi" finds it."""
        return fold_for_index(
            " ".join(
                [
                    self.title,
                    self.code,
                    self.summary,
                    strip_tags(self.learning_outcomes or ""),
                ]
            )
        )


class ReviewedWithCourse:
    """Modules and lessons have no review of their own: they are reviewed with
    their course, and approving the course publishes them
    (courses.services.course_publish_whole). Inheriting the catalogue's
    workflow would have a trainer submit, and a reviewer approve, every page
    one by one, and a course could go live before any of its lessons."""

    def get_workflow(self):
        return None

    @property
    def has_workflow(self) -> bool:
        return False


class ModulePage(ServedByView, ReviewedWithCourse, AsciiSlugPageMixin, Page):
    """A part of a course: a group of lessons."""

    summary = models.TextField(_("summary"), blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("search_folded"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]
    allowed_http_methods = READ_ONLY_METHODS

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def serve_preview(self, request, mode_name):
        return self.serve(request)

    def search_folded(self) -> str:
        """Title and summary without diacritics: both are in the public outline."""
        return fold_for_index(f"{self.title} {self.summary}")


class LessonPage(ServedByView, ReviewedWithCourse, AsciiSlugPageMixin, Page):
    """One lesson; it may place a quiz, which the learner must pass to complete it."""

    body = StreamField(LessonStreamBlock(), verbose_name=_("body"), blank=True)
    estimated_minutes = models.PositiveIntegerField(
        _("estimated minutes"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    is_required = models.BooleanField(_("required for completion"), default=True)
    quiz = models.ForeignKey(
        "assessments.Quiz",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("quiz"),
        help_text=_("Learners complete this lesson by passing the quiz."),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("is_required")]),
        FieldPanel("body"),
        FieldPanel("quiz"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("body"),
        index.SearchField("search_folded"),
    ]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []
    allowed_http_methods = READ_ONLY_METHODS

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def get_context(
        self, request, *args, enrolment=None, done_lesson_ids=None, **kwargs
    ):
        """The outline beside the lesson, where it sits, and what completing it takes.

        Without an enrolment (an editor's preview) the page shows the same
        outline, read fresh, and no completion form, and nothing is recorded.
        """
        from courses import selectors, services  # they read these models
        from lms.versions import content_version

        context = super().get_context(request, *args, **kwargs)
        course = enrolment.course if enrolment else selectors.course_of_page(self)
        context.update(
            required_minutes=max(1, round(services.lesson_required_seconds(self) / 60)),
            heartbeat_interval=services.HEARTBEAT_INTERVAL_SECONDS,
            heartbeat_max=services.HEARTBEAT_MAX_SECONDS,
        )
        context.update(
            selectors.lesson_outline_context(
                lesson=self,
                course=course,
                course_url=(course.get_url(request) or "") if course else "",
                enrolment=enrolment,
                done_lesson_ids=done_lesson_ids,
                version=content_version(request) if enrolment else None,
            )
        )
        return context

    def search_folded(self) -> str:
        """The title alone, without diacritics: the site search lists lessons as
        part of a public course outline, and the body is for enrolled learners."""
        return fold_for_index(self.title)
