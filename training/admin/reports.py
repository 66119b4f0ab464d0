"""Admin: a class's report (attendance matrix, absentees, who took part, hours
delivered, knowledge gain) and its Excel export with the sessions, durations,
places and trainers that funders ask for.

Only the classes the access contract lets the user see (people.access): any
other class is "not found", and the page needs the permission to view classes.
Exports hold personal data: each is logged to lms.audit. The figures come from
training.selectors.
"""

import io
from typing import Any, cast

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from openpyxl import Workbook
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from lms.permissions import PermissionRequiredMixin
from lms.spreadsheets import spreadsheet_safe_text
from people.access import visible_to
from people.models import User
from people.personal_data_log import personal_data_export_log

from ..models import TrainingClass
from ..selectors.attendance import (
    attendance_matrix,
    knowledge_gain,
    participant_hours,
    participants_by_ethnicity,
    participants_by_sex,
    participants_by_target_group,
    participants_by_unit,
)

VIEW_PERMISSION = "training.view_trainingclass"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ClassReportMixin(PermissionRequiredMixin, WagtailAdminTemplateMixin):
    """403 without the permission; a class outside the user's reach is 404."""

    header_icon = "table"
    permission = VIEW_PERMISSION

    @cached_property
    def training_class(self) -> TrainingClass:
        user = cast(User, self.request.user)
        return get_object_or_404(
            visible_to(user, TrainingClass.objects.all()).select_related(
                "unit", "pre_test", "post_test"
            ),
            pk=self.kwargs["pk"],
        )

    def report(self) -> dict[str, Any]:
        training_class = self.training_class
        hours = participant_hours(training_class=training_class)
        return {
            "training_class": training_class,
            "trainers": list(training_class.trainers.order_by("full_name")),
            "matrix": attendance_matrix(training_class=training_class),
            "breakdowns": [
                (_("Sex"), participants_by_sex(training_class=training_class)),
                (
                    _("Ethnicity (with consent)"),
                    participants_by_ethnicity(training_class=training_class),
                ),
                (
                    _("Target group"),
                    participants_by_target_group(training_class=training_class),
                ),
                (_("Unit"), participants_by_unit(training_class=training_class)),
            ],
            "hours": hours,
            "hours_total": round(sum(row.hours for row in hours), 2),
            "participant_hours_total": round(
                sum(row.participant_hours for row in hours), 2
            ),
            "gain": knowledge_gain(training_class=training_class),
        }


class ClassReportView(ClassReportMixin, TemplateView):
    template_name = "training/admin/class_report.html"
    page_title = _("Class report")

    def get_page_subtitle(self) -> str:
        return str(self.training_class)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {
                "url": "",
                "label": self.get_page_title(),
                "sublabel": self.get_page_subtitle(),
            },
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            **self.report(),
            export_url=reverse(
                "training_reports:export", args=[self.training_class.pk]
            ),
            **kwargs,
        )


class ClassReportExportView(ClassReportMixin, TemplateView):
    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        report = self.report()
        content = class_report_workbook(report)
        personal_data_export_log(
            request,
            what="class report",
            rows=len(report["matrix"].rows),
            file_format="xlsx",
        )
        response = HttpResponse(content, content_type=XLSX_TYPE)
        name = slugify(self.training_class.code) or self.training_class.pk
        response["Content-Disposition"] = f'attachment; filename="lop-{name}.xlsx"'
        return response


def _cell(value: Any) -> Any:
    return spreadsheet_safe_text(str(value)) if isinstance(value, str) else value


def class_report_workbook(report: dict[str, Any]) -> bytes:
    """Three sheets: the class and its figures, the sessions, the attendance matrix."""
    training_class: TrainingClass = report["training_class"]
    matrix = report["matrix"]
    workbook = Workbook(write_only=True)

    summary = workbook.create_sheet(gettext("Class"))
    rows: list[list[Any]] = [
        [gettext("Code"), training_class.code],
        [gettext("Title"), training_class.title],
        [gettext("Organising unit"), str(training_class.unit)],
        [gettext("Mode"), training_class.get_mode_display()],
        [gettext("Venue"), training_class.venue or training_class.meeting_url],
        [
            gettext("Dates"),
            f"{training_class.starts_on:%d/%m/%Y} – {training_class.ends_on:%d/%m/%Y}",
        ],
        [
            gettext("Trainers"),
            ", ".join(t.get_full_name() or t.username for t in report["trainers"]),
        ],
        [gettext("Funding source"), training_class.get_funding_source_display()],
        [gettext("Participants"), len(matrix.rows)],
        [gettext("Sessions"), len(matrix.sessions)],
        [gettext("Training hours"), report["hours_total"]],
        [gettext("Participant-hours delivered"), report["participant_hours_total"]],
    ]
    gain = report["gain"]
    if gain is not None:
        rows += [
            [gettext("Took both tests"), gain.participants],
            [gettext("Pre-test average (%)"), gain.pre_average],
            [gettext("Post-test average (%)"), gain.post_average],
            [gettext("Knowledge gain (points)"), gain.gain],
        ]
    for label, breakdown in report["breakdowns"]:
        rows.append([])
        rows.append([str(label), gettext("Participants")])
        rows += [[name, count] for name, count in breakdown.rows]
    for row in rows:
        summary.append([_cell(value) for value in row])

    sessions = workbook.create_sheet(gettext("Sessions"))
    sessions.append(
        [
            gettext("Date"),
            gettext("Start"),
            gettext("End"),
            gettext("Hours"),
            gettext("Topic"),
            gettext("Place"),
            gettext("Trainers"),
            gettext("Weighted attendance"),
            gettext("Participant-hours"),
        ]
    )
    trainers = ", ".join(t.get_full_name() or t.username for t in report["trainers"])
    for row in report["hours"]:
        session = row.session
        sessions.append(
            [
                f"{session.date:%d/%m/%Y}",
                f"{session.starts_at:%H:%M}",
                f"{session.ends_at:%H:%M}",
                row.hours,
                _cell(session.topic),
                _cell(session.place or training_class.venue),
                _cell(trainers),
                row.weighted_attendance,
                row.participant_hours,
            ]
        )

    attendance = workbook.create_sheet(gettext("Attendance"))
    attendance.append(
        [
            gettext("Full name"),
            gettext("Unit"),
            *(f"{s.date:%d/%m/%Y} {s.starts_at:%H:%M}" for s in matrix.sessions),
            gettext("Attendance (%)"),
        ]
    )
    for matrix_row in matrix.rows:
        person = matrix_row.participant.person
        attendance.append(
            [
                _cell(person.get_full_name() or person.username),
                _cell(str(person.unit) if person.unit_id else ""),
                *(
                    _cell(mark.status.label) if mark else ""
                    for mark in matrix_row.marks
                ),
                None if matrix_row.percent is None else round(matrix_row.percent, 1),
            ]
        )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


class ClassReportViewSet(ViewSet):
    name = "training_reports"
    url_prefix = "training/reports"
    icon = "table"

    def get_urlpatterns(self) -> list[Any]:
        return [
            path("<int:pk>/", ClassReportView.as_view(), name="class"),
            path("<int:pk>/xlsx/", ClassReportExportView.as_view(), name="export"),
        ]


@hooks.register("register_admin_viewset")
def register_class_reports() -> ViewSet:
    """training/wagtail_hooks.py imports this module, so Wagtail finds the hook."""
    return ClassReportViewSet()
