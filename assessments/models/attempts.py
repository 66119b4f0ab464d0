"""A learner's attempt at a quiz, frozen at start: questions, versions, order."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Attempt(models.Model):
    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", pgettext_lazy("quiz attempt", "In progress")
        AWAITING_GRADING = "awaiting_grading", _("Awaiting grading")
        GRADED = "graded", _("Graded")

    quiz = models.ForeignKey(
        "assessments.Quiz",
        on_delete=models.PROTECT,
        related_name="attempts",
        verbose_name=_("quiz"),
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
        verbose_name=_("learner"),
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    graded_at = models.DateTimeField(_("graded"), null=True, blank=True)
    auto_submitted = models.BooleanField(_("submitted automatically"), default=False)
    # Sequential navigation: pages before this one can no longer be changed.
    current_page = models.PositiveSmallIntegerField(_("current page"), default=1)
    # Bumped by every accepted save; a page posting an older value is out of date.
    sequence = models.PositiveIntegerField(_("sequence"), default=0)
    score = models.DecimalField(
        _("score"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    max_score = models.DecimalField(
        _("maximum score"), max_digits=8, decimal_places=2, default=0
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["quiz", "learner", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "learner", "number"], name="unique_attempt_number"
            ),
            models.UniqueConstraint(
                fields=["quiz", "learner"],
                condition=Q(state="in_progress"),
                name="one_open_attempt_per_learner",
            ),
        ]
        indexes = [models.Index(fields=["state", "deadline"])]

    def __str__(self):
        return f"{self.quiz} · {self.learner} · #{self.number}"

    @property
    def percentage(self):
        """Rounded by the one rule of assessments.scoring, as every page shows it."""
        from ..scoring import percentage

        return percentage(self.score, self.max_score)


class AttemptQuestion(models.Model):
    """One question as this attempt was given it, with the answer and its grade."""

    attempt = models.ForeignKey(
        Attempt,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("attempt"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    page = models.PositiveSmallIntegerField(_("page"), default=1)
    slot_position = models.PositiveSmallIntegerField(_("quiz slot"), default=0)
    question_version = models.ForeignKey(
        "assessments.QuestionVersion",
        on_delete=models.PROTECT,
        related_name="attempt_questions",
        verbose_name=_("question version"),
    )
    max_marks = models.DecimalField(_("marks"), max_digits=6, decimal_places=2)
    # Option or answer ids in the order this learner sees them.
    choice_order = models.JSONField(_("option order"), default=list, blank=True)
    response = models.JSONField(_("response"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    fraction = models.FloatField(_("fraction"), null=True, blank=True)
    marks = models.DecimalField(
        _("marks obtained"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    needs_grading = models.BooleanField(_("needs grading"), default=False)
    grader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("graded by"),
    )
    grader_comment = models.TextField(_("grader's comment"), blank=True)
    graded_at = models.DateTimeField(_("graded"), null=True, blank=True)

    class Meta:
        verbose_name = _("attempt question")
        verbose_name_plural = _("attempt questions")
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="unique_attempt_question_position"
            ),
            models.CheckConstraint(
                condition=Q(fraction__isnull=True)
                | (Q(fraction__gte=0) & Q(fraction__lte=1)),
                name="attempt_question_fraction_0_1",
            ),
        ]

    def __str__(self):
        return f"{self.attempt} · Q{self.position}"

    @property
    def question_type(self) -> str:
        return self.question_version.question.question_type


class RegradeRecord(models.Model):
    """Audit of a regrade: who re-marked which quiz, when, and what changed."""

    quiz = models.ForeignKey(
        "assessments.Quiz",
        on_delete=models.CASCADE,
        related_name="regrades",
        verbose_name=_("quiz"),
    )
    question = models.ForeignKey(
        "assessments.Question",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("question"),
    )
    regraded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("regraded by"),
    )
    regraded_at = models.DateTimeField(_("regraded at"), auto_now_add=True)
    attempts_checked = models.PositiveIntegerField(_("attempts checked"), default=0)
    attempts_changed = models.PositiveIntegerField(_("attempts changed"), default=0)
    changes = models.JSONField(_("changes"), default=list, blank=True)

    class Meta:
        verbose_name = _("regrade record")
        verbose_name_plural = _("regrade records")
        ordering = ["-regraded_at"]

    def __str__(self):
        return f"{self.quiz} · {self.regraded_at:%d/%m/%Y %H:%M}"
