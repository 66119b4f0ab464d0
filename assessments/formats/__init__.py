"""Question file formats (GIFT, Moodle XML, Excel): what every reader returns."""

from dataclasses import dataclass, field

from ..services.bank import QuestionDraft


@dataclass
class FormatError:
    """A problem found in a file, where the person can find and fix it."""

    line: int | None  # 1-based line (GIFT/XML) or row (Excel); None for the whole file
    message: str  # translated, user-facing


@dataclass
class ParseResult:
    """What a reader found. Import nothing when `errors` is not empty."""

    drafts: list[QuestionDraft] = field(default_factory=list)
    errors: list[FormatError] = field(default_factory=list)
