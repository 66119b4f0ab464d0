"""What courses holds on a person, for the download and the erasure
(people.personal_data; registered in CoursesConfig.ready())."""

from django.db.models import Prefetch

from people.models import User
from people.personal_data import Row

from .models import CourseAssignment, Enrolment, LessonProgress


def enrolments_export(user: User) -> list[Row]:
    """Each enrolment with its progress lesson by lesson."""
    enrolments = (
        Enrolment.objects.filter(learner=user)
        .select_related("course")
        .prefetch_related(
            Prefetch(
                "lesson_progress",
                LessonProgress.objects.select_related("lesson").order_by("pk"),
            )
        )
        .order_by("enrolled_at", "pk")
    )
    return [
        {
            "course": enrolment.course.title,
            "status": enrolment.get_status_display(),
            "source": enrolment.get_source_display(),
            "enrolled_at": enrolment.enrolled_at,
            "due_date": enrolment.due_date,
            "progress_percent": enrolment.progress_percent,
            "completed_at": enrolment.completed_at,
            "last_activity_at": enrolment.last_activity_at,
            "lessons": [
                {
                    "lesson": progress.lesson.title,
                    "first_viewed_at": progress.first_viewed_at,
                    "last_viewed_at": progress.last_viewed_at,
                    "time_spent_seconds": progress.time_spent_seconds,
                    "completed_at": progress.completed_at,
                }
                for progress in enrolment.lesson_progress.all()
            ],
        }
        for enrolment in enrolments
    ]


def enrolments_erase(user: User) -> None:
    """Enrolments stay (the statistics count enrolments and completions by the
    learner's sex and unit); the lesson-by-lesson trail, which no figure
    reads, goes; so does the person's name on a course assignment's list."""
    LessonProgress.objects.filter(enrolment__learner=user).delete()
    Enrolment.objects.filter(learner=user).update(resume_lesson=None)
    for assignment in CourseAssignment.objects.filter(learners=user):
        assignment.learners.remove(user)
