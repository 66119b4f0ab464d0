"""The Vietnamese catalogues are complete: every message has a translation.

The project's catalogue (lms/locale) and any app's own (training/locale/...).
"""

import re
from pathlib import Path

from django.conf import settings

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "vi" / "LC_MESSAGES" / "django.po"
APP_CATALOGUES = sorted(
    Path(settings.BASE_DIR).glob("*/locale/vi/LC_MESSAGES/django.po")
)
ENTRY_SPLIT = re.compile(r"\n\s*\n")


def untranslated_entries(text: str) -> list[str]:
    """Entries (header excepted) that are fuzzy or whose msgstr is empty."""
    missing = []
    for entry in ENTRY_SPLIT.split(text.strip()):
        lines = [line for line in entry.splitlines() if not line.startswith("#~")]
        fields: dict[str, str] = {}
        current = None
        for line in lines:
            keyword = re.match(
                r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (.*)$", line
            )
            if keyword:
                current = keyword.group(1)
                fields[current] = keyword.group(2).strip('"')
            elif current and line.startswith('"'):
                fields[current] += line.strip('"')
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        is_fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        translations = [v for k, v in fields.items() if k.startswith("msgstr")]
        if is_fuzzy or not any(translations):
            missing.append(entry)
    return missing


def test_vietnamese_catalogues_have_no_untranslated_or_fuzzy_message():
    for catalogue in {CATALOGUE, *APP_CATALOGUES}:
        missing = untranslated_entries(catalogue.read_text(encoding="utf-8"))
        assert missing == [], f"Untranslated in {catalogue}:\n\n" + "\n\n".join(
            missing[:10]
        )


def test_checker_notices_an_untranslated_message():
    sample = 'msgid ""\nmsgstr ""\n"Language: vi\\n"\n\nmsgid "Hello"\nmsgstr ""\n'
    assert len(untranslated_entries(sample)) == 1
    done = 'msgid "Hello"\nmsgstr "Xin chào"\n\nmsgid "Bye"\nmsgstr ""\n"Tạm biệt"\n'
    assert untranslated_entries(done) == []
