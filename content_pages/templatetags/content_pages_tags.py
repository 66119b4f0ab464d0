"""Public-site things every page shows (menus, footer, page meta) and the home
page's sections: `{% load content_pages_tags %}`."""

from django import template
from django.utils.translation import gettext as _

from .. import chrome as chrome_fragments
from ..views import pages

register = template.Library()


def _request(context):
    return context.get("request")


@register.simple_tag(takes_context=True)
def site_chrome(context):
    """Organisation name, logo, menus and contacts of the request's site."""
    request = _request(context)
    if request is None:
        return pages.SiteChrome()
    return pages.site_chrome(request)


@register.simple_tag(takes_context=True)
def site_header(context, chrome):
    """The header for this visitor, from the copy kept for their kind (chrome.py)."""
    return chrome_fragments.site_header(_request(context), chrome, context.get("user"))


@register.simple_tag
def site_footer(chrome):
    return chrome_fragments.site_footer(chrome)


@register.simple_tag(takes_context=True)
def page_seo(context):
    """A view may set `canonical_url` (the library's clean filter addresses)."""
    return pages.page_seo(
        request=_request(context),
        page=context.get("page"),
        canonical_url=context.get("canonical_url", ""),
        default_description=_(
            "Training on gender equality and the advancement of women for officials,"
            " Committee members and teachers of Quảng Ngãi province."
        ),
    )


@register.simple_tag(takes_context=True)
def news_listing(context, index_page):
    request = _request(context)
    params = request.GET if request is not None else {}
    return pages.news_listing(index_page=index_page, params=params)


@register.simple_tag(takes_context=True)
def legal_document_listing(context):
    request = _request(context)
    params = request.GET if request is not None else {}
    return pages.legal_document_listing(params=params)


@register.simple_tag
def latest_news(count=pages.LATEST_NEWS_COUNT):
    return pages.latest_news(limit=count)


@register.simple_tag
def home_highlights(home_page, count=pages.HIGHLIGHT_COUNT):
    return pages.home_highlights(home_page=home_page, limit=count)


@register.filter
def date_range(start, end):
    """dd/mm/yyyy – dd/mm/yyyy, or one date when the event lasts a day."""
    if start is None:
        return ""
    if end is None or end == start:
        return f"{start:%d/%m/%Y}"
    return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"
