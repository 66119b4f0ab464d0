from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Wagtail connects its synchronous moderation mailers under these dispatch_uids
# (wagtail.admin.signal_handlers.register_signal_handlers) and has no setting to
# turn them off; ours take the same uids. tests/courses/test_publishing.py fails
# loudly if a Wagtail upgrade renames them.
WAGTAIL_MODERATION_MAIL_UIDS = {
    "task_submitted": "group_approval_task_submitted_email_notification",
    "workflow_submitted": "workflow_state_submitted_email_notification",
    "workflow_approved": "workflow_state_approved_email_notification",
    "workflow_rejected": "workflow_state_rejected_email_notification",
}


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
        self.connect_moderation_mail()
        self.connect_whole_course_review()
        self.connect_quizzes()
        self.connect_assignment_task()
        self.register_access()
        self.register_personal_data()
        self.connect_search()
        self.connect_page_views()
        self.connect_course_facts()

    def connect_course_facts(self):
        """Course pages show target groups' and organisations' names, cached
        under the content version (courses.selectors.course_facts): renaming
        one, or saving a trainer's account, starts a new version."""
        from django.db.models.signals import post_delete, post_save

        from people.models import Organisation, TargetGroup, User

        from .signal_handlers import course_facts_changed, trainer_changed

        post_save.connect(
            trainer_changed, sender=User, dispatch_uid="courses_facts_trainer"
        )

        for model in (TargetGroup, Organisation):
            for signal in (post_save, post_delete):
                signal.connect(
                    course_facts_changed,
                    sender=model,
                    dispatch_uid=f"courses_facts_{model.__name__}_{signal}",
                )

    def connect_page_views(self):
        """Module and lesson pages are served by views (see ServedByView)."""
        from .models import LessonPage, ModulePage
        from .views import lesson_serve, module_serve

        ModulePage.serve_view = module_serve
        LessonPage.serve_view = lesson_serve

    def register_access(self):
        """Courses' role permissions, whose enrolments and assignments each
        person sees, and who may pick any unit (people.access)."""
        from people.access import (
            register_role_permissions,
            register_scoped_model,
            register_unit_offer_rule,
        )

        from .models import CourseAssignment, Enrolment
        from .reports import teaches_a_course
        from .roles import ROLE_PERMISSIONS

        register_role_permissions(ROLE_PERMISSIONS)
        register_scoped_model(
            Enrolment, owner=("course__owner", "course__trainers"), learner="learner"
        )
        register_scoped_model(CourseAssignment, owner=("assigned_by",))
        register_unit_offer_rule(teaches_a_course)

    def connect_assignment_task(self):
        """A new assignment's enrolments are made in the background."""
        from .signals import course_assignment_created
        from .tasks import queue_course_assignment

        course_assignment_created.connect(
            queue_course_assignment, dispatch_uid="courses_assignment_task"
        )

    def connect_quizzes(self):
        """Quizzes placed in lessons: who may take them, and lessons completed by passing."""
        from assessments.access import register_quiz_access_rule
        from assessments.signals import attempt_graded

        from .services.quizzes import quiz_access_for_course_learners
        from .signal_handlers import complete_lessons_on_quiz_graded

        register_quiz_access_rule(quiz_access_for_course_learners)
        attempt_graded.connect(
            complete_lessons_on_quiz_graded, dispatch_uid="courses_lesson_quiz_passed"
        )

    def connect_search(self):
        """Course pages and the lesson outlines a visitor may see, in the site search."""
        from lms.search_sources import register_search_source

        from .search import COURSE_SEARCH_SOURCE

        register_search_source(COURSE_SEARCH_SOURCE)

    def connect_whole_course_review(self):
        """Approving a course publishes its modules and lessons with it."""
        from wagtail.models import WorkflowState
        from wagtail.signals import workflow_approved

        from .signal_handlers import publish_whole_course_on_approval

        workflow_approved.connect(
            publish_whole_course_on_approval,
            sender=WorkflowState,
            dispatch_uid="courses_publish_whole_course",
        )

    def connect_moderation_mail(self):
        """Moderation e-mails go through Celery, never inside the reviewer's request.

        Wagtail connects its synchronous notifiers (wagtail.admin.signal_handlers)
        under fixed dispatch_uids (WAGTAIL_MODERATION_MAIL_UIDS). Each of ours takes the same uid: if Wagtail's
        is already connected it is taken off first, and if not, Wagtail's later
        connect finds the uid taken and does nothing. Either way each event sends
        one e-mail, ours.
        """
        from wagtail.models import TaskState, WorkflowState
        from wagtail.signals import (
            task_submitted,
            workflow_approved,
            workflow_rejected,
            workflow_submitted,
        )

        from .signal_handlers import (
            notify_author_of_approval,
            notify_author_of_rejection,
            notify_reviewers_of_submission,
            skip_submission_mail_to_superusers,
        )

        for signal, sender, dispatch_uid, receiver in (
            (
                task_submitted,
                TaskState,
                WAGTAIL_MODERATION_MAIL_UIDS["task_submitted"],
                notify_reviewers_of_submission,
            ),
            (
                workflow_submitted,
                WorkflowState,
                WAGTAIL_MODERATION_MAIL_UIDS["workflow_submitted"],
                skip_submission_mail_to_superusers,
            ),
            (
                workflow_approved,
                WorkflowState,
                WAGTAIL_MODERATION_MAIL_UIDS["workflow_approved"],
                notify_author_of_approval,
            ),
            (
                workflow_rejected,
                WorkflowState,
                WAGTAIL_MODERATION_MAIL_UIDS["workflow_rejected"],
                notify_author_of_rejection,
            ),
        ):
            signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
            signal.connect(receiver, sender=sender, dispatch_uid=dispatch_uid)

    def register_personal_data(self):
        """What this app holds on a person, for its download and erasure."""
        from people.personal_data import register_personal_data

        from .personal_data import (
            enrolments_erase,
            enrolments_export,
        )

        register_personal_data(
            "enrolments",
            enrolments_export,
            enrolments_erase,
            title=_("Enrolments and progress"),
        )
