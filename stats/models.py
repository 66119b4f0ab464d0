"""What the statistics keep of their own: report templates, the reports units
submit (with the figures frozen), and the register of target populations.

Everything else the dashboard shows is read live from the apps below.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MONTH = [MinValueValidator(1), MaxValueValidator(12)]
DAY = [MinValueValidator(1), MaxValueValidator(31)]


@dataclass(frozen=True)
class ReportPeriod:
    """A template's dates in one year."""

    start: dt.date
    end: dt.date
    cutoff: dt.date
    due: dt.date


class ReportTemplate(models.Model):
    """A report the province asks for every year: to whom, over which days, by when.

    Data, not constants (DESIGN.md §4): the body receiving it changed in 2025
    (Sở LĐTBXH, then Sở Nội vụ), so a template holds the years it applies to.
    """

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(
        _("short name"),
        max_length=60,
        help_text=_("Used on the command line, e.g. bao-cao-nam."),
    )
    recipient = models.CharField(_("recipient body"), max_length=255)
    period_start_month = models.PositiveSmallIntegerField(
        _("period starts (month)"), validators=MONTH
    )
    period_start_day = models.PositiveSmallIntegerField(
        _("period starts (day)"), validators=DAY
    )
    starts_in_previous_year = models.BooleanField(
        _("period starts in the previous year"), default=False
    )
    period_end_month = models.PositiveSmallIntegerField(
        _("period ends (month)"), validators=MONTH
    )
    period_end_day = models.PositiveSmallIntegerField(
        _("period ends (day)"), validators=DAY
    )
    cutoff_month = models.PositiveSmallIntegerField(
        _("data cut-off (month)"), validators=MONTH
    )
    cutoff_day = models.PositiveSmallIntegerField(
        _("data cut-off (day)"), validators=DAY
    )
    due_month = models.PositiveSmallIntegerField(_("due (month)"), validators=MONTH)
    due_day = models.PositiveSmallIntegerField(_("due (day)"), validators=DAY)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(
        _("last year"),
        null=True,
        blank=True,
        help_text=_("Empty while the template is in use."),
    )

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        ordering = ["slug", "first_year"]
        # The dashboard has no model of its own; its permission lives here.
        permissions = [("view_dashboard", _("Can see the training statistics"))]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "first_year"], name="unique_report_template_years"
            ),
            models.CheckConstraint(
                condition=Q(last_year__isnull=True)
                | Q(last_year__gte=models.F("first_year")),
                name="report_template_years_in_order",
            ),
        ]

    def __str__(self):
        return self.name

    def applies_to(self, year: int) -> bool:
        return self.first_year <= year and (
            self.last_year is None or year <= self.last_year
        )

    def period(self, year: int) -> ReportPeriod:
        """The template's dates for the report of `year` (31/2 reads as 28/2 or 29/2)."""
        start_year = year - 1 if self.starts_in_previous_year else year
        return ReportPeriod(
            start=_day(start_year, self.period_start_month, self.period_start_day),
            end=_day(year, self.period_end_month, self.period_end_day),
            cutoff=_day(year, self.cutoff_month, self.cutoff_day),
            due=_day(year, self.due_month, self.due_day),
        )


def _day(year: int, month: int, day: int) -> dt.date:
    while True:
        try:
            return dt.date(year, month, day)
        except ValueError:
            day -= 1


class ReportSubmission(models.Model):
    """A unit's report for one template and year: figures frozen when submitted.

    The level above approves it or returns it with a comment; a returned report
    is submitted again (its figures frozen anew).
    """

    class Status(models.TextChoices):
        # A context of their own: the project's catalogue says "Submitted" of a quiz.
        SUBMITTED = "submitted", pgettext_lazy("report status", "Submitted")
        RETURNED = "returned", pgettext_lazy("report status", "Returned for changes")
        APPROVED = "approved", pgettext_lazy("report status", "Approved")

    template = models.ForeignKey(
        ReportTemplate,
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("report"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    unit = models.ForeignKey(
        "people.AdminUnit",
        on_delete=models.PROTECT,
        related_name="report_submissions",
        verbose_name=_("unit"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    figures = models.JSONField(_("figures"), default=dict)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("report submission")
        verbose_name_plural = _("report submissions")
        ordering = ["-year", "template", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "year", "unit"], name="unique_report_submission"
            )
        ]

    def __str__(self):
        return f"{self.template} {self.year} – {self.unit}"


class ReportReminder(models.Model):
    """A reminder e-mailed to a unit's managers: kept so none goes out twice."""

    template = models.ForeignKey(
        ReportTemplate, on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    unit = models.ForeignKey(
        "people.AdminUnit", on_delete=models.CASCADE, related_name="+"
    )
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["template", "year", "unit", "days_before"],
                name="unique_report_reminder",
            )
        ]

    def __str__(self):
        return f"{self.template} {self.year} – {self.unit} (-{self.days_before})"


class TargetPopulation(models.Model):
    """How many people of a target group a unit has in a year: the denominator
    of "the share trained at least once"."""

    unit = models.ForeignKey(
        "people.AdminUnit",
        on_delete=models.PROTECT,
        related_name="target_populations",
        verbose_name=_("unit"),
    )
    target_group = models.ForeignKey(
        "people.TargetGroup",
        on_delete=models.PROTECT,
        related_name="populations",
        verbose_name=_("target group"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    size = models.PositiveIntegerField(_("number of people"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("target population")
        verbose_name_plural = _("target populations")
        ordering = ["-year", "unit__path", "target_group__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "target_group", "year"],
                name="unique_target_population",
            )
        ]

    def __str__(self):
        return f"{self.unit} · {self.target_group} · {self.year}: {self.size}"
