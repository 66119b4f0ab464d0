"""Settings of the public site, edited in the admin: who we are, menus, footer links.

Each text a visitor reads in the header or footer has an optional English
version (`*_en`) beside the Vietnamese one, shown when English is chosen with
the language switch; left empty, the Vietnamese text is shown.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    organisation_name = models.CharField(
        _("organisation name"),
        max_length=255,
        default="Ban Vì sự tiến bộ của phụ nữ tỉnh Quảng Ngãi",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo"),
    )
    organisation_name_en = models.CharField(
        _("organisation name (English)"), max_length=255, blank=True
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    footer_text = models.TextField(_("footer text"), blank=True)
    footer_text_en = models.TextField(_("footer text (English)"), blank=True)

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("organisation_name_en"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("address_en"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading=_("Contacts"),
        ),
        InlinePanel("menu_items", label=_("Main menu")),
        FieldPanel("footer_text"),
        FieldPanel("footer_text_en"),
        InlinePanel("footer_links", label=_("Footer links")),
    ]

    class Meta:
        verbose_name = _("site settings")


class LinkItem(Orderable):
    """A link to a page of the site or to an address."""

    label = models.CharField(_("label"), max_length=100)
    label_en = models.CharField(_("label (English)"), max_length=100, blank=True)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("page"),
    )
    link_url = models.CharField(_("or address"), max_length=500, blank=True)

    panels = [
        FieldPanel("label"),
        FieldPanel("label_en"),
        FieldPanel("link_page"),
        FieldPanel("link_url"),
    ]

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def url(self) -> str:
        if self.link_page is not None:
            return self.link_page.url or ""
        return self.link_url


class MainMenuItem(LinkItem):
    settings = ParentalKey(
        SiteSettings, on_delete=models.CASCADE, related_name="menu_items"
    )


class FooterLink(LinkItem):
    settings = ParentalKey(
        SiteSettings, on_delete=models.CASCADE, related_name="footer_links"
    )
