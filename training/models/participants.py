"""Who takes part in a class, with the registration form of DOMAIN.md §5.4."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Participant(models.Model):
    """A person's registration in a class, from request to completion.

    Confirmed participants hold the class's places; beyond the capacity people
    wait, in the order they registered (training.services.participants).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REJECTED = "rejected", _("Not approved")

    class Source(models.TextChoices):
        SELF = "self", _("Registered themselves")
        MANAGER = "manager", _("Registered by a unit manager")
        IMPORT = "import", _("Imported from a list")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    training_class = models.ForeignKey(
        "training.TrainingClass",
        on_delete=models.CASCADE,
        related_name="participants",
        verbose_name=_("class"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="class_registrations",
        verbose_name=_("participant"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    source = models.CharField(
        _("registered by"), max_length=20, choices=Source.choices, default=Source.SELF
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    attendance_mode = models.CharField(
        _("attends"), max_length=20, choices=Mode.choices, default=Mode.IN_PERSON
    )
    # Support needs (Law on Gender Equality art. 14: a parent may bring a child
    # under 36 months to training).
    brings_young_child = models.BooleanField(
        _("brings a child under 36 months"), default=False
    )
    needs_disability_support = models.BooleanField(
        _("needs support for a disability"), default=False
    )
    interpreter_language = models.CharField(
        _("interpreter needed for"),
        max_length=100,
        blank=True,
        help_text=_("An ethnic-minority language, if an interpreter is needed."),
    )
    accommodation_needs = models.CharField(
        _("accommodation and travel"), max_length=255, blank=True
    )
    previous_training_year = models.PositiveSmallIntegerField(
        _("last gender-equality training (year)"), null=True, blank=True
    )
    consent_at = models.DateTimeField(_("data-processing consent given"))
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    low_attendance_warned_at = models.DateTimeField(
        _("low-attendance warning sent"), null=True, blank=True
    )
    # Whether the person was there (present or late) at least once: refreshed
    # whenever one of their marks is saved or deleted (training.signal_handlers,
    # participants_attended_update). The statistics count a participant-turn by
    # it instead of searching a million attendance marks.
    attended = models.BooleanField(_("attended at least once"), default=False)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["training_class", "registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["training_class", "person"],
                name="unique_participant_per_class",
            ),
        ]
        indexes = [
            models.Index(fields=["training_class", "status", "registered_at"]),
            models.Index(
                fields=["training_class", "person"],
                condition=models.Q(status="confirmed", attended=True),
                name="training_participant_turns",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.training_class.code}"
