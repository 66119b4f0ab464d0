"""Small builders for the library's tests: a library page, resources, files."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from content_pages.models import (
    Audience,
    ResourceFile,
    ResourceFormat,
    ResourceLibraryPage,
    ResourcePage,
    ResourceTopic,
    SchoolLevel,
)

PDF_BYTES = b"%PDF-1.4\n% test file\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def make_library(parent, **kwargs) -> ResourceLibraryPage:
    kwargs.setdefault("title", "Thư viện tài liệu")
    kwargs.setdefault("slug", "thu-vien")
    return parent.add_child(instance=ResourceLibraryPage(**kwargs))


def make_document(title="Giáo án", filename="giao-an.pdf", content=PDF_BYTES):
    document = get_document_model()(title=title, file_size=len(content))
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    return document


def make_resource(
    library,
    *,
    levels=(),
    topics=(),
    formats=(),
    audiences=(),
    files=1,
    **kwargs,
) -> ResourcePage:
    """A live resource; facet values are given by code."""
    number = ResourcePage.objects.count() + 1
    kwargs.setdefault("title", f"Tài liệu {number}")
    kwargs.setdefault("slug", f"tai-lieu-{number}")
    kwargs.setdefault("summary", "Tài liệu giáo dục bình đẳng giới.")
    resource = ResourcePage(
        school_levels=list(SchoolLevel.objects.filter(code__in=levels)),
        topics=list(ResourceTopic.objects.filter(code__in=topics)),
        formats=list(ResourceFormat.objects.filter(code__in=formats)),
        audiences=list(Audience.objects.filter(code__in=audiences)),
        **kwargs,
    )
    resource.files = [
        ResourceFile(
            document=make_document(
                title=f"{kwargs['title']} ({index})",
                filename=f"{kwargs['slug']}-{index}.pdf",
            ),
            title=f"Tệp {index}",
        )
        for index in range(1, files + 1)
    ]
    return library.add_child(instance=resource)
