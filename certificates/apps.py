from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificate templates, rules, issuing, PDF and public verification (layer 4)."""

    name = "certificates"
    label = "certificates"
    verbose_name = _("Certificates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        self.register_access()
        self.register_personal_data()
        self.connect_issuing()

    def connect_issuing(self):
        """A completed course or class earns its certificate, issued by Celery
        once the completion has committed (certificates.services.issuing)."""
        from courses.signals import course_completed
        from training.signals import class_completed

        from .signal_handlers import (
            issue_certificate_on_class_completed,
            issue_certificate_on_course_completed,
        )

        course_completed.connect(
            issue_certificate_on_course_completed,
            dispatch_uid="certificates_issue_course",
        )
        class_completed.connect(
            issue_certificate_on_class_completed,
            dispatch_uid="certificates_issue_class",
        )

    def register_access(self):
        """Certificates' role permissions, and who sees each certificate
        (people.access): its holder, the trainers of its course or class, the
        managers of the holder's unit, administrators."""
        from people.access import register_role_permissions, register_scoped_model

        from .models import Certificate
        from .roles import ROLE_PERMISSIONS

        register_role_permissions(ROLE_PERMISSIONS)
        register_scoped_model(
            Certificate,
            owner=(
                "training_class__trainers",
                "course__owner",
                "course__trainers",
            ),
            learner="holder",
            learner_sees_own=True,
        )

    def register_personal_data(self):
        """What this app holds on a person, for its download and erasure."""
        from people.personal_data import register_personal_data

        from .personal_data import (
            certificates_export,
        )

        register_personal_data(
            "certificates", certificates_export, title=_("Certificates")
        )
