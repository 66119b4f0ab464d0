"""Small builders for the course page tree (wagtail-factories are not declared for
Wagtail 8, so pages are added under their parent directly)."""

from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LessonPage,
    ModulePage,
)


def make_course_index(parent, **kwargs) -> CourseIndexPage:
    kwargs.setdefault("title", "Khóa học")
    kwargs.setdefault("slug", "khoa-hoc")
    return parent.add_child(instance=CourseIndexPage(**kwargs))


def make_course(parent, **kwargs) -> CoursePage:
    number = CoursePage.objects.count() + 1
    kwargs.setdefault("title", f"Khóa học {number}")
    kwargs.setdefault("slug", f"khoa-hoc-{number}")
    kwargs.setdefault("code", f"K{number}")
    kwargs.setdefault("summary", "Bồi dưỡng kiến thức về bình đẳng giới.")
    return parent.add_child(instance=CoursePage(**kwargs))


def make_module(course, **kwargs) -> ModulePage:
    number = ModulePage.objects.count() + 1
    kwargs.setdefault("title", f"Chuyên đề {number}")
    kwargs.setdefault("slug", f"chuyen-de-{number}")
    return course.add_child(instance=ModulePage(**kwargs))


def make_lesson(module, **kwargs) -> LessonPage:
    number = LessonPage.objects.count() + 1
    kwargs.setdefault("title", f"Bài {number}")
    kwargs.setdefault("slug", f"bai-{number}")
    kwargs.setdefault("estimated_minutes", 10)
    kwargs.setdefault(
        "body",
        [
            (
                "paragraph",
                "<p>Bình đẳng giới là việc nam, nữ có vị trí, vai trò ngang nhau.</p>",
            )
        ],
    )
    return module.add_child(instance=LessonPage(**kwargs))


def make_course_tree(parent, *, modules=1, lessons_per_module=2, **course_kwargs):
    """A live course with modules and lessons; returns (course, [lessons])."""
    course = make_course(parent, **course_kwargs)
    lessons = []
    for _m in range(modules):
        module = make_module(course)
        lessons += [make_lesson(module) for _l in range(lessons_per_module)]
    return course, lessons


def make_enrolment(learner, course, **kwargs) -> Enrolment:
    kwargs.setdefault("status", Enrolment.Status.ACTIVE)
    return Enrolment.objects.create(learner=learner, course=course, **kwargs)
