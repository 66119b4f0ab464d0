"""A large question file being saved in the background, so its progress can be followed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from people.models import private_uploads_storage


class QuestionImport(models.Model):
    """One checked question file whose questions a Celery job saves."""

    class Status(models.TextChoices):
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    file = models.FileField(
        _("file"),
        upload_to="question_imports/jobs/%Y/%m/",
        storage=private_uploads_storage,
    )
    original_name = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("format"), max_length=20)
    category_path = models.CharField(_("category"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IMPORTING
    )
    total_questions = models.PositiveIntegerField(_("questions"), default=0)
    created_count = models.PositiveIntegerField(_("questions created"), default=0)
    failure_message = models.TextField(_("failure"), blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("question import")
        verbose_name_plural = _("question imports")
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name
