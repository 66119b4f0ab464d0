"""StreamField blocks of the public pages (standard pages and news)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quotation"))
    source = blocks.CharBlock(
        label=pgettext_lazy("quotation", "source"), required=False
    )

    class Meta:
        icon = "openquote"
        label = _("Quotation")
        template = "content_pages/blocks/quote.html"


class ContentStreamBlock(blocks.StreamBlock):
    """ImageBlock asks for alternative text (or "decorative") on every image."""

    heading = blocks.CharBlock(
        label=_("Heading"), icon="title", template="content_pages/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)
    image = ImageBlock(label=_("Image"))
    document = DocumentChooserBlock(
        label=_("Document"), template="content_pages/blocks/document.html"
    )
    embed = EmbedBlock(label=_("Video"), max_width=800)
    quote = QuoteBlock()
    table = TableBlock(label=_("Table"))
