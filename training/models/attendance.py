"""Attendance: a mark per participant and session, and the history of every change."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AttendanceStatus(models.Model):
    """Present, late, excused, absent: labels and weights an administrator may edit.

    The weight (%) is what a mark counts towards the attendance percentage, as
    in Moodle's attendance module.
    """

    code = models.SlugField(_("code"), max_length=20, unique=True)
    label = models.CharField(_("label"), max_length=60)
    weight = models.PositiveSmallIntegerField(_("weight (%)"), default=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    PRESENT = "present"
    LATE = "late"
    EXCUSED = "excused"
    ABSENT = "absent"
    # The marks that mean the person was there (Participant.attended).
    PRESENCE = (PRESENT, LATE)

    class Meta:
        verbose_name = _("attendance status")
        verbose_name_plural = _("attendance statuses")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__lte=100), name="attendance_weight_0_100"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class AttendanceSource(models.TextChoices):
    ROLL_CALL = "roll_call", _("Roll-call")
    QR = "qr", _("QR check-in")
    CODE = "code", _("Typed check-in code")
    ONLINE_JOIN = "online_join", _("Joined online")
    SHEET = "sheet", _("Sign-in sheet")
    ADMIN = "admin", _("Administration")


class AttendanceRecord(models.Model):
    """The current mark of one participant in one session."""

    session = models.ForeignKey(
        "training.Session",
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("session"),
    )
    participant = models.ForeignKey(
        "training.Participant",
        on_delete=models.CASCADE,
        related_name="attendance",
        verbose_name=_("participant"),
    )
    status = models.ForeignKey(
        AttendanceStatus,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("status"),
    )
    source = models.CharField(
        _("source"), max_length=20, choices=AttendanceSource.choices
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("marked by"),
    )
    marked_at = models.DateTimeField(
        _("marked at"),
        help_text=_("When the mark was made (on the phone, if it was offline)."),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="unique_attendance_mark"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.session}: {self.status}"


class AttendanceChange(models.Model):
    """Every mark made, kept: who marked whom, when, from what to what.

    A mark that arrives after a later one (an offline phone syncing late) is
    kept here as overridden: the later mark wins, and nothing is lost silently.
    """

    session = models.ForeignKey(
        "training.Session",
        on_delete=models.CASCADE,
        related_name="attendance_changes",
        verbose_name=_("session"),
    )
    participant = models.ForeignKey(
        "training.Participant",
        on_delete=models.CASCADE,
        related_name="attendance_changes",
        verbose_name=_("participant"),
    )
    previous_status = models.ForeignKey(
        AttendanceStatus,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from"),
    )
    status = models.ForeignKey(
        AttendanceStatus,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("to"),
    )
    source = models.CharField(
        _("source"), max_length=20, choices=AttendanceSource.choices
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    marked_at = models.DateTimeField(_("marked at"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    was_applied = models.BooleanField(
        _("applied"),
        default=True,
        help_text=_("False when a later mark had already been made."),
    )

    class Meta:
        verbose_name = _("attendance change")
        verbose_name_plural = _("attendance changes")
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["session", "participant"])]

    def __str__(self) -> str:
        return f"{self.participant} – {self.session}: {self.status}"
