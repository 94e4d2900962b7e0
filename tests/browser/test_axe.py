"""WCAG 2.1 AA audit with axe-core in real Chromium, on every page kind, light and dark."""

from __future__ import annotations

import pytest
from page_kinds import PAGES, ROOT, open_page

pytestmark = pytest.mark.browser

# axe-core (MPL-2.0) is the reference rule engine for WCAG audits; it is pinned in
# package.json and installed by `make test` with `npm ci`.
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def audit(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail("thiếu node_modules/axe-core: chạy `make test` (cài bằng npm ci)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})"
    )
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = "; ".join(" ".join(n["target"]) for n in v["nodes"][:4])
        lines.append(f"{v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} nút: {targets})")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_serious_violation(browser, sample_url: str, kind: str, scheme: str) -> None:
    # bypass_csp: the audit script is injected; the portal's own CSP meta would block it.
    context = browser.new_context(color_scheme=scheme, locale="vi-VN", bypass_csp=True)
    try:
        page = open_page(context, sample_url, PAGES[kind])
        assert page.evaluate("document.documentElement.lang") == "vi"
        # Material follows the system setting: the dark run really audits the slate scheme.
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        violations = audit(page)
        assert not violations, f"{kind} ({scheme}):\n" + describe(violations)
    finally:
        context.close()
