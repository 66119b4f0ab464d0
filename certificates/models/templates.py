"""Who issues certificates, the template they print, and the rule that earns one."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class IssuingBody(models.Model):
    """The body whose register a certificate is entered in (DOMAIN.md §5.2).

    Numbering runs per body and year ("015/GCN-SNV"); the pattern is data, as
    registers differ from one body to another.
    """

    name = models.CharField(_("name"), max_length=200, help_text=_("e.g. SỞ NỘI VỤ"))
    parent_name = models.CharField(
        _("parent body"),
        max_length=200,
        blank=True,
        help_text=_("e.g. ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"),
    )
    code = models.SlugField(
        _("register code"), max_length=20, unique=True, help_text=_("e.g. SNV")
    )
    number_pattern = models.CharField(
        _("number pattern"),
        max_length=60,
        default="{number:03d}/GCN-{code}",
        help_text=_(
            "How numbers are written: {number} (the register's sequence, per year), "
            "{year} and {code}."
        ),
    )
    place_of_issue = models.CharField(
        _("place of issue"), max_length=100, default="Quảng Ngãi"
    )
    unit = models.ForeignKey(
        "people.AdminUnit",
        on_delete=models.PROTECT,
        related_name="issuing_bodies",
        verbose_name=_("unit"),
    )

    class Meta:
        verbose_name = _("issuing body")
        verbose_name_plural = _("issuing bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CertificateTemplate(models.Model):
    """How a certificate looks: the Vietnamese administrative layout (DOMAIN.md §5.2)."""

    class Orientation(models.TextChoices):
        LANDSCAPE = "landscape", _("A4 landscape")
        PORTRAIT = "portrait", _("A4 portrait")

    name = models.CharField(_("name"), max_length=150)
    issuing_body = models.ForeignKey(
        IssuingBody,
        on_delete=models.PROTECT,
        related_name="templates",
        verbose_name=_("issuing body"),
    )
    title = models.CharField(_("title"), max_length=100, default="GIẤY CHỨNG NHẬN")
    subtitle = models.CharField(
        _("subtitle"),
        max_length=150,
        blank=True,
        default="HOÀN THÀNH KHÓA BỒI DƯỠNG",
    )
    certifier_line = models.CharField(
        _("certifying authority"),
        max_length=200,
        blank=True,
        help_text=_("e.g. GIÁM ĐỐC SỞ NỘI VỤ TỈNH QUẢNG NGÃI"),
    )
    body = models.TextField(
        _("body text"),
        help_text=_(
            "Text with placeholders: {full_name}, {date_of_birth}, {position}, "
            "{organisation}, {title}, {start_date}, {end_date}, {place}, {hours}, "
            "{result}, {grade}."
        ),
    )
    signer_authority = models.CharField(
        _("signer's authority"),
        max_length=150,
        blank=True,
        help_text=_("One line each, e.g. KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"),
    )
    signer_name = models.CharField(_("signer's name"), max_length=150, blank=True)
    signature_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signature"),
    )
    seal_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("seal"),
    )
    background_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("background"),
    )
    orientation = models.CharField(
        _("page"),
        max_length=10,
        choices=Orientation.choices,
        default=Orientation.LANDSCAPE,
    )

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CertificateRule(models.Model):
    """When a course or a class earns a certificate, on which template, graded how."""

    class Condition(models.TextChoices):
        COURSE_COMPLETE = "course_complete", _("The course is complete")
        CLASS_COMPLETE = "class_complete", _("The class is complete")
        MIN_QUIZ_SCORE = (
            "min_quiz_score",
            _("Complete, with a minimum final quiz score"),
        )
        POST_TEST_PASSED = "post_test_passed", _("The class's post-test is passed")

    course = models.OneToOneField(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="certificate_rule",
        verbose_name=_("course"),
    )
    training_class = models.OneToOneField(
        "training.TrainingClass",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="certificate_rule",
        verbose_name=_("class"),
    )
    template = models.ForeignKey(
        CertificateTemplate,
        on_delete=models.PROTECT,
        related_name="rules",
        verbose_name=_("template"),
    )
    condition = models.CharField(
        _("earned when"), max_length=30, choices=Condition.choices
    )
    quiz = models.ForeignKey(
        "assessments.Quiz",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("final quiz"),
    )
    min_score = models.DecimalField(
        _("minimum score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    grade_bands = models.JSONField(
        _("grades"),
        default=list,
        blank=True,
        help_text=_(
            'From the lowest: [[0, "Đạt"], [70, "Khá"], [85, "Giỏi"]] — a score at '
            "or above each threshold earns its grade."
        ),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"), null=True, blank=True
    )
    is_active = models.BooleanField(_("issue automatically"), default=True)

    class Meta:
        verbose_name = _("certificate rule")
        verbose_name_plural = _("certificate rules")
        constraints = [
            models.CheckConstraint(
                condition=(Q(course__isnull=False) & Q(training_class__isnull=True))
                | (Q(course__isnull=True) & Q(training_class__isnull=False)),
                name="certificate_rule_course_or_class",
            ),
        ]

    def __str__(self) -> str:
        return str(self.course or self.training_class)
