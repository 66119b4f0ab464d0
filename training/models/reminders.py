"""Reminders sent: one row per session and participant, so none goes twice."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionReminder(models.Model):
    """The day-before reminder of one session, sent to one participant."""

    session = models.ForeignKey(
        "training.Session",
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("session"),
    )
    participant = models.ForeignKey(
        "training.Participant",
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("participant"),
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("session reminder")
        verbose_name_plural = _("session reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="unique_session_reminder"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.session}"
