from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from .admin import bank, grading, importing, quizzes, reports


class AssessmentsViewSetGroup(ViewSetGroup):
    """One "Assessments" menu: bank, quizzes, grading, import, reports."""

    menu_label = _("Assessments")
    menu_icon = "tasks"
    menu_order = 310
    items = [
        *bank.VIEWSETS,
        *quizzes.VIEWSETS,
        *grading.VIEWSETS,
        *importing.VIEWSETS,
        *reports.VIEWSETS,
    ]


@hooks.register("register_admin_viewset")
def register_assessments_viewsets():
    if not AssessmentsViewSetGroup.items:
        return []
    return AssessmentsViewSetGroup()
