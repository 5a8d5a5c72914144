"""Bar charts drawn on the server as SVG, from a table's cells.

A chart is a picture of a table that follows it on the page: the SVG is hidden from assistive
technology and the table is the accessible version. Bars are drawn from the cells the audience
may see (rounded, or [c] as no bar), so a chart never reveals more than its table. SVG
attributes, not style attributes, set the sizes, so the page needs no inline styles or scripts.

In the PDF a chart is a picture (a data: URL) with a text alternative that reads out its bars,
so the tagged document describes it to a screen reader.
"""

import base64
from dataclasses import dataclass

from django.template.loader import render_to_string

from msp.reporting.tables import Table

WIDTH = 640
LABEL_WIDTH = 200
BAR_AREA = 360
BAR_HEIGHT = 22
GAP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    y: int
    width: int
    text_x: int
    text_y: int


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    height: int
    width: int = WIDTH
    label_width: int = LABEL_WIDTH

    @property
    def description(self) -> str:
        """The chart in words: its title and each bar's label and figure."""
        bars = "; ".join(f"{bar.label}: {bar.text}" for bar in self.bars)
        return f"Bar chart: {self.title}. {bars}."

    @property
    def data_url(self) -> str:
        """The chart as an SVG picture inside a data: URL, for documents that fetch nothing."""
        svg = render_to_string("reporting/_chart_svg.html", {"chart": self})
        return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode()


def _text(value, percent: bool) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return f"{value:.1f}%" if percent else f"{value:,}"


def bar_chart(
    table: Table,
    *,
    value_column: int,
    label_column: int = 0,
    title: str = "",
    percent: bool = False,
) -> Chart:
    values = []
    for row in table.rows:
        value = row[value_column]
        number = value if isinstance(value, int | float) and not isinstance(value, bool) else 0
        values.append((str(row[label_column]), number, _text(value, percent)))
    top = 100 if percent else max([v for _, v, _ in values] + [1])
    bars = []
    for index, (label, number, text) in enumerate(values):
        y = index * (BAR_HEIGHT + GAP)
        width = round(BAR_AREA * number / top) if top else 0
        bars.append(
            Bar(
                label=label,
                text=text,
                y=y,
                width=width,
                text_x=LABEL_WIDTH + width + 6,
                text_y=y + BAR_HEIGHT - 6,
            )
        )
    return Chart(
        title=title or table.caption,
        bars=bars,
        height=max(len(bars) * (BAR_HEIGHT + GAP), BAR_HEIGHT),
    )
