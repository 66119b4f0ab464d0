from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    """The quiz engine (layer 1): question bank, quizzes, attempts, grading."""

    name = "assessments"
    label = "assessments"
    verbose_name = _("Assessments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        self.register_access()
        self.register_personal_data()
        self.connect_import_task()

    def connect_import_task(self):
        """A large checked question file is saved in the background."""
        from .signals import question_import_started
        from .tasks import queue_question_import

        question_import_started.connect(
            queue_question_import, dispatch_uid="assessments_question_import_task"
        )

    def register_access(self):
        """The quiz engine's role permissions, and whose quizzes and attempts
        each person sees (people.access)."""
        from people.access import register_role_permissions, register_scoped_model

        from .models import Attempt, QuestionImport, Quiz
        from .roles import ROLE_PERMISSIONS

        register_role_permissions(ROLE_PERMISSIONS)
        register_scoped_model(Quiz, owner=("owner", "graders"))
        register_scoped_model(QuestionImport, owner=("uploaded_by",))
        register_scoped_model(
            Attempt, owner=("quiz__owner", "quiz__graders"), learner="learner"
        )

    def register_personal_data(self):
        """What this app holds on a person, for its download and erasure."""
        from people.personal_data import register_personal_data

        from .personal_data import (
            attempts_erase,
            attempts_export,
        )

        register_personal_data(
            "quiz_attempts", attempts_export, attempts_erase, title=_("Quiz attempts")
        )
