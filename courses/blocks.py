"""StreamField blocks for lesson bodies: light on phones, every medium downloadable."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

LESSON_RICH_TEXT_FEATURES = [
    "h3",
    "h4",
    "bold",
    "italic",
    "ol",
    "ul",
    "link",
    "document-link",
]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section")), ("h3", _("Subsection"))], default="h2"
    )

    class Meta:
        icon = "title"
        template = "courses/blocks/heading.html"
        label = _("Heading")


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "courses/blocks/image.html"
        label = _("Image with caption")


class VideoBlock(blocks.StructBlock):
    """An embed, or a file served by the platform with a download link for weak connections."""

    embed = EmbedBlock(label=_("Embedded video (URL)"), required=False)
    file = DocumentChooserBlock(label=_("Video file (mp4, webm)"), required=False)
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    transcript = blocks.TextBlock(label=_("Transcript"), required=False)

    class Meta:
        icon = "media"
        template = "courses/blocks/video.html"
        label = _("Video")

    def clean(self, value):
        cleaned = super().clean(value)
        if not cleaned.get("embed") and not cleaned.get("file"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "file": blocks.ValidationError(
                        _("Give a video URL or choose a video file.")
                    )
                }
            )
        return cleaned


class AudioBlock(blocks.StructBlock):
    file = DocumentChooserBlock(label=_("Audio file (mp3, ogg)"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    transcript = blocks.TextBlock(label=_("Transcript"), required=False)

    class Meta:
        icon = "media"
        template = "courses/blocks/audio.html"
        label = _("Audio")


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(
        label=_("Description"), required=False, max_length=250
    )

    class Meta:
        icon = "doc-full"
        template = "courses/blocks/document.html"
        label = _("Document download")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("note", _("Note")), ("tip", _("Tip")), ("warning", _("Important"))],
        default="note",
        label=_("Kind"),
    )
    text = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul", "ol"], label=_("Text")
    )

    class Meta:
        icon = "warning"
        template = "courses/blocks/callout.html"
        label = _("Callout")


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    answer = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul", "ol"], label=_("Answer")
    )


class AccordionBlock(blocks.StructBlock):
    items = blocks.ListBlock(QuestionAnswerBlock(), label=_("Questions and answers"))

    class Meta:
        icon = "list-ul"
        template = "courses/blocks/accordion.html"
        label = _("Accordion (questions and answers)")


class LawQuotationBlock(blocks.StructBlock):
    """A quoted article of a law or decree, with where it comes from."""

    text = blocks.TextBlock(label=_("Quoted text"))
    article = blocks.CharBlock(
        label=_("Article"), max_length=100, help_text=_("e.g. Điều 5, khoản 3")
    )
    act = blocks.CharBlock(
        label=_("Act"),
        max_length=200,
        help_text=_("e.g. Luật Bình đẳng giới số 73/2006/QH11"),
    )

    class Meta:
        icon = "openquote"
        template = "courses/blocks/law_quotation.html"
        label = _("Law article quotation")


class ReflectionQuestionBlock(blocks.StructBlock):
    """A question to think about; not graded, nothing is stored."""

    question = blocks.TextBlock(label=_("Question"))
    hint = blocks.TextBlock(label=_("Hint"), required=False)

    class Meta:
        icon = "help"
        template = "courses/blocks/reflection.html"
        label = _("Reflection question")


class LessonStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=LESSON_RICH_TEXT_FEATURES, label=_("Text"), icon="pilcrow"
    )
    image = CaptionedImageBlock()
    video = VideoBlock()
    audio = AudioBlock()
    document = DocumentDownloadBlock()
    callout = CalloutBlock()
    accordion = AccordionBlock()
    law_quotation = LawQuotationBlock()
    table = TableBlock(label=_("Table"), template="courses/blocks/table.html")
    reflection = ReflectionQuestionBlock()
