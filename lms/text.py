"""Text helpers shared by apps: Vietnamese folding for matching and search."""

import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def fold_vietnamese(text: str) -> str:
    """Remove tone marks and vowel diacritics ("bình đẳng" → "binh dang").

    People type without diacritics on phones; both sides of a comparison are
    folded so either spelling matches the other.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)
