"""E-mails written as templates: one renderer for every message the platform sends.

A message is three templates side by side, `<prefix>_subject.txt`,
`<prefix>.txt` and `<prefix>.html`, rendered in the recipient's language, so
the wording lives in templates and the catalogue, never in services. The
text templates are rendered without HTML escaping (they are plain text); the
HTML one escapes as any page does. An HTML template that only extends
`lms/emails/base.html` shows the text template's words, escaped, in
paragraphs with links: each message is written once.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

from django.template import Context
from django.template.backends.django import Template as DjangoBackendTemplate
from django.template.loader import get_template, render_to_string
from django.utils import translation


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str


def _render_plain(template_name: str, context: Mapping[str, object]) -> str:
    """A text template, without HTML escaping (`&` stays `&`)."""
    # The only template engine is DjangoTemplates (settings.TEMPLATES); the stub
    # types get_template() for any engine, without the `.template` we render.
    template = cast(DjangoBackendTemplate, get_template(template_name)).template
    return template.render(Context(dict(context), autoescape=False))


def render_templated_mail(
    *, template_prefix: str, context: Mapping[str, object], language: str
) -> RenderedMail:
    """The subject (one line), text and HTML parts of a message, in `language`."""
    context = {
        **context,
        "email_subject_template": f"{template_prefix}_subject.txt",
        "email_text_template": f"{template_prefix}.txt",
    }
    with translation.override(language):
        subject = "".join(
            _render_plain(f"{template_prefix}_subject.txt", context).splitlines()
        ).strip()
        text = _render_plain(f"{template_prefix}.txt", context)
        html = render_to_string(f"{template_prefix}.html", context)
    return RenderedMail(subject=subject, text=text, html=html)
