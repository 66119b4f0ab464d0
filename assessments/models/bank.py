"""The question bank: a tree of categories holding questions, each a series of versions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node


class QuestionCategory(MP_Node):
    """A folder of the bank; random quiz slots draw from one (and its subcategories)."""

    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    node_order_by = ["name"]

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")

    def __str__(self):
        return self.name

    @property
    def path_name(self) -> str:
        """ "Top/Sub/Leaf", the form GIFT's $CATEGORY and Moodle XML use."""
        names = [a.name for a in self.get_ancestors()] + [self.name]
        return "/".join(names)


class QuestionType(models.TextChoices):
    SINGLE_CHOICE = "single", _("Single choice")
    MULTIPLE_RESPONSE = "multiple", _("Multiple response")
    TRUE_FALSE = "truefalse", _("True/false")
    SHORT_ANSWER = "short", _("Short answer")
    NUMERICAL = "numerical", _("Numerical")
    MATCHING = "matching", _("Matching")
    ESSAY = "essay", _("Essay")


class Question(models.Model):
    """A question's identity in the bank; what it says lives in its versions."""

    Type = QuestionType

    category = models.ForeignKey(
        QuestionCategory,
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("category"),
    )
    question_type = models.CharField(
        _("question type"), max_length=20, choices=QuestionType.choices
    )
    name = models.CharField(_("name"), max_length=255)
    current_version = models.ForeignKey(
        "assessments.QuestionVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current version"),
    )
    is_archived = models.BooleanField(_("archived"), default=False)
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
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["category", "name", "pk"]
        permissions = [("import_questions", _("Can import and export questions"))]
        indexes = [models.Index(fields=["category", "is_archived"])]

    def __str__(self):
        return self.name


class QuestionVersion(models.Model):
    """What a question said at one time. Once answered, a version is never changed.

    `data` holds the type's own content (choices, accepted answers, pairs...);
    its shape for each type is documented in assessments.question_types.
    """

    question = models.ForeignKey(
        Question,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("question"),
    )
    number = models.PositiveIntegerField(_("version"), default=1)
    text = models.TextField(_("question text"))
    general_feedback = models.TextField(_("general feedback"), blank=True)
    default_marks = models.DecimalField(
        _("default marks"), max_digits=6, decimal_places=2, default=1
    )
    data = models.JSONField(_("answers"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("question version")
        verbose_name_plural = _("question versions")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "number"], name="unique_question_version_number"
            )
        ]

    def __str__(self):
        return f"{self.question.name} (v{self.number})"

    @property
    def question_type(self) -> str:
        return self.question.question_type
