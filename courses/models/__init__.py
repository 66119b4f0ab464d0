"""Courses: pages (what is taught) and records (who is taking it, how far they got).

Re-exports the public names; pages never import records' services.
"""

from .assignments import CourseAssignment
from .pages import CourseIndexPage, CoursePage, CourseTag, LessonPage, ModulePage
from .records import Enrolment, LessonProgress

__all__ = [
    "CourseIndexPage",
    "CoursePage",
    "CourseTag",
    "Enrolment",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
    "CourseAssignment",
]
