"""Legal documents: laws, decrees, decisions and plans, with their status and file."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from lms.text import fold_for_index


class LegalDocument(index.Indexed, models.Model):
    """One legal text as the province refers to it (a snippet, listed on its index page)."""

    class Kind(models.TextChoices):
        LAW = "law", _("Law")
        RESOLUTION = "resolution", _("Resolution")
        DECREE = "decree", _("Decree")
        CIRCULAR = "circular", _("Circular")
        DECISION = "decision", pgettext_lazy("legal document kind", "Decision")
        PLAN = "plan", _("Plan")
        OFFICIAL_LETTER = "letter", _("Official letter")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        AMENDED = "amended", _("In force, amended")
        REPLACED = "replaced", _("Replaced")
        EXPIRED = "expired", _("Expired")

    number = models.CharField(_("number"), max_length=100)
    title = models.CharField(_("title"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    issuer = models.CharField(_("issued by"), max_length=255)
    issued_on = models.DateField(_("date issued"))
    effective_from = models.DateField(_("in force from"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_FORCE
    )
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )
    summary = models.TextField(_("summary"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("file"),
    )

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("kind")]),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("issued_on")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("effective_from")]),
                FieldPanel("replaced_by"),
            ],
            heading=_("Status"),
        ),
        FieldPanel("summary"),
        FieldPanel("document"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("number"),
        index.SearchField("summary"),
        index.SearchField("search_folded"),
        index.FilterField("status"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        ordering = ["-issued_on", "number"]

    def __str__(self):
        return f"{self.number} — {self.title}"

    def search_folded(self) -> str:
        """The same text without diacritics, so "binh dang gioi" finds it."""
        return fold_for_index(f"{self.number} {self.title} {self.summary}")
