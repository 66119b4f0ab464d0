"""A course handed to many learners at once (Kolibri's LessonAssignment idea).

The record keeps what was asked (the course, the due date and whom: chosen
people, unit subtrees, target groups), so the background job that creates the
enrolments takes only its id and can be run again safely.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseAssignment(models.Model):
    """A course assigned by a trainer or unit manager, with a due date."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Assigning")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("course"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    due_date = models.DateField(_("due date"))
    learners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        verbose_name=_("chosen learners"),
    )
    units = models.ManyToManyField(
        "people.AdminUnit",
        blank=True,
        related_name="+",
        verbose_name=_("units (with the units below them)"),
    )
    target_groups = models.ManyToManyField(
        "people.TargetGroup",
        blank=True,
        related_name="+",
        verbose_name=_("target groups"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    total_count = models.PositiveIntegerField(_("learners"), default=0)
    created_count = models.PositiveIntegerField(_("new enrolments"), default=0)
    updated_count = models.PositiveIntegerField(
        _("already enrolled (due date updated)"), default=0
    )
    failure_message = models.TextField(_("failure"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("course assignment")
        verbose_name_plural = _("course assignments")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.course} · {self.due_date:%d/%m/%Y}"
