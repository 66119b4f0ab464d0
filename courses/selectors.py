"""Reads for the learner's pages: catalogue, course outline, lesson, dashboard.

Each read costs a fixed number of queries whatever the size of a course
(tests/courses/test_queries.py holds them to it). What only published content
decides (a course's outline, its trainers, topics and prerequisites, the
catalogue's listing) is kept in the shared cache under the content version
(lms.versions), passed in as `version`; None reads it fresh (previews). What is
personal (enrolments, progress) is never cached: it is read for the request,
the learner's enrolment with its progress in one query.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import router
from django.db.models import (
    Aggregate,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
)
from django.db.models.functions import Length, Substr
from taggit.models import Tag
from wagtail.models import Page

from courses.models import (
    CourseIndexPage,
    CoursePage,
    CourseTag,
    Enrolment,
    LessonPage,
    LessonProgress,
    ModulePage,
)
from lms.prepared import PreparedRows, instance_from_row
from lms.text import clean_search_query
from lms.versions import cached_by_version
from people.models import TargetGroup, User

if TYPE_CHECKING:
    # Wagtail's search (the modelsearch package) returns these for .search().
    from modelsearch.backends.base import BaseSearchResults

T = TypeVar("T")

LEARNING_STATUSES = (Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED)
# Statuses a course card shows (withdrawn is as good as never enrolled).
VISIBLE_STATUSES = (
    Enrolment.Status.PENDING,
    Enrolment.Status.ACTIVE,
    Enrolment.Status.COMPLETED,
    Enrolment.Status.REJECTED,
)


# --- Outline -------------------------------------------------------------------


@dataclass
class OutlineLesson:
    id: int
    title: str
    url: str
    module_id: int
    is_required: bool
    estimated_minutes: int
    is_done: bool = False


@dataclass
class OutlineModule:
    id: int
    title: str
    lessons: list[OutlineLesson] = field(default_factory=list)

    @property
    def done_count(self) -> int:
        return sum(lesson.is_done for lesson in self.lessons)


@dataclass
class CourseOutline:
    """Live modules and lessons of a course in tree order, with the learner's ticks."""

    modules: list[OutlineModule]

    @cached_property
    def lessons(self) -> list[OutlineLesson]:
        return [lesson for module in self.modules for lesson in module.lessons]

    @cached_property
    def _positions(self) -> dict[int, int]:
        return {lesson.id: i for i, lesson in enumerate(self.lessons)}

    @property
    def lesson_count(self) -> int:
        return len(self.lessons)

    def lesson(self, lesson_id: int) -> OutlineLesson | None:
        position = self._positions.get(lesson_id)
        return None if position is None else self.lessons[position]

    def module_of(self, lesson_id: int) -> OutlineModule | None:
        lesson = self.lesson(lesson_id)
        if lesson is None:
            return None
        return next(m for m in self.modules if m.id == lesson.module_id)

    def neighbours(
        self, lesson_id: int
    ) -> tuple[OutlineLesson | None, OutlineLesson | None]:
        """The lessons before and after this one, across modules."""
        position = self._positions.get(lesson_id)
        if position is None:
            return None, None
        previous = self.lessons[position - 1] if position > 0 else None
        following = (
            self.lessons[position + 1] if position + 1 < len(self.lessons) else None
        )
        return previous, following

    def resume_lesson(self, resume_lesson_id: int | None) -> OutlineLesson | None:
        """Where to go on: the last lesson opened, else the first not done."""
        if resume_lesson_id is not None and resume_lesson_id in self._positions:
            return self.lesson(resume_lesson_id)
        return next(
            (lesson for lesson in self.lessons if not lesson.is_done),
            self.lessons[0] if self.lessons else None,
        )


def _outline_rows(course: CoursePage) -> list[tuple]:
    """(id, title, path, depth, url_path, is_required, minutes) of live modules
    and lessons, in tree order (one query)."""
    module_depth, lesson_depth = course.depth + 1, course.depth + 2
    return list(
        Page.objects.filter(path__startswith=course.path, live=True)
        .filter(
            Q(depth=module_depth, modulepage__isnull=False)
            | Q(depth=lesson_depth, lessonpage__isnull=False)
        )
        .order_by("path")
        .values_list(
            "id",
            "title",
            "path",
            "depth",
            "url_path",
            "lessonpage__is_required",
            "lessonpage__estimated_minutes",
        )
    )


def course_structure(*, course: CoursePage, version: str | None) -> list[tuple]:
    """The outline's rows, from the cache under the content version when given."""
    return cached_by_version(
        f"courses:outline:{course.pk}", version, lambda: _outline_rows(course)
    )


def course_outline(
    *,
    course: CoursePage,
    course_url: str,
    enrolment: Enrolment | None = None,
    done_lesson_ids: set[int] | None = None,
    version: str | None = None,
) -> CourseOutline:
    """Live modules and lessons (cached by version, else one query) with the
    learner's ticks: `done_lesson_ids` when known, else read (one query)."""
    done_ids: set[int] = set(done_lesson_ids or ())
    if done_lesson_ids is None and enrolment is not None:
        done_ids = set(
            LessonProgress.objects.filter(
                enrolment=enrolment, completed_at__isnull=False
            ).values_list("lesson_id", flat=True)
        )
    module_depth = course.depth + 1
    base_url = course_url or ""
    prefix_length = len(course.url_path)
    modules: dict[str, OutlineModule] = {}
    for page_id, title, path, depth, url_path, is_required, minutes in course_structure(
        course=course, version=version
    ):
        if depth == module_depth:
            modules[path] = OutlineModule(id=page_id, title=title)
            continue
        # A live lesson under an unpublished module is not part of the course.
        module = modules.get(path[: -CoursePage.steplen])
        if module is None:
            continue
        module.lessons.append(
            OutlineLesson(
                id=page_id,
                title=title,
                url=base_url + url_path[prefix_length:],
                module_id=module.id,
                is_required=is_required,
                estimated_minutes=minutes,
                is_done=page_id in done_ids,
            )
        )
    return CourseOutline(modules=list(modules.values()))


# --- The learner's enrolment with its progress, in one query -------------------


class CommaSeparatedIds(Aggregate):
    """The aggregated ids as one comma-separated string (SQLite and PostgreSQL)."""

    function = "GROUP_CONCAT"
    output_field = TextField()

    def as_postgresql(
        self, compiler: Any, connection: Any, **extra_context: Any
    ) -> tuple[str, Any]:
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s((%(expressions)s)::text, ',')",
            **extra_context,
        )


def _parse_ids(text: str | None) -> set[int]:
    return {int(part) for part in text.split(",") if part} if text else set()


def with_done_lesson_ids(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """Each enrolment with `done_lesson_ids_text`: its completed lessons' ids."""
    done = (
        LessonProgress.objects.filter(
            enrolment=OuterRef("pk"), completed_at__isnull=False
        )
        .order_by()
        .values("enrolment")
        .annotate(ids=CommaSeparatedIds("lesson_id"))
        .values("ids")
    )
    return enrolments.annotate(done_lesson_ids_text=Subquery(done))


def done_lesson_ids_of(enrolment: Enrolment) -> set[int]:
    """The ids read by with_done_lesson_ids."""
    return _parse_ids(getattr(enrolment, "done_lesson_ids_text", None))


# The lesson's own progress row, read beside the enrolment (LEFT JOIN).
_PROGRESS_FIELDS = (
    "id",
    "first_viewed_at",
    "last_viewed_at",
    "last_heartbeat_at",
    "time_spent_seconds",
    "completed_at",
)


@dataclass
class LessonLearning:
    """A learner's enrolment that opens a lesson, the lesson's progress row (None
    before the first visit) and the course's completed lessons."""

    enrolment: Enrolment
    progress: LessonProgress | None
    done_lesson_ids: set[int]


def _lesson_learning_query(*, learner: int, lesson: int, course_path: str) -> QuerySet:
    return (
        with_done_lesson_ids(
            _learning_enrolments(learner=learner, course_path=course_path)
        )
        .annotate(
            this_lesson=FilteredRelation(
                "lesson_progress", condition=Q(lesson_progress__lesson=lesson)
            ),
            **{
                f"this_lesson_{name}": F(f"this_lesson__{name}")
                for name in _PROGRESS_FIELDS
            },
        )
        .order_by("pk")
        .values_list(
            *_ENROLMENT_COLUMNS,
            "done_lesson_ids_text",
            *(f"this_lesson_{name}" for name in _PROGRESS_FIELDS),
        )[:1]
    )


_ENROLMENT_COLUMNS = [field.attname for field in Enrolment._meta.concrete_fields]

# Read on every lesson page a learner opens: the ORM took longer to build this
# query than to run it, so its SQL is built once (lms.prepared).
_LESSON_LEARNING = PreparedRows(
    Enrolment, _lesson_learning_query, "learner", "lesson", texts=("course_path",)
)


def lesson_learning(
    *, learner: User, lesson: LessonPage, version: str | None = None
) -> LessonLearning | None:
    """learning_enrolment, with the lesson's progress and the ticks (one query).

    The enrolment's course (a page: published content) comes from the cache
    under the content version when given, not from the query.
    """
    if not learner.is_authenticated:
        return None
    rows = _LESSON_LEARNING.rows(
        learner=learner.pk, lesson=lesson.pk, course_path=course_path_of(lesson)
    )
    if not rows:
        return None
    alias = router.db_for_read(Enrolment)
    row = rows[0]
    width = len(_ENROLMENT_COLUMNS)
    enrolment = instance_from_row(Enrolment, alias, _ENROLMENT_COLUMNS, row[:width])
    enrolment.done_lesson_ids_text = row[width]  # as with_done_lesson_ids gives it
    done_lesson_ids = done_lesson_ids_of(enrolment)
    progress_values = dict(zip(_PROGRESS_FIELDS, row[width + 1 :], strict=True))
    course_id = enrolment.course_id
    enrolment.course = cached_by_version(
        f"courses:course:{course_id}",
        version,
        lambda: CoursePage.objects.get(pk=course_id),
    )
    progress = None
    if progress_values["id"] is not None:
        progress = LessonProgress(
            enrolment=enrolment, lesson_id=lesson.pk, **progress_values
        )
        progress._state.adding = False
        progress._state.db = alias
    return LessonLearning(enrolment, progress, done_lesson_ids)


# --- Open courses --------------------------------------------------------------


def _live_lesson_in_live_module() -> QuerySet[LessonPage]:
    """Live lessons whose module is live too: what a learner can open."""
    module_path = Substr(
        OuterRef("path"), 1, Length(OuterRef("path")) - CoursePage.steplen
    )
    return LessonPage.objects.live().filter(
        Exists(ModulePage.objects.live().filter(path=module_path))
    )


def with_live_lessons(courses: QuerySet[CoursePage]) -> QuerySet[CoursePage]:
    """Only courses with at least one lesson a learner can open.

    A course approved before any of its lessons (or whose lessons were all
    unpublished) is empty: it is never listed nor open for enrolment. This is
    the one place that says what "empty" means; the enrolment service asks
    course_has_live_lesson, which uses it.
    """
    lessons = _live_lesson_in_live_module().filter(
        path__startswith=OuterRef("path"), depth=OuterRef("depth") + 2
    )
    # By primary key, not Exists() itself: the search backends take only plain
    # field lookups from a queryset they search.
    return courses.filter(
        pk__in=CoursePage.objects.filter(Exists(lessons)).values("pk")
    )


def course_has_live_lesson(*, course: CoursePage) -> bool:
    return with_live_lessons(CoursePage.objects.filter(pk=course.pk)).exists()


# --- Review --------------------------------------------------------------------


@dataclass
class ReviewItem:
    """A module or lesson as its latest draft has it, and what approval will do."""

    page: Page
    is_live: bool
    has_unpublished_changes: bool
    children: list["ReviewItem"] = field(default_factory=list)

    @property
    def will_publish(self) -> bool:
        return not self.is_live or self.has_unpublished_changes


def course_review_outline(*, course: CoursePage) -> list[ReviewItem]:
    """Every module and lesson of a course, live or draft, with its latest content.

    What a reviewer approves is the whole course: approving publishes each of
    these drafts (courses.services.course_publish_whole), so the review shows
    each of them as it will be published. One query for the tree and one per
    draft (the reviewer's screen only, never a learner's).
    """
    pages = (
        Page.objects.descendant_of(course)
        .filter(depth__lte=course.depth + 2)
        .select_related("latest_revision")
        .order_by("path")
    )
    modules: dict[str, ReviewItem] = {}
    for page in pages:
        revision = page.latest_revision
        item = ReviewItem(
            page=revision.as_object() if revision else page.specific,
            is_live=page.live,
            has_unpublished_changes=page.has_unpublished_changes,
        )
        if page.depth == course.depth + 1:
            modules[page.path] = item
        elif (module := modules.get(page.path[: -CoursePage.steplen])) is not None:
            module.children.append(item)
    return list(modules.values())


# --- Enrolments ----------------------------------------------------------------


def enrolments_by_course(
    *, learner: User | AnonymousUser, course_ids: list[int]
) -> dict[int, Enrolment]:
    """The learner's enrolments in these courses, by course id (one query)."""
    if not learner.is_authenticated or not course_ids:
        return {}
    enrolments = Enrolment.objects.filter(
        learner=learner, course_id__in=course_ids, status__in=VISIBLE_STATUSES
    ).only("id", "course_id", "status", "progress", "due_date", "completed_at")
    return {enrolment.course_id: enrolment for enrolment in enrolments}


# --- Catalogue -----------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueFilters:
    query: str = ""
    topic: str = ""
    target_group: str = ""
    level: str = ""

    @property
    def is_active(self) -> bool:
        return bool(self.query or self.topic or self.target_group or self.level)


@dataclass(frozen=True)
class CatalogueFacets:
    topics: list[tuple[str, str]]
    target_groups: list[tuple[str, str]]
    levels: list[tuple[str, str]]


@dataclass(frozen=True)
class CourseCard:
    course: CoursePage
    enrolment: Enrolment | None


def parent_page(*, page: Page, version: str | None) -> Page | None:
    """A page's parent (for its address), from the cache under the version."""
    return cached_by_version(f"courses:parent:{page.pk}", version, page.get_parent)


def catalogue_index() -> CourseIndexPage | None:
    return CourseIndexPage.objects.live().order_by("path").first()


def catalogue_course_queryset(*, index: CourseIndexPage) -> QuerySet[CoursePage]:
    return (
        with_live_lessons(CoursePage.objects.live().child_of(index))
        .defer("learning_outcomes")
        .order_by("path")
    )


def listed_course_ids(
    *, index: CourseIndexPage, version: str | None = None
) -> list[int]:
    """The catalogue's listed courses, in catalogue order (one query, or none
    from the cache under the content version).

    Asked once per catalogue request: the facets and the page then filter by
    these keys instead of building and running the live-lesson test again.
    """
    return cached_by_version(
        f"courses:catalogue:{index.pk}",
        version,
        lambda: list(
            catalogue_course_queryset(index=index).values_list("pk", flat=True)
        ),
    )


def catalogue_facets(
    *, course_ids: list[int], version: str | None = None
) -> CatalogueFacets:
    """Topics and target groups that the listed courses use (two queries, or
    none from the cache under the content version)."""
    key = "courses:facets:" + _ids_key(course_ids)
    topics, groups = cached_by_version(
        key, version, lambda: _catalogue_facets(course_ids)
    )
    return CatalogueFacets(
        topics=topics,
        target_groups=groups,
        # In the request's language: not cached.
        levels=[(value, str(label)) for value, label in CoursePage.Level.choices],
    )


def _ids_key(ids: list[int]) -> str:
    """A short cache key part naming these ids, in this order."""
    return hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:32]


def _catalogue_facets(
    course_ids: list[int],
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    courses = course_ids
    topics = (
        Tag.objects.filter(courses_coursetag_items__content_object__in=courses)
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )
    groups = (
        TargetGroup.objects.filter(courses__in=courses)
        .distinct()
        .order_by("name")
        .values_list("code", "name")
    )
    return list(topics), list(groups)


def catalogue_courses(
    *, course_ids: list[int], filters: CatalogueFilters
) -> "QuerySet[CoursePage] | BaseSearchResults":
    """The listed courses, filtered, and searched when there is a query.

    Returns a QuerySet, or Wagtail search results (ordered by relevance); both
    paginate. Tag and target-group filters go through the primary key so that the
    search backend needs no extra index fields.
    """
    courses = (
        CoursePage.objects.filter(pk__in=course_ids)
        .defer("learning_outcomes")
        .order_by("path")
    )
    if filters.level:
        courses = courses.filter(level=filters.level)
    if filters.topic:
        courses = courses.filter(
            pk__in=CourseTag.objects.filter(tag__slug=filters.topic).values(
                "content_object_id"
            )
        )
    if filters.target_group:
        through = CoursePage.target_groups.through
        courses = courses.filter(
            pk__in=through.objects.filter(
                targetgroup__code=filters.target_group
            ).values("coursepage_id")
        )
    query = clean_search_query(filters.query)
    if query:
        return courses.search(query)
    return courses


def course_cards(
    *, courses: list[CoursePage], learner: User | AnonymousUser
) -> list[CourseCard]:
    """Cards for a page of courses, with the learner's status (one query)."""
    enrolments = enrolments_by_course(
        learner=learner, course_ids=[course.pk for course in courses]
    )
    return [CourseCard(course, enrolments.get(course.pk)) for course in courses]


def featured_courses(*, limit: int = 3) -> QuerySet[CoursePage]:
    """The most recently published courses that learners can open, for the home page."""
    return (
        with_live_lessons(CoursePage.objects.live())
        .defer("learning_outcomes")
        .order_by("-first_published_at", "-pk")[:limit]
    )


# --- Course page ---------------------------------------------------------------


@dataclass(frozen=True)
class PrerequisiteCourse:
    page: CoursePage
    is_completed: bool


@dataclass
class CourseDetail:
    course: CoursePage
    enrolment: Enrolment | None
    outline: CourseOutline | None
    trainer_names: list[str]
    target_groups: list[str]
    topics: list[tuple[str, str]]
    prerequisites: list[PrerequisiteCourse]
    has_live_lesson: bool = True
    # The organiser's name; None: read it from the course (a preview).
    organisation: str | None = None

    @property
    def is_learning(self) -> bool:
        return self.enrolment is not None and self.enrolment.status in LEARNING_STATUSES

    @property
    def organisation_name(self) -> str:
        if self.organisation is not None:
            return self.organisation
        organisation = self.course.organising_organisation
        return str(organisation) if organisation else ""

    @cached_property
    def resume(self) -> OutlineLesson | None:
        if self.enrolment is None or not self.is_learning or self.outline is None:
            return None
        return self.outline.resume_lesson(self.enrolment.resume_lesson_id)

    @property
    def has_started(self) -> bool:
        return self.enrolment is not None and (
            self.enrolment.resume_lesson_id is not None or self.enrolment.progress > 0
        )

    @property
    def action(self) -> str:
        """What the learner may do next: one of enrol, request, assigned_only,
        pending, rejected, continue, review (or preview, for an unsaved page,
        and not_open, for a course with no lesson to open yet)."""
        if self.course.pk is None:
            return "preview"
        status = self.enrolment.status if self.enrolment else None
        if status in (None, Enrolment.Status.WITHDRAWN):
            if not self.has_live_lesson:
                return "not_open"
            actions_by_mode: dict[str, str] = {
                CoursePage.EnrolmentMode.OPEN: "enrol",
                CoursePage.EnrolmentMode.APPROVAL: "request",
            }
            return actions_by_mode.get(self.course.enrolment_mode, "assigned_only")
        actions_by_status: dict[str, str] = {
            Enrolment.Status.PENDING: "pending",
            Enrolment.Status.REJECTED: "rejected",
            Enrolment.Status.ACTIVE: "continue",
        }
        return actions_by_status.get(status, "review")


@dataclass(frozen=True)
class CourseFacts:
    """What the course page shows that published content alone decides."""

    trainer_names: list[str]
    target_groups: list[str]
    topics: list[tuple[str, str]]
    prerequisite_courses: list[CoursePage]
    organisation: str
    has_live_lesson: bool


def _course_facts(course: CoursePage) -> CourseFacts:
    trainer_names = (
        User.objects.filter(courses_trained=course)
        .exclude(full_name="")
        .order_by("full_name")
        .values_list("full_name", flat=True)
    )
    target_groups = (
        TargetGroup.objects.filter(courses=course)
        .order_by("name")
        .values_list("name", flat=True)
    )
    topics = (
        Tag.objects.filter(courses_coursetag_items__content_object=course)
        .order_by("name")
        .values_list("slug", "name")
    )
    organisation = course.organising_organisation
    return CourseFacts(
        trainer_names=list(trainer_names),
        target_groups=list(target_groups),
        topics=list(topics),
        prerequisite_courses=live_prerequisite_courses(course=course),
        organisation=str(organisation) if organisation else "",
        has_live_lesson=course_has_live_lesson(course=course),
    )


def course_facts(*, course: CoursePage, version: str | None) -> CourseFacts:
    """Trainers, target groups, topics, prerequisites, organiser: from the cache
    under the content version when given (they change when the course is
    published), else read (a preview)."""
    return cached_by_version(
        f"courses:facts:{course.pk}", version, lambda: _course_facts(course)
    )


def course_detail(
    *,
    course: CoursePage,
    learner: User,
    course_url: str,
    with_outline: bool = True,
    version: str | None = None,
) -> CourseDetail:
    """Everything the course page shows, in a fixed number of queries: with a
    version, the published facts and outline come from the cache and the
    learner's enrolments (this course's with its ticks, and the prerequisites')
    from one query."""
    if course.pk is None:  # previewed before it was first saved
        outline = CourseOutline(modules=[]) if with_outline else None
        return CourseDetail(course, None, outline, [], [], [], [], False)
    facts = course_facts(course=course, version=version)
    prerequisite_ids = [c.pk for c in facts.prerequisite_courses]
    enrolments: dict[int, Enrolment] = {}
    if learner.is_authenticated:
        enrolments = {
            e.course_id: e
            for e in with_done_lesson_ids(
                Enrolment.objects.filter(
                    learner=learner, course_id__in=[course.pk, *prerequisite_ids]
                )
            )
        }
    enrolment = enrolments.get(course.pk)
    learning = (
        enrolment if enrolment and enrolment.status in LEARNING_STATUSES else None
    )
    outline = (
        course_outline(
            course=course,
            course_url=course_url,
            enrolment=learning,
            done_lesson_ids=done_lesson_ids_of(learning) if learning else None,
            version=version,
        )
        if with_outline
        else None
    )
    completed = {
        pk
        for pk in prerequisite_ids
        if pk in enrolments and enrolments[pk].status == Enrolment.Status.COMPLETED
    }
    return CourseDetail(
        course=course,
        enrolment=enrolment,
        outline=outline,
        trainer_names=facts.trainer_names,
        target_groups=facts.target_groups,
        topics=facts.topics,
        prerequisites=[
            PrerequisiteCourse(c, c.pk in completed) for c in facts.prerequisite_courses
        ],
        has_live_lesson=(
            outline.lesson_count > 0 if outline is not None else facts.has_live_lesson
        ),
        organisation=facts.organisation,
    )


def live_prerequisite_courses(*, course: CoursePage) -> list[CoursePage]:
    """The course's live prerequisite courses, by title (one query)."""
    through = CoursePage.prerequisites.through
    return list(
        CoursePage.objects.live()
        .filter(
            pk__in=through.objects.filter(from_coursepage=course).values(
                "to_coursepage_id"
            )
        )
        .only("id", "title", "url_path", "path", "depth", "live")
        .order_by("title")
    )


# --- Lesson page ---------------------------------------------------------------


def live_lesson(*, lesson_id: int) -> LessonPage | None:
    """A live lesson without its body (for POSTs that only need its place)."""
    return LessonPage.objects.live().filter(pk=lesson_id).defer("body").first()


def live_course(*, course_id: int) -> CoursePage | None:
    return CoursePage.objects.live().filter(pk=course_id).first()


# --- Dashboard -----------------------------------------------------------------


@dataclass
class Dashboard:
    assigned: list[Enrolment]
    pending: list[Enrolment]
    in_progress: list[Enrolment]
    completed: list[Enrolment]

    @property
    def is_empty(self) -> bool:
        return not (self.assigned or self.pending or self.in_progress or self.completed)


DASHBOARD_ENROLMENT_FIELDS = (
    "learner_id",
    "course_id",
    "resume_lesson_id",
    "status",
    "source",
    "due_date",
    "progress",
    "enrolled_at",
    "last_activity_at",
    "completed_at",
)
# A page's title, whether it is live, and what its address is made of.
DASHBOARD_PAGE_FIELDS = ("title", "live", "url_path", "path", "depth")


def _dashboard_query(*, learner: int) -> QuerySet:
    return Enrolment.objects.filter(
        learner_id=learner,
        status__in=(
            Enrolment.Status.PENDING,
            Enrolment.Status.ACTIVE,
            Enrolment.Status.COMPLETED,
        ),
    ).values_list(
        "id",
        *DASHBOARD_ENROLMENT_FIELDS,
        *(f"course__{name}" for name in (*DASHBOARD_PAGE_FIELDS, "code")),
        *(f"resume_lesson__{name}" for name in DASHBOARD_PAGE_FIELDS),
    )


# Read on every visit to My learning: the SQL is built once (lms.prepared).
_DASHBOARD = PreparedRows(Enrolment, _dashboard_query, "learner")


def _dashboard_enrolments(learner: User) -> list[Enrolment]:
    """The learner's enrolments with only what My learning shows and links to
    of each course and resume lesson (pages are wide rows)."""
    alias = router.db_for_read(Enrolment)
    enrolment_fields = ["id", *DASHBOARD_ENROLMENT_FIELDS]
    course_fields = [*DASHBOARD_PAGE_FIELDS, "code"]
    enrolments = []
    for row in _DASHBOARD.rows(learner=learner.pk):
        values = iter(row)
        enrolment = instance_from_row(
            Enrolment, alias, enrolment_fields, [next(values) for _ in enrolment_fields]
        )
        course_values = [next(values) for _ in course_fields]
        lesson_values = list(values)
        enrolment.course = _page_from_row(
            CoursePage, alias, enrolment.course_id, course_fields, course_values
        )
        enrolment.resume_lesson = (
            _page_from_row(
                LessonPage,
                alias,
                enrolment.resume_lesson_id,
                DASHBOARD_PAGE_FIELDS,
                lesson_values,
            )
            if enrolment.resume_lesson_id
            else None
        )
        enrolments.append(enrolment)
    return enrolments


def _page_from_row(
    model: type[Page], alias: str, pk: int, names: Sequence[str], values: list[Any]
) -> Any:
    return instance_from_row(
        model, alias, ["id", "page_ptr_id", *names], [pk, pk, *values]
    )


def learner_dashboard(*, learner: User) -> Dashboard:
    """The learner's courses by state, in one query.

    Assigned = active enrolments a manager assigned (earliest due first); in
    progress = other active ones (most recent activity first).
    """
    enrolments = _dashboard_enrolments(learner)
    by_status: dict[str, list[Enrolment]] = {}
    for enrolment in enrolments:
        by_status.setdefault(enrolment.status, []).append(enrolment)
    active = by_status.get(Enrolment.Status.ACTIVE, [])
    assigned = sorted(
        (e for e in active if e.source == Enrolment.Source.ASSIGNED),
        key=lambda e: (e.due_date is None, e.due_date, e.course.title),
    )
    in_progress = sorted(
        (e for e in active if e.source != Enrolment.Source.ASSIGNED),
        key=lambda e: e.last_activity_at or e.enrolled_at,
        reverse=True,
    )
    return Dashboard(
        assigned=assigned,
        pending=sorted(
            by_status.get(Enrolment.Status.PENDING, []), key=lambda e: e.enrolled_at
        ),
        in_progress=in_progress,
        completed=sorted(
            by_status.get(Enrolment.Status.COMPLETED, []),
            key=lambda e: e.completed_at or e.enrolled_at,
            reverse=True,
        ),
    )


# Where a page sits, and the enrolment that opens a lesson


def course_path_of(page: Page) -> str:
    """The tree path of the course above a lesson or module (fixed page-type nesting)."""
    levels_below_course = {"lessonpage": 2, "modulepage": 1}.get(
        page.specific_class._meta.model_name, 0
    )
    return page.path[: len(page.path) - levels_below_course * CoursePage.steplen]


def course_of_page(page: Page) -> CoursePage | None:
    """The course a module or lesson page belongs to."""
    return CoursePage.objects.filter(path=course_path_of(page)).first()


def _learning_enrolments(
    *, learner: User | int, course_path: str
) -> QuerySet[Enrolment]:
    """The rule for who may study a lesson: an enrolment in a learning status,
    in the live course at `course_path` (the lesson's, course_path_of)."""
    return Enrolment.objects.filter(
        learner=learner,
        course__path=course_path,
        course__live=True,
        status__in=LEARNING_STATUSES,
    )


_PROGRESS_FOR_BEATS = (
    "id",
    "enrolment_id",
    "lesson_id",
    "last_viewed_at",
    "last_heartbeat_at",
)


def _learning_progress_rows(*, learner: int, lesson: int) -> QuerySet:
    lesson_path = F("lesson__path")
    return (
        LessonProgress.objects.alias(
            course_path=Substr(
                lesson_path, 1, Length(lesson_path) - 2 * CoursePage.steplen
            )
        )
        .filter(
            lesson_id=lesson,
            lesson__live=True,
            enrolment__learner_id=learner,
            enrolment__course__path=F("course_path"),
            enrolment__course__live=True,
            enrolment__status__in=LEARNING_STATUSES,
        )
        .order_by()
        .values_list(*_PROGRESS_FOR_BEATS)[:1]
    )


# Read by every heartbeat of every open lesson page: its SQL is built once.
_learning_progress = PreparedRows(
    LessonProgress, _learning_progress_rows, "learner", "lesson"
)


def learning_progress(*, learner: User, lesson_id: int) -> LessonProgress | None:
    """The learner's progress row for a live lesson, through an enrolment that
    lets them study it (learning_enrolment's rule), in one query; None when
    there is none yet. Only the fields a heartbeat needs are read."""
    if not learner.is_authenticated:
        return None
    rows = _learning_progress.rows(learner=learner.pk, lesson=lesson_id)
    if not rows:
        return None
    return LessonProgress.from_db(
        router.db_for_read(LessonProgress), list(_PROGRESS_FOR_BEATS), rows[0]
    )


def learning_enrolment(*, learner: User, lesson: LessonPage) -> Enrolment | None:
    """The learner's enrolment that lets them study this lesson (in a live course)."""
    if not learner.is_authenticated:
        return None
    return (
        _learning_enrolments(learner=learner, course_path=course_path_of(lesson))
        .select_related("course")
        .first()
    )


# What the course pages show

CATALOGUE_PAGE_SIZE = 12


def catalogue_page(
    *,
    course_ids: list[int],
    filters: CatalogueFilters,
    page_number: str | int | None,
    learner: User,
    version: str | None = None,
) -> tuple[PaginatorPage, list[CourseCard]]:
    """One page of the listed courses for these filters, and their cards.

    Unfiltered, the keys already known are paginated as they are and only the
    page's courses are read (from the cache under the content version when
    given): no count query. The learner's statuses are read fresh (one query).
    """
    if not filters.is_active:
        ids_page = Paginator(course_ids, CATALOGUE_PAGE_SIZE).get_page(page_number)
        page_ids = list(ids_page.object_list)
        # The page keeps its numbering and links; its items become the courses.
        ids_page.object_list = cached_by_version(
            "courses:catalogue-page:" + _ids_key(page_ids),
            version,
            lambda: _courses_in_order(page_ids),
        )
        courses_page: PaginatorPage = ids_page
    else:
        results = catalogue_courses(course_ids=course_ids, filters=filters)
        courses_page = Paginator(results, CATALOGUE_PAGE_SIZE).get_page(page_number)
    cards = course_cards(courses=list(courses_page.object_list), learner=learner)
    return courses_page, cards


def _courses_in_order(course_ids: list[int]) -> list[CoursePage]:
    courses = CoursePage.objects.filter(pk__in=course_ids).defer("learning_outcomes")
    by_pk = {course.pk: course for course in courses}
    return [by_pk[pk] for pk in course_ids if pk in by_pk]


def lesson_outline_context(
    *,
    lesson: LessonPage,
    course: CoursePage | None,
    course_url: str,
    enrolment: Enrolment | None,
    done_lesson_ids: set[int] | None = None,
    version: str | None = None,
) -> dict:
    """The outline beside a lesson and where the lesson sits in it.

    Without an enrolment (an editor's preview) the same outline, with no
    progress. A lesson under a module that is not live has no place in it
    (current_lesson None).
    """
    context: dict[str, object] = {
        "course": course,
        "enrolment": enrolment,
        "progress": None,
        "outline": None,
        "current_lesson": None,
        "module": None,
        "previous_lesson": None,
        "next_lesson": None,
    }
    if course is None:
        return context
    outline = course_outline(
        course=course,
        course_url=course_url,
        enrolment=enrolment,
        done_lesson_ids=done_lesson_ids,
        version=version,
    )
    previous_lesson, next_lesson = outline.neighbours(lesson.pk)
    context.update(
        course_url=course_url,
        outline=outline,
        current_lesson=outline.lesson(lesson.pk),
        module=outline.module_of(lesson.pk),
        previous_lesson=previous_lesson,
        next_lesson=next_lesson,
    )
    return context


def outline_visible_to(*, course: CoursePage, user: User | AnonymousUser) -> bool:
    """A course's outline (its modules and lessons) is shown to signed-in people,
    and to anyone when the course makes it public."""
    return user.is_authenticated or course.is_outline_public


def course_quiz_ids(*, course_id: int) -> QuerySet[LessonPage]:
    """The ids of the quizzes the course's lessons place (a subquery: the
    statistics filter quiz attempts by course with it)."""
    course = Page.objects.filter(pk=course_id).only("path", "depth").first()
    if course is None:
        return LessonPage.objects.none().values("quiz_id")
    return (
        LessonPage.objects.descendant_of(course)
        .filter(quiz__isnull=False)
        .values("quiz_id")
    )
