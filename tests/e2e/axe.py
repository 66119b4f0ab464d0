"""axe-core in the browser tests: inject it into a Playwright page, run it, read
what it finds.

axe-core comes from npm (package.json pins it; `make e2e-deps` runs `npm ci`) and
is read from node_modules: nothing is fetched from a CDN, and nothing of it is
served to users. Without it the check is skipped on a developer's machine and
FAILS in CI, like the browser itself (see conftest.py).
"""

from pathlib import Path

import pytest
from django.conf import settings

from .conftest import _in_ci

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA, the level the platform promises (DESIGN.md §7).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def axe_violations(page, *, tags: list[str] = WCAG_TAGS) -> list[dict]:
    """Every violation axe finds on the page as it is now (its JSON results)."""
    if not AXE_SCRIPT.is_file():
        message = f"{AXE_SCRIPT} is missing: run `make e2e-deps` (npm ci)"
        if _in_ci():
            pytest.fail(f"accessibility checks cannot be skipped in CI: {message}")
        pytest.skip(message)
    # Evaluated through DevTools, not added as an inline <script>: the site's
    # Content Security Policy (no inline script) would refuse that tag.
    page.evaluate(AXE_SCRIPT.read_text() + "\n;undefined")
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]},
    )
    return results["violations"]


def describe_violations(violations: list[dict]) -> str:
    """One paragraph per rule: impact, rule, what it means, and where."""
    lines = []
    for violation in violations:
        lines.append(
            f"[{violation['impact']}] {violation['id']}: {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node['html'][:200]}")
            if node.get("failureSummary"):
                summary = " ".join(node["failureSummary"].split())
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def assert_no_serious_violations(page) -> None:
    """Fail with a readable list when axe finds serious or critical problems."""
    blocking = [
        violation
        for violation in axe_violations(page)
        if violation["impact"] in BLOCKING_IMPACTS
    ]
    if blocking:
        pytest.fail(
            f"axe-core: serious accessibility problems on {page.url}:\n"
            + describe_violations(blocking),
            pytrace=False,
        )
