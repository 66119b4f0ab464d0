"""Placeholders in a template's body and in a register's number pattern (pure functions).

Filling is strict: a placeholder must be one of the names listed, written
plainly as ``{name}``. Anything else (an unknown name, ``{}``, ``{name.attr}``,
``{name!r}``, a format spec on a body placeholder, an unmatched brace) is a
ValidationError that names it, so a template never prints half-filled or
fails at issue time.
"""

import string
from collections.abc import Mapping, Set

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BODY_PLACEHOLDERS: tuple[str, ...] = (
    "full_name",
    "date_of_birth",
    "position",
    "organisation",
    "title",
    "start_date",
    "end_date",
    "place",
    "hours",
    "result",
    "grade",
)
NUMBER_PLACEHOLDERS: tuple[str, ...] = ("number", "year", "code")

UNKNOWN_PLACEHOLDER = _("Unknown placeholder {%(name)s}. Allowed: %(allowed)s.")
BROKEN_PLACEHOLDER = _(
    "The placeholder “%(text)s” is not written plainly: use {name} only."
)
BROKEN_BRACES = _(
    "Unmatched brace (%(error)s). Write a literal brace as {{ or }}, "
    "a placeholder as {name}."
)
NUMBER_NEEDS_NUMBER = _("The number pattern must contain {number}.")
BAD_NUMBER_FORMAT = _("The format of {%(name)s} is not valid: %(error)s.")


def _allowed(names: Set[str] | tuple[str, ...]) -> str:
    return ", ".join("{" + name + "}" for name in names)


def placeholders_in(
    text: str, allowed: tuple[str, ...], *, allow_format_spec: bool = False
) -> list[str]:
    """The placeholders used in ``text``, in order; ValidationError on any fault."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as error:
        raise ValidationError(
            BROKEN_BRACES, code="broken_braces", params={"error": str(error)}
        ) from error
    used: list[str] = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        written = "{" + name + (f"!{conversion}" if conversion else "")
        written += (f":{spec}" if spec else "") + "}"
        if name not in allowed:
            if name.split(".")[0].split("[")[0] in allowed:
                raise ValidationError(
                    BROKEN_PLACEHOLDER,
                    code="broken_placeholder",
                    params={"text": written},
                )
            raise ValidationError(
                UNKNOWN_PLACEHOLDER,
                code="unknown_placeholder",
                params={"name": name, "allowed": _allowed(allowed)},
            )
        if conversion or (spec and not allow_format_spec) or "{" in (spec or ""):
            raise ValidationError(
                BROKEN_PLACEHOLDER, code="broken_placeholder", params={"text": written}
            )
        used.append(name)
    return used


def validate_body(body: str) -> None:
    """ValidationError naming the first unknown or broken placeholder of a body."""
    placeholders_in(body, BODY_PLACEHOLDERS)


def fill_body(body: str, values: Mapping[str, str]) -> str:
    """The body with each placeholder replaced by its value (text, printed literally)."""
    validate_body(body)
    return body.format_map({name: values.get(name, "") for name in BODY_PLACEHOLDERS})


def format_register_number(pattern: str, *, number: int, year: int, code: str) -> str:
    """A register number, e.g. "015/GCN-SNV" from "{number:03d}/GCN-{code}"."""
    validate_number_pattern(pattern)
    return pattern.format(number=number, year=year, code=code)


def validate_number_pattern(pattern: str) -> None:
    """A number pattern uses {number} (with an optional format such as :03d), {year}, {code}."""
    used = placeholders_in(pattern, NUMBER_PLACEHOLDERS, allow_format_spec=True)
    if "number" not in used:
        raise ValidationError(NUMBER_NEEDS_NUMBER, code="number_missing")
    samples: dict[str, int | str] = {"number": 15, "year": 2026, "code": "SNV"}
    for _literal, name, spec, _conversion in string.Formatter().parse(pattern):
        if name is None or not spec:
            continue
        try:
            format(samples[name], spec)
        except ValueError as error:
            raise ValidationError(
                BAD_NUMBER_FORMAT,
                code="bad_number_format",
                params={"name": f"{name}:{spec}", "error": str(error)},
            ) from error
