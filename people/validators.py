"""The one rule for names and positions: plain text, stored exactly as shown.

A name was once passed through the HTML sanitiser and unescaped; that is not
idempotent ("&lt;b&gt;" became "<b>", which the next save stripped to nothing),
so a profile saved once could never be saved again. Now nothing is rewritten:
text that looks like markup (a tag or an HTML character reference) is refused
with a message, and what is stored re-validates unchanged. The profile, the
admin's account forms and the account import all call `person_text_clean`.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lms.text import normalise_text

TEXT_HAS_MARKUP = _(
    "Write this as plain text, without HTML tags or codes such as <b> or &lt;."
)

# "<" opening a tag, a closing tag, a comment or a declaration; or a character
# reference such as "&lt;", "&#60;" or "&#x3c;". "a < b" and "A & B" are text.
MARKUP = re.compile(
    r"<[A-Za-z/!?]|&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);"
)


def person_text_clean(value: str | None) -> str:
    """The stored form of a name or position: NFC, single spaces, trimmed.

    Raises ValidationError(TEXT_HAS_MARKUP) for text that looks like markup.
    Idempotent: a value this returns is returned unchanged when cleaned again.
    """
    text = " ".join(normalise_text(value or "").split())
    if MARKUP.search(text):
        raise ValidationError(TEXT_HAS_MARKUP, code="markup")
    return text
