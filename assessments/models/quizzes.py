"""A quiz: its settings and the slots that say which questions it asks."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Quiz(models.Model):
    """Settings follow Moodle's quiz; see assessments.services.attempts for the rules."""

    class Purpose(models.TextChoices):
        PRACTICE = "practice", _("Practice")
        GRADED = "graded", pgettext_lazy("quiz purpose", "Graded")
        PRE_TEST = "pre_test", _("Pre-test")
        POST_TEST = "post_test", _("Post-test")

    class GradingMethod(models.TextChoices):
        HIGHEST = "highest", _("Highest grade")
        AVERAGE = "average", _("Average grade")
        FIRST = "first", _("First attempt")
        LAST = "last", _("Last attempt")

    class Navigation(models.TextChoices):
        FREE = "free", _("Free")
        SEQUENTIAL = "sequential", _("Sequential")

    title = models.CharField(_("title"), max_length=255)
    reference = models.CharField(
        _("reference code"),
        max_length=50,
        blank=True,
        help_text=_(
            "An optional short code that names the quiz in reports and imports."
        ),
    )
    instructions = models.TextField(_("instructions"), blank=True)
    purpose = models.CharField(
        _("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.GRADED
    )
    pre_test = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="post_tests",
        limit_choices_to={"purpose": "pre_test"},
        verbose_name=_("paired pre-test"),
        help_text=_(
            "For a post-test: the pre-test its knowledge gain is measured from."
        ),
    )
    time_limit_minutes = models.PositiveIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=_("0 means unlimited."),
    )
    grading_method = models.CharField(
        _("grading method"),
        max_length=20,
        choices=GradingMethod.choices,
        default=GradingMethod.HIGHEST,
    )
    pass_percentage = models.DecimalField(
        _("pass mark (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("50"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    navigation = models.CharField(
        _("navigation"),
        max_length=20,
        choices=Navigation.choices,
        default=Navigation.FREE,
    )
    questions_per_page = models.PositiveSmallIntegerField(
        _("questions per page"),
        default=5,
        validators=[MaxValueValidator(100)],
        help_text=_("0 puts every question on one page."),
    )
    # Review options: what the learner sees, and when (Moodle's matrix).
    review_score_immediately = models.BooleanField(_("score"), default=True)
    review_correctness_immediately = models.BooleanField(
        _("right or wrong"), default=True
    )
    review_answers_immediately = models.BooleanField(
        _("correct answers"), default=False
    )
    review_feedback_immediately = models.BooleanField(_("feedback"), default=True)
    review_score_open = models.BooleanField(_("score"), default=True)
    review_correctness_open = models.BooleanField(_("right or wrong"), default=True)
    review_answers_open = models.BooleanField(_("correct answers"), default=False)
    review_feedback_open = models.BooleanField(_("feedback"), default=True)
    review_score_closed = models.BooleanField(_("score"), default=True)
    review_correctness_closed = models.BooleanField(_("right or wrong"), default=True)
    review_answers_closed = models.BooleanField(_("correct answers"), default=True)
    review_feedback_closed = models.BooleanField(_("feedback"), default=True)

    open_to_all = models.BooleanField(
        _("open to every signed-in user"),
        default=False,
        help_text=_(
            "Otherwise only learners of a course lesson that places this quiz may take it."
        ),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_quizzes",
        verbose_name=_("owner"),
    )
    graders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="graded_quizzes",
        verbose_name=_("graders"),
        help_text=_("Trainers who grade essays and see this quiz's reports."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        ordering = ["title", "pk"]
        permissions = [
            ("grade_attempts", _("Can grade and regrade attempts")),
            ("view_quiz_reports", _("Can see quiz reports and item analysis")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=~Q(reference=""),
                name="unique_quiz_reference",
            ),
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True)
                | Q(opens_at__isnull=True)
                | Q(closes_at__gt=models.F("opens_at")),
                name="quiz_closes_after_opens",
            ),
        ]

    def __str__(self):
        return self.title


class QuizSlot(models.Model):
    """One place in a quiz: a fixed question, or N questions drawn from a category."""

    quiz = models.ForeignKey(
        Quiz, on_delete=models.CASCADE, related_name="slots", verbose_name=_("quiz")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    question = models.ForeignKey(
        "assessments.Question",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="slots",
        verbose_name=_("question"),
    )
    random_category = models.ForeignKey(
        "assessments.QuestionCategory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="random_slots",
        verbose_name=_("random from category"),
    )
    random_count = models.PositiveSmallIntegerField(
        _("how many random questions"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )
    include_subcategories = models.BooleanField(
        _("include subcategories"), default=True
    )
    marks = models.DecimalField(
        _("marks per question"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )

    class Meta:
        verbose_name = _("quiz slot")
        verbose_name_plural = _("quiz slots")
        ordering = ["quiz", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(question__isnull=False) & Q(random_category__isnull=True))
                | (Q(question__isnull=True) & Q(random_category__isnull=False)),
                name="quiz_slot_fixed_or_random",
            ),
        ]

    def __str__(self):
        if self.question_id:
            return str(self.question)
        return f"{self.random_count} × {self.random_category}"
