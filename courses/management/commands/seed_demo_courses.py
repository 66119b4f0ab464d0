"""The demo course catalogue: the "Khóa học" index, courses K1–K5 and learners' progress.

Run by `seed_demo` after the people and home-page seeds. Idempotent: pages are found
by slug (courses by code) and left alone when they exist; a learner who already has
an enrolment in a course is skipped, so running twice adds nothing and changes no
progress. `--update` rewrites demo pages whose text differs from courses/demo_content
(a new revision, published), for refreshing a development database after the texts
change; it never touches enrolments.

Pages are published through a revision (save_revision().publish()) so that Wagtail's
history shows who created and published them. Demo progress goes through the real
services (enrolment_create, enrolment_decide, lesson_view_record, lesson_complete);
only the time spent on a lesson is written directly, as demo data, because
lesson_complete requires at least half the lesson's estimated time.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from assessments.demo import pass_quiz
from assessments.models import Quiz
from courses.blocks import LessonStreamBlock
from courses.demo_content import COURSE_INDEX, COURSES
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    ModulePage,
)
from courses.services import (
    enrolment_create,
    enrolment_decide,
    lesson_complete,
    lesson_required_seconds,
    lesson_view_record,
)
from courses.services.quizzes import lessons_complete_by_quiz
from people.models import Organisation, TargetGroup, User
from people.selectors import users_visible_to

ALL = "all"


@dataclass(frozen=True)
class Stage:
    """How far a demo learner got in one course."""

    source: str = Enrolment.Source.SELF
    approve: bool = False  # approval courses: the trainer accepts the request
    completed: int | str = 0  # lessons completed, in course order, or ALL required
    viewing_next: bool = False  # opened the next lesson, not finished it
    due_in_days: int | None = None  # assignments: due date from today


ENROLLED = Stage()
PENDING = Stage()  # a self-request in an approval course stays pending
COMPLETED = Stage(completed=ALL)


def partway(completed: int, viewing_next: bool = True, **kwargs) -> Stage:
    return Stage(completed=completed, viewing_next=viewing_next, **kwargs)


def assigned(due_in_days: int, completed: int = 0) -> Stage:
    return Stage(
        source=Enrolment.Source.ASSIGNED,
        completed=completed,
        viewing_next=completed > 0,
        due_in_days=due_in_days,
    )


def learner_name(number: int) -> str:
    return f"hocvien{number:02d}"


def demo_plan() -> list[tuple[str, str, Stage]]:
    """(username, course code, stage) for everyone but the K4 assignees."""
    plan = []
    for n in range(1, 6):
        plan.append((learner_name(n), "K1-2026", COMPLETED))
    for n in range(6, 13):
        plan.append((learner_name(n), "K1-2026", partway(1 + n % 4)))
    for n in range(13, 17):
        plan.append((learner_name(n), "K1-2026", ENROLLED))
    for n in range(17, 22):
        plan.append((learner_name(n), "K2-2026", PENDING))
    plan.append((learner_name(22), "K2-2026", partway(1, approve=True)))
    plan.append((learner_name(23), "K2-2026", Stage(approve=True)))
    for n in range(24, 27):
        plan.append((learner_name(n), "K3-2026", partway(2)))
    plan.append((learner_name(27), "K3-2026", COMPLETED))
    for n in range(28, 31):
        plan.append((learner_name(n), "K3-2026", ENROLLED))
    for n, done in zip(range(39, 42), (1, 2, 1), strict=True):
        plan.append((learner_name(n), "K5-2026", partway(done)))
    for n in range(42, 45):
        plan.append((learner_name(n), "K5-2026", ENROLLED))
    # The `learner` account shows every section of "My learning".
    plan.append(("learner", "K1-2026", COMPLETED))
    plan.append(("learner", "K2-2026", partway(1, approve=True)))
    plan.append(("learner", "K4-2026", assigned(21)))
    return plan


K4_ASSIGNEES = 8  # hocvien accounts in the manager's units who are assigned K4


def _without_ids(value):
    """Stream data without block ids (and ListBlock item wrappers), for comparing."""
    if isinstance(value, dict):
        if value.get("type") == "item" and "value" in value and len(value) <= 3:
            return _without_ids(value["value"])
        return {k: _without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


class Command(BaseCommand):
    help = "Create the demo course catalogue K1–K5 and demo progress (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Publish a new revision of demo pages whose text has changed.",
        )

    @transaction.atomic
    def handle(self, *args, update=False, **options):
        self.verbosity = options.get("verbosity", 1)
        self.update = update
        self.stats = Counter()
        self.stream_block = LessonStreamBlock()
        owner = User.objects.filter(username="trainer").first()
        if owner is None:
            self.note(
                "No `trainer` account (run seed_demo_people): pages get no owner."
            )
        index = self.ensure_index(owner)
        self.publishing_setup(index)
        courses = {
            spec["code"]: self.ensure_course(index, spec, owner) for spec in COURSES
        }
        self.seed_progress(courses, owner)
        self.summary(courses)

    # Output -------------------------------------------------------------------

    def note(self, message: str) -> None:
        if self.verbosity > 0:
            self.stdout.write(message)

    def summary(self, courses) -> None:
        lessons = LessonPage.objects.descendant_of(
            CourseIndexPage.objects.first()
        ).count()
        created = ", ".join(f"{k}: {v}" for k, v in sorted(self.stats.items()))
        self.note(
            f"Demo courses: {len(courses)} courses, {lessons} lessons. "
            f"This run: {created or 'nothing new'}."
        )

    # Pages --------------------------------------------------------------------

    def home_page(self) -> Page:
        """The default site's root (the home page), found without importing
        content_pages, which sits beside courses in the layers."""
        site = Site.objects.filter(is_default_site=True).first()
        home = site.root_page if site else None
        if home is None or home.depth < 2:
            raise CommandError(
                "No home page: run seed_demo_content_pages first (or seed_demo)."
            )
        return home

    def ensure_index(self, owner) -> CourseIndexPage:
        index = CourseIndexPage.objects.first()  # max_count = 1
        if index is not None:
            return self.maybe_update(
                index,
                {"title": COURSE_INDEX["title"], "intro": COURSE_INDEX["intro"]},
                owner,
            )
        return self.create_page(
            self.home_page(),
            CourseIndexPage(
                title=COURSE_INDEX["title"],
                slug=COURSE_INDEX["slug"],
                intro=COURSE_INDEX["intro"],
            ),
            owner,
        )

    def publishing_setup(self, index) -> None:
        try:
            from courses.services.publishing import course_publishing_setup
        except ImportError:
            self.note(
                "Note: courses.services.publishing.course_publishing_setup is not "
                "available yet; publishing workflow and permissions skipped."
            )
            return
        course_publishing_setup(course_index=index)

    def create_page(self, parent, page, owner):
        """Add `page` under `parent` as a draft, then publish it through a revision."""
        page.owner = owner
        page.live = False
        parent.add_child(instance=page)  # logs wagtail.create
        revision = page.save_revision(user=owner, log_action=True)
        # A setup step, like a data migration: published in the trainer's name
        # whatever the publishing workflow later asks of real edits.
        revision.publish(user=owner, skip_permission_checks=True)
        self.stats[f"{page._meta.model_name} created"] += 1
        return type(page).objects.get(pk=page.pk)

    def maybe_update(self, page, fields, owner, *, m2m=None, tags=None, body=None):
        """With --update, publish a new revision when the demo text differs."""
        if not self.update or not self.differs(page, fields, m2m, tags, body):
            return page
        for name, value in fields.items():
            setattr(page, name, value)
        if body is not None:
            page.body = body
        for name, objects in (m2m or {}).items():
            getattr(page, name).set(objects)
        if tags is not None:
            page.topics.set(tags)
        revision = page.save_revision(user=owner, log_action=True)
        revision.publish(user=owner, skip_permission_checks=True)
        self.stats[f"{page._meta.model_name} updated"] += 1
        return type(page).objects.get(pk=page.pk)

    def differs(self, page, fields, m2m, tags, body) -> bool:
        for name, value in fields.items():
            current = getattr(page, name)
            if hasattr(current, "pk"):
                current = current.pk
                value = getattr(value, "pk", value)
            if current != value:
                return True
        for name, objects in (m2m or {}).items():
            if set(getattr(page, name).values_list("pk", flat=True)) != {
                o.pk for o in objects
            }:
                return True
        if tags is not None and set(page.topics.names()) != set(tags):
            return True
        if body is not None:
            wanted = self.stream_block.get_prep_value(self.stream_block.to_python(body))
            if _without_ids(page.body.get_prep_value()) != _without_ids(wanted):
                return True
        return False

    def ensure_course(self, index, spec, owner) -> CoursePage:
        fields = {
            "title": spec["title"],
            "summary": spec["summary"],
            "learning_outcomes": spec["learning_outcomes"],
            "level": spec["level"],
            "estimated_hours": Decimal(spec["estimated_hours"]),
            "organising_organisation": Organisation.objects.filter(
                code=spec["organisation"]
            ).first(),
            "enrolment_mode": spec["enrolment_mode"],
            "is_outline_public": spec["is_outline_public"],
        }
        if fields["organising_organisation"] is None:
            self.note(f"{spec['code']}: organisation {spec['organisation']} not found.")
        groups = list(TargetGroup.objects.filter(code__in=spec["target_groups"]))
        m2m = {"target_groups": groups, "trainers": [owner] if owner else []}
        course = CoursePage.objects.child_of(index).filter(code=spec["code"]).first()
        if course is None:
            course = CoursePage(code=spec["code"], slug=spec["slug"], **fields)
            for name, objects in m2m.items():
                getattr(course, name).set(objects)
            course.topics.set(spec["topics"])
            course = self.create_page(index, course, owner)
        else:
            course = self.maybe_update(
                course, fields, owner, m2m=m2m, tags=spec["topics"]
            )
        for module_spec in spec["modules"]:
            self.ensure_module(course, module_spec, owner)
        return course

    def ensure_module(self, course, spec, owner) -> ModulePage:
        fields = {"title": spec["title"], "summary": spec["summary"]}
        module = ModulePage.objects.child_of(course).filter(slug=spec["slug"]).first()
        if module is None:
            module = self.create_page(
                course, ModulePage(slug=spec["slug"], **fields), owner
            )
        else:
            module = self.maybe_update(module, fields, owner)
        for lesson_spec in spec["lessons"]:
            self.ensure_lesson(module, lesson_spec, owner)
        return module

    def ensure_lesson(self, module, spec, owner) -> LessonPage:
        fields = {
            "title": spec["title"],
            "estimated_minutes": spec["estimated_minutes"],
            "is_required": spec["is_required"],
            # Demo quizzes come from seed_demo_assessments, found by reference.
            "quiz": Quiz.objects.filter(reference=spec["quiz"]).first()
            if spec.get("quiz")
            else None,
        }
        lesson = LessonPage.objects.child_of(module).filter(slug=spec["slug"]).first()
        if lesson is None:
            return self.create_page(
                module,
                LessonPage(slug=spec["slug"], body=spec["body"], **fields),
                owner,
            )
        return self.maybe_update(lesson, fields, owner, body=spec["body"])

    # Demo progress ------------------------------------------------------------

    def seed_progress(self, courses, trainer) -> None:
        users = {
            u.username: u
            for u in User.objects.filter(username__startswith="hocvien")
            | User.objects.filter(username__in=["learner", "manager"])
        }
        if not users:
            self.note("No demo learners (run seed_demo_people): no demo progress.")
            return
        plan = demo_plan()
        manager = users.get("manager")
        if manager is not None:
            # K4 is assigned only: the unit manager assigns it within their units.
            assignees = users_visible_to(user=manager).filter(
                username__startswith="hocvien"
            )
            for i, user in enumerate(assignees.order_by("username")[:K4_ASSIGNEES]):
                plan.append(
                    (
                        user.username,
                        "K4-2026",
                        assigned(30 + 15 * (i % 2), 1 if i < 2 else 0),
                    )
                )
        else:
            self.note("No `manager` account: K4 assignments skipped.")
        for username, code, stage in plan:
            learner = users.get(username)
            course = courses.get(code)
            if learner is None or course is None or not course.live:
                continue
            if stage.source == Enrolment.Source.ASSIGNED and manager is None:
                continue
            if Enrolment.objects.filter(learner=learner, course=course).exists():
                continue  # already seeded (or real activity): leave it alone
            self.enrol(learner, course, stage, trainer=trainer, manager=manager)

    def enrol(self, learner, course, stage: Stage, *, trainer, manager) -> None:
        due_date = (
            timezone.localdate() + timedelta(days=stage.due_in_days)
            if stage.due_in_days is not None
            else None
        )
        enrolment = enrolment_create(
            learner=learner,
            course=course,
            source=stage.source,
            assigned_by=manager if stage.source == Enrolment.Source.ASSIGNED else None,
            due_date=due_date,
        ).enrolment
        self.stats["enrolments created"] += 1
        if enrolment.status == Enrolment.Status.PENDING:
            if not stage.approve:
                return
            if trainer is None:
                return
            enrolment = enrolment_decide(
                enrolment=enrolment, approve=True, decided_by=trainer
            )
        lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))
        if stage.completed == ALL:
            to_complete = [lesson for lesson in lessons if lesson.is_required]
        else:
            to_complete = lessons[: int(stage.completed)]
        for lesson in to_complete:
            self.study(enrolment, lesson, seconds=lesson_required_seconds(lesson) + 120)
            if lesson.quiz_id:
                # A quiz lesson is completed by passing its quiz, through the real services.
                pass_quiz(lesson.quiz, learner, when=timezone.now() - timedelta(days=2))
                lessons_complete_by_quiz(learner=learner, quiz=lesson.quiz)
            else:
                lesson_complete(learner=learner, lesson=lesson)
        remaining = [lesson for lesson in lessons if lesson not in to_complete]
        if stage.viewing_next and remaining:
            lesson = remaining[0]
            self.study(enrolment, lesson, seconds=lesson_required_seconds(lesson) // 3)

    def study(self, enrolment, lesson, *, seconds: int) -> None:
        """Open a lesson and record time on it.

        Demo data: the time is written directly instead of through heartbeats.
        """
        progress = lesson_view_record(enrolment=enrolment, lesson=lesson)
        LessonProgress.objects.filter(pk=progress.pk).update(time_spent_seconds=seconds)
        self.stats["lesson progress rows"] += 1
