from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    """Training statistics and reports (layer 5): read-only over every app below."""

    name = "stats"
    label = "stats"
    verbose_name = _("Training statistics")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        self.register_access()

    def register_access(self):
        """Who may see the figures (stats/roles.py), and whose submissions and
        population registers each person reaches (people.access): the managers
        of the report's unit and of the units above it, and administrators."""
        from people.access import register_role_permissions, register_scoped_model

        from .models import ReportSubmission, TargetPopulation
        from .roles import ROLE_PERMISSIONS

        register_role_permissions(ROLE_PERMISSIONS)
        register_scoped_model(ReportSubmission, owner=("submitted_by",), unit="unit")
        register_scoped_model(TargetPopulation, owner=("entered_by",), unit="unit")
