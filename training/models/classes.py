"""A training class and its sessions: what is taught, to whom, when and where."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel


class TrainingClass(ClusterableModel):
    """A run of training for a cohort (tập huấn, lớp bồi dưỡng), in a hall or online.

    It may deliver a course (its online part) and may set a pre-test and a
    post-test; completion is decided in training.services.completion.
    """

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        BLENDED = "blended", _("Blended")

    class FundingSource(models.TextChoices):
        STATE_BUDGET = "state_budget", _("State budget")
        PROJECT = "project", _("Project or sponsor")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for registration")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    code = models.CharField(
        _("code"), max_length=40, unique=True, help_text=_("e.g. TH-2026-01")
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_classes",
        verbose_name=_("course delivered"),
        help_text=_("The course whose online part the participants take (optional)."),
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_classes",
        verbose_name=_("organising body"),
    )
    unit = models.ForeignKey(
        "people.AdminUnit",
        on_delete=models.PROTECT,
        related_name="training_classes",
        verbose_name=_("organising unit"),
    )
    target_groups = models.ManyToManyField(
        "people.TargetGroup",
        blank=True,
        related_name="training_classes",
        verbose_name=_("target groups"),
    )
    mode = models.CharField(
        _("mode"), max_length=20, choices=Mode.choices, default=Mode.IN_PERSON
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    meeting_url = models.URLField(
        _("meeting link"),
        blank=True,
        help_text=_(
            "Participants join through the platform, which records attendance."
        ),
    )
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="classes_taught",
        verbose_name=_("trainers"),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), help_text=_("Beyond it, people join the waiting list.")
    )
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True
    )
    requires_approval = models.BooleanField(
        _("registrations need approval"), default=False
    )
    attendance_threshold = models.PositiveSmallIntegerField(
        _("attendance needed for completion (%)"), default=80
    )
    late_after_minutes = models.PositiveSmallIntegerField(
        _("late after (minutes)"),
        default=15,
        help_text=_("A check-in this long after a session starts is marked late."),
    )
    pre_test = models.ForeignKey(
        "assessments.Quiz",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pre-test"),
    )
    post_test = models.ForeignKey(
        "assessments.Quiz",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("post-test"),
    )
    funding_source = models.CharField(
        _("funding source"),
        max_length=20,
        choices=FundingSource.choices,
        default=FundingSource.STATE_BUDGET,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("training class")
        verbose_name_plural = _("training classes")
        ordering = ["-starts_on", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="training_class_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(attendance_threshold__lte=100),
                name="training_class_threshold_0_100",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="training_class_capacity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"


class Session(models.Model):
    """One meeting of a class; its duration counts as training hours."""

    # A ParentalKey, so the admin edits a class with its sessions (InlinePanel).
    training_class = ParentalKey(
        TrainingClass,
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("class"),
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("start time"))
    ends_at = models.TimeField(_("end time"))
    topic = models.CharField(_("topic"), max_length=255)
    place = models.CharField(_("room or link"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="training_session_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.starts_at:%H:%M} – {self.topic}"

    @property
    def duration(self) -> timedelta:
        return datetime.combine(self.date, self.ends_at) - datetime.combine(
            self.date, self.starts_at
        )

    @property
    def hours(self) -> float:
        return round(self.duration.total_seconds() / 3600, 2)
