"""The README and docs/ point only at files a person who clones the repository has.

They once sent readers to a folder next to the repository; a clone has no such
folder. Every relative link must name a file or folder of the repository, and a
link to a heading of a Markdown file (`file.md#heading`) must name a heading
that file has.
"""

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

import pytest

REPO = Path(__file__).resolve().parents[2]
OUTSIDE_FOLDER = "../shared"

_FENCED_BLOCK = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"`[^`\n]*`")
# [text](target) and [text](target "title"); images (![alt](target)) too.
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
# [label]: target
_REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_EXTERNAL = re.compile(r"^(https?:|mailto:|tel:)", re.IGNORECASE)
_MARKDOWN_PATH = re.compile(r"[\w./-]+\.md")


def documentation_files() -> list[Path]:
    return [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def _prose(text: str) -> str:
    """The text without code: a path shown as code is an example, not a link."""
    return _CODE_SPAN.sub("", _FENCED_BLOCK.sub("", text))


def link_targets(text: str) -> list[str]:
    prose = _prose(text)
    return _INLINE_LINK.findall(prose) + _REFERENCE_LINK.findall(prose)


def heading_anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as
    hyphens; letters with diacritics are kept."""
    text = _CODE_SPAN.sub(lambda m: m.group(0).strip("`"), heading)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link keeps its text
    text = unicodedata.normalize("NFC", text).strip().lower()
    text = "".join(c for c in text if c.isalnum() or c in " -_")
    return text.replace(" ", "-")


def anchors_of(path: Path) -> set[str]:
    seen: dict[str, int] = {}
    anchors = set()
    for heading in _HEADING.findall(_FENCED_BLOCK.sub("", path.read_text("utf-8"))):
        anchor = heading_anchor(heading)
        count = seen.get(anchor, 0)
        seen[anchor] = count + 1
        anchors.add(anchor if count == 0 else f"{anchor}-{count}")
    return anchors


def broken_links(path: Path) -> list[str]:
    """Each relative link of this file that leads nowhere in the repository."""
    problems = []
    for target in link_targets(path.read_text("utf-8")):
        if _EXTERNAL.match(target):
            continue
        file_part, _, fragment = target.partition("#")
        destination = (
            (path.parent / unquote(file_part)).resolve() if file_part else path
        )
        if not destination.is_relative_to(REPO) or not destination.exists():
            problems.append(f"{target}: no such file in the repository")
        elif (
            fragment
            and destination.suffix == ".md"
            and unquote(fragment).lower() not in anchors_of(destination)
        ):
            problems.append(f"{target}: no heading #{fragment} in {file_part}")
    return problems


def missing_named_documents(path: Path) -> list[str]:
    """Markdown files named as code (`bench/RESULTS.md`) that the repository lacks.

    The README used to send readers to documents this way, without a link.
    """
    text = _FENCED_BLOCK.sub("", path.read_text("utf-8"))
    names = [span.strip("`") for span in _CODE_SPAN.findall(text)]
    return [
        name
        for name in names
        if _MARKDOWN_PATH.fullmatch(name)
        and not any(
            candidate.is_relative_to(REPO) and candidate.exists()
            for candidate in ((REPO / name).resolve(), (path.parent / name).resolve())
        )
    ]


def test_the_docs_folder_holds_the_three_documents_the_readme_lists():
    readme_targets = set(link_targets((REPO / "README.md").read_text("utf-8")))
    for name in ("architecture.md", "domain.md", "release-checks.md"):
        assert (REPO / "docs" / name).is_file()
        assert f"docs/{name}" in readme_targets


@pytest.mark.parametrize("path", documentation_files(), ids=lambda p: p.name)
def test_no_document_points_outside_the_repository(path):
    assert OUTSIDE_FOLDER not in path.read_text("utf-8")


@pytest.mark.parametrize("path", documentation_files(), ids=lambda p: p.name)
def test_every_relative_link_leads_to_a_file_and_heading_of_the_repository(path):
    assert broken_links(path) == []


@pytest.mark.parametrize("path", documentation_files(), ids=lambda p: p.name)
def test_every_markdown_file_named_as_code_is_in_the_repository(path):
    assert missing_named_documents(path) == []


def test_the_link_check_catches_a_missing_file_a_missing_heading_and_an_escape(
    tmp_path, monkeypatch
):
    """The checker itself: broken links are reported, good ones are not."""
    monkeypatch.setattr(f"{__name__}.REPO", tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text(
        "# Guide\n\n## 2. Report rules\n\n## Đơn vị hành chính\n", "utf-8"
    )
    (tmp_path / "code.py").write_text("", "utf-8")
    readme = tmp_path / "README.md"
    readme.write_text(
        "[ok](docs/guide.md) [ok](docs/guide.md#2-report-rules) [ok](code.py)\n"
        "[ok](docs/guide.md#đơn-vị-hành-chính) [ok](#top) [web](https://example.org)\n"
        "[gone](docs/missing.md) [bad heading](docs/guide.md#3-nothing)\n"
        "[escape](../shared/DESIGN.md)\n"
        "`[in code](nowhere.md)`\n"
        "```\n[in a block](nowhere-either.md)\n```\n"
        "[ref]: docs/also-missing.md\n",
        "utf-8",
    )
    readme_anchor = "# Top\n"
    readme.write_text(readme_anchor + readme.read_text("utf-8"), "utf-8")

    assert broken_links(readme) == [
        "docs/missing.md: no such file in the repository",
        "docs/guide.md#3-nothing: no heading #3-nothing in docs/guide.md",
        "../shared/DESIGN.md: no such file in the repository",
        "docs/also-missing.md: no such file in the repository",
    ]


def test_the_name_check_catches_a_document_the_repository_lacks(tmp_path, monkeypatch):
    monkeypatch.setattr(f"{__name__}.REPO", tmp_path)
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "RESULTS.md").write_text("", "utf-8")
    readme = tmp_path / "README.md"
    readme.write_text(
        "Numbers: `bench/RESULTS.md`. Courses of `DOMAIN.md` §3.5, see "
        "`../shared/DESIGN.md`; `make test` is not a file.\n",
        "utf-8",
    )

    assert missing_named_documents(readme) == ["DOMAIN.md", "../shared/DESIGN.md"]


def test_heading_anchors_follow_githubs_rule():
    assert heading_anchor("6. The demo courses K1–K5") == "6-the-demo-courses-k1k5"
    assert heading_anchor("8. Text boundary rule") == "8-text-boundary-rule"
    assert heading_anchor("Where `things` live") == "where-things-live"
    assert heading_anchor("Quảng Ngãi, 2025") == "quảng-ngãi-2025"
