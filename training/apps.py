from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """Training classes, sessions, participants and attendance (layer 3)."""

    name = "training"
    label = "training"
    verbose_name = _("Training classes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        self.register_access()
        self.register_personal_data()
        self.connect_completion()
        self.register_report_filter()

    def register_report_filter(self):
        """The quiz reports' "by class" filter: only classes the user may see."""
        from assessments.report_filters import ReportFilter, register_report_filter

        from .selectors.attendance import (
            CLASS_FILTER_KEY,
            classes_for_quiz_report,
            learners_of_class,
        )

        register_report_filter(
            ReportFilter(
                key=CLASS_FILTER_KEY,
                label=_("Training class"),
                choices=classes_for_quiz_report,
                learners=learners_of_class,
            )
        )

    def connect_completion(self):
        """Completion is re-checked when marks, a post-test grade or the
        course's completion change (training.services.completion); whether a
        participant attended follows every saved or deleted mark."""
        from django.db.models.signals import post_delete, post_save

        from assessments.signals import attempt_graded
        from courses.signals import course_completed

        from .models import AttendanceRecord
        from .signal_handlers import (
            update_attended_on_mark_saved,
            update_completion_on_attempt_graded,
            update_completion_on_attendance,
            update_completion_on_course_completed,
        )
        from .signals import attendance_changed

        for signal in (post_save, post_delete):
            signal.connect(
                update_attended_on_mark_saved,
                sender=AttendanceRecord,
                dispatch_uid=f"training_attended_{signal is post_save}",
            )

        attendance_changed.connect(
            update_completion_on_attendance, dispatch_uid="training_completion_marks"
        )
        attempt_graded.connect(
            update_completion_on_attempt_graded,
            dispatch_uid="training_completion_post_test",
        )
        course_completed.connect(
            update_completion_on_course_completed,
            dispatch_uid="training_completion_course",
        )

    def register_access(self):
        """Training's role permissions, and whose classes, participants and marks
        each person sees (people.access): a class's trainers and the managers
        of its unit; a participant also sees their own registration and marks."""
        from people.access import (
            register_role_permissions,
            register_scoped_model,
            register_unit_offer_rule,
        )

        from .access import organises_classes
        from .models import (
            AttendanceChange,
            AttendanceRecord,
            Participant,
            Session,
            TrainingClass,
        )
        from .roles import ROLE_PERMISSIONS

        register_role_permissions(ROLE_PERMISSIONS)
        register_unit_offer_rule(organises_classes)
        register_scoped_model(
            TrainingClass, owner=("trainers", "created_by"), unit="unit"
        )
        register_scoped_model(
            Session, owner=("training_class__trainers",), unit="training_class__unit"
        )
        register_scoped_model(
            Participant,
            owner=("training_class__trainers",),
            learner="person",
            unit="training_class__unit",
            learner_sees_own=True,
        )
        for model in (AttendanceRecord, AttendanceChange):
            register_scoped_model(
                model,
                owner=("session__training_class__trainers",),
                learner="participant__person",
                unit="session__training_class__unit",
                learner_sees_own=True,
            )

    def register_personal_data(self):
        """What this app holds on a person, for its download and erasure."""
        from people.personal_data import register_personal_data

        from .personal_data import (
            attendance_export,
            registrations_erase,
            registrations_export,
        )

        register_personal_data(
            "class_registrations",
            registrations_export,
            registrations_erase,
            title=_("Training registrations"),
        )
        register_personal_data("attendance", attendance_export, title=_("Attendance"))
