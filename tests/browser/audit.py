"""Checks run on every page a browser journey visits: axe-core (WCAG 2.2 AA), one h1 and a title.

`PageAudit` watches every document the page loads, so a journey cannot visit a page without
checking it: `assert_clean()` fails for any loaded page that was never audited, as well as for
every accessibility problem found, grouped by page.
"""

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target.map(String).join(' '),
      summary: (n.failureSummary || '').split('\\n').filter(Boolean).slice(0, 3).join(' / '),
    })),
  }));
}"""

STRUCTURE = """() => ({
  title: document.title.trim(),
  titles: document.querySelectorAll('head > title').length,
  h1s: Array.from(document.querySelectorAll('h1')).map((h) => h.textContent.trim()),
})"""


def _address(url: str) -> str:
    return url.split("#", 1)[0]


@dataclass
class PageAudit:
    page: Page
    loads: list[str] = field(default_factory=list)
    audited: list[str] = field(default_factory=list)
    problems: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self):
        if not AXE.exists():
            raise RuntimeError(f"axe-core is missing at {AXE}: run `npm ci` first")
        self.page.on("load", lambda page: self.loads.append(_address(page.url)))

    def check(self, label: str = "") -> None:
        """Audit the page now showing. Call after every navigation, including error states."""
        self.page.wait_for_load_state("load")
        key = f"{self.page.url} ({label})" if label else self.page.url
        self.audited.append(_address(self.page.url))
        found = []
        shape = self.page.evaluate(STRUCTURE)
        if shape["titles"] != 1 or not shape["title"]:
            found.append(f"page <title> missing or empty (found {shape['titles']})")
        if len(shape["h1s"]) != 1:
            found.append(f"expected exactly one h1, found {len(shape['h1s'])}: {shape['h1s']}")
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            self.page.add_script_tag(path=str(AXE))
        for violation in self.page.evaluate(RUN_AXE, AXE_TAGS):
            found.append(
                f"axe {violation['id']} [{violation['impact']}]: {violation['help']}"
                f" ({violation['helpUrl']})"
            )
            for node in violation["nodes"]:
                found.append(f"    at {node['target']}: {node['summary']}")
        if found:
            self.problems.setdefault(key, []).extend(found)

    def assert_clean(self) -> None:
        # Counted per address rather than matched in order: a load event may arrive after the
        # check that followed it. Every load of an address needs a check at that address.
        missed = sorted((Counter(self.loads) - Counter(self.audited)).elements())
        report = []
        for key, lines in self.problems.items():
            report.append(f"{key}:")
            report.extend(f"  {line}" for line in lines)
        if missed:
            report.append("Pages loaded but never audited (add audit.check() after them):")
            report.extend(f"  {url}" for url in missed)
        assert not report, "Accessibility problems on the pages visited:\n" + "\n".join(report)
