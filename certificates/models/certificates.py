"""A certificate issued, with what it certifies frozen at issue, and the register's counter."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people.models import private_uploads_storage


def new_verification_code() -> str:
    """192 random bits, URL-safe: unguessable, so a certificate is checked by its code."""
    return secrets.token_urlsafe(24)


class CertificateCounter(models.Model):
    """The last number given in a body's register for a year (locked while issuing)."""

    issuing_body = models.ForeignKey(
        "certificates.IssuingBody", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuing_body", "year"], name="unique_certificate_counter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.issuing_body_id}/{self.year}: {self.last_number}"


class Certificate(models.Model):
    """One certificate: who earned it, for what, and its number in the register.

    Everything printed is copied here at issue (name, date of birth, position,
    organisation, title, dates, place, hours, result, grade): later edits to the
    profile or the course never change a certificate. Re-issuing makes a new
    certificate and marks this one replaced.
    """

    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")
        REPLACED = "replaced", _("Replaced")

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("holder"),
    )
    rule = models.ForeignKey(
        "certificates.CertificateRule",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("rule"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("course"),
    )
    training_class = models.ForeignKey(
        "training.TrainingClass",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("class"),
    )
    issuing_body = models.ForeignKey(
        "certificates.IssuingBody",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("issuing body"),
    )
    year = models.PositiveSmallIntegerField(_("register year"))
    sequence = models.PositiveIntegerField(_("register sequence"))
    number = models.CharField(_("number"), max_length=60)
    verification_code = models.CharField(
        _("verification code"),
        max_length=64,
        unique=True,
        default=new_verification_code,
        editable=False,
    )
    # What it certifies, frozen at issue.
    full_name = models.CharField(_("full name"), max_length=150)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    position = models.CharField(_("position"), max_length=150, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)
    subject_title = models.CharField(_("course or class"), max_length=255)
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("to"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    hours = models.DecimalField(
        _("hours"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    score = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    result = models.CharField(_("result"), max_length=60, default="Đạt")
    grade = models.CharField(_("grade"), max_length=60, blank=True)
    issued_on = models.DateField(_("date of issue"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
        help_text=_("Empty when issued automatically."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VALID
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revocation_reason = models.TextField(_("reason for revoking"), blank=True)
    replaced_by = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )
    pdf = models.FileField(
        _("PDF"),
        upload_to="certificates/%Y/",
        storage=private_uploads_storage,
        blank=True,
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            # Exactly once: one certificate in force (valid or revoked) per
            # learner and course or class; a replaced one makes way for its
            # successor.
            models.UniqueConstraint(
                fields=["holder", "course"],
                condition=Q(course__isnull=False) & ~Q(status="replaced"),
                name="one_certificate_per_course",
            ),
            models.UniqueConstraint(
                fields=["holder", "training_class"],
                condition=Q(training_class__isnull=False) & ~Q(status="replaced"),
                name="one_certificate_per_class",
            ),
            models.UniqueConstraint(
                fields=["issuing_body", "year", "sequence"],
                name="unique_certificate_register_number",
            ),
            models.CheckConstraint(
                condition=(Q(course__isnull=False) & Q(training_class__isnull=True))
                | (Q(course__isnull=True) & Q(training_class__isnull=False)),
                name="certificate_for_course_or_class",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.full_name}"
