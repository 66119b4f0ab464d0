"""Text helpers shared by apps: Vietnamese folding for matching and search."""

import re
import unicodedata

from django.utils.text import slugify

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def normalise_text(text: str) -> str:
    """The one normalisation of text a person or a file gives the platform: NFC.

    Vietnamese arrives precomposed ("ì" as one code point) or decomposed ("i" then
    a combining grave), from Unikey's modes, some phones and windows-1258 files.
    Stored as it came, the same word would be two categories, two names, and a
    short answer would not match its key. Called once, where text comes in:
    request data (lms.middleware.NormaliseInputMiddleware) and file imports.
    """
    return unicodedata.normalize("NFC", text) if text else text


def fold_vietnamese(text: str) -> str:
    """Remove tone marks and vowel diacritics ("bình đẳng" → "binh dang").

    People type without diacritics on phones; both sides of a comparison are
    folded so either spelling matches the other.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


_HYPHENATED = re.compile(r"\S*\w-\w\S*")


def fold_for_index(text: str) -> str:
    """fold_vietnamese, for the search index: each hyphenated code is also
    indexed split at its hyphens.

    PostgreSQL reads a code such as "48/2009/nd-cp" as one word, while Wagtail's
    query compiler splits what was typed at hyphens ("48/2009/nd", "cp"); with
    both forms indexed the code is found on PostgreSQL as it is on SQLite.
    """
    folded = fold_vietnamese(text)
    split = [word.replace("-", " ") for word in _HYPHENATED.findall(folded)]
    return " ".join([folded, *split]) if split else folded


SEARCH_QUERY_MAX_LENGTH = 100
# Letters and digits, and the joiners inside numbers and codes ("73/2006/QH11",
# "K1-2026", "1.5"): PostgreSQL indexes such a code as one word.
_NOT_A_WORD = re.compile(r"[^\w/.\-]+|_+")
_JOINERS = "/.-"


def clean_search_query(text: str, max_length: int = SEARCH_QUERY_MAX_LENGTH) -> str:
    """Words only, at most `max_length` characters, ready for Wagtail search.

    Punctuation carries no meaning in a full-text query and some of it breaks the
    backends' query syntax (a double quote ends the phrase the SQLite backend
    wraps each word in); only the joiners inside a word are kept. A pasted page
    of text is cut, at a word boundary, so a query stays cheap to run.
    """
    # NFC first: a decomposed tone mark is not a word character and would split
    # "bình" typed on some keyboards into "bi" and "nh".
    text = normalise_text(text[: max_length * 4])
    words = [
        word.strip(_JOINERS)
        for word in _NOT_A_WORD.sub(" ", text).split()
        if word.strip(_JOINERS)
    ]
    cleaned = ""
    for word in words:
        candidate = f"{cleaned} {word}" if cleaned else word
        if len(candidate) > max_length:
            return cleaned or word[:max_length]
        cleaned = candidate
    return cleaned


def ascii_slug(text: str) -> str:
    """A URL slug in ASCII, folded from Vietnamese ("Đào tạo" → "dao-tao").

    The one slug function: page slugs from titles or pasted by hand, whoever
    makes the page (lms.slugs). Django's slugify alone drops "đ" (it does not
    decompose) and would keep the letters with allow_unicode.
    """
    return slugify(fold_vietnamese(normalise_text(text or "")))
