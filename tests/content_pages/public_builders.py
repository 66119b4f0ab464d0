"""Small builders for the public pages' tests: news, legal documents, images."""

import io
from datetime import date

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from content_pages.models import (
    LegalDocument,
    LegalDocumentIndexPage,
    NewsIndexPage,
    NewsPage,
    NewsTopic,
    StandardPage,
)

PDF_BYTES = b"%PDF-1.4\n% test file\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def make_image(title="Ảnh", description="Cán bộ dự lớp bồi dưỡng", size=(64, 36)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, "#8a1c5c").save(buffer, format="PNG")
    image = get_image_model()(
        title=title,
        description=description,
        file=ImageFile(io.BytesIO(buffer.getvalue()), name="anh.png"),
    )
    image.save()
    return image


def make_document(title="Văn bản", filename="van-ban.pdf"):
    document = get_document_model()(title=title)
    document.file.save(filename, ContentFile(PDF_BYTES), save=False)
    document.save()
    return document


def make_topic(name="Ngày kỷ niệm", slug="ngay-ky-niem") -> NewsTopic:
    return NewsTopic.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def make_news_index(parent, **kwargs) -> NewsIndexPage:
    kwargs.setdefault("title", "Tin tức – Sự kiện")
    kwargs.setdefault("slug", "tin-tuc")
    return parent.add_child(instance=NewsIndexPage(**kwargs))


def make_news(index, title="Tin", day=date(2026, 3, 6), **kwargs) -> NewsPage:
    kwargs.setdefault("slug", f"tin-{NewsPage.objects.count() + 1}")
    kwargs.setdefault("summary", f"Tóm tắt: {title}")
    return index.add_child(instance=NewsPage(title=title, date=day, **kwargs))


def make_standard_page(parent, **kwargs) -> StandardPage:
    kwargs.setdefault("title", "Giới thiệu")
    kwargs.setdefault("slug", "gioi-thieu")
    return parent.add_child(instance=StandardPage(**kwargs))


def make_legal_index(parent, **kwargs) -> LegalDocumentIndexPage:
    kwargs.setdefault("title", "Văn bản pháp luật")
    kwargs.setdefault("slug", "van-ban-phap-luat")
    return parent.add_child(instance=LegalDocumentIndexPage(**kwargs))


def make_legal_document(number="73/2006/QH11", **kwargs) -> LegalDocument:
    kwargs.setdefault("title", "Luật Bình đẳng giới")
    kwargs.setdefault("kind", LegalDocument.Kind.LAW)
    kwargs.setdefault("issuer", "Quốc hội")
    kwargs.setdefault("issued_on", date(2006, 11, 29))
    return LegalDocument.objects.create(number=number, **kwargs)
