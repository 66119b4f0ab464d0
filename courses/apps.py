from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """Course, module and lesson pages, enrolment and progress (layer 2)."""

    name = "courses"
    label = "courses"
    verbose_name = _("Courses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published, page_unpublished

        from .models import LessonPage
        from .signal_handlers import recompute_progress_for_lesson

        for signal in (page_published, page_unpublished):
            signal.connect(
                recompute_progress_for_lesson,
                sender=LessonPage,
                dispatch_uid=f"courses_progress_{signal}",
            )
        post_delete.connect(
            recompute_progress_for_lesson,
            sender=LessonPage,
            dispatch_uid="courses_progress_delete",
        )
