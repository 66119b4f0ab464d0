"""The public site: pages, legal documents, the school resource library, site settings."""

from .legal import LegalDocument
from .library import (
    Audience,
    ResourceBookmark,
    ResourceDownload,
    ResourceFile,
    ResourceFormat,
    ResourceLibraryPage,
    ResourcePage,
    ResourceTopic,
    SchoolLevel,
)
from .pages import (
    HomePage,
    HomePageHighlight,
    LegalDocumentIndexPage,
    NewsIndexPage,
    NewsPage,
    NewsTopic,
    StandardPage,
)
from .site_settings import FooterLink, MainMenuItem, SiteSettings

__all__ = [
    "Audience",
    "FooterLink",
    "HomePage",
    "HomePageHighlight",
    "LegalDocument",
    "LegalDocumentIndexPage",
    "MainMenuItem",
    "NewsIndexPage",
    "NewsPage",
    "NewsTopic",
    "ResourceBookmark",
    "ResourceDownload",
    "ResourceFile",
    "ResourceFormat",
    "ResourceLibraryPage",
    "ResourcePage",
    "ResourceTopic",
    "SchoolLevel",
    "SiteSettings",
    "StandardPage",
]
