"""Reading a page the way the tests need: the GOV.UK error summary and the error shown at each
field, so a test can prove every problem is shown at once, linked to its field."""

from html.parser import HTMLParser


class _ErrorReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.summary: list[tuple[str, str]] = []  # (href or "", text)
        self.at_field: dict[str, str] = {}  # field id -> message
        self._in_summary = 0
        self._item: list | None = None
        self._href = ""
        self._field: str | None = None
        self._text: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "div" and "govuk-error-summary" in classes:
            self._in_summary = 1
        elif tag == "div" and self._in_summary:
            self._in_summary += 1
        if self._in_summary and tag == "li":
            self._item, self._href = [], ""
        if self._in_summary and tag == "a" and self._item is not None:
            self._href = attrs.get("href", "")
        if (
            tag == "p"
            and "govuk-error-message" in classes
            and attrs.get("id", "").endswith("-error")
        ):
            self._field = attrs["id"][: -len("-error")]
            self._text = []

    def handle_endtag(self, tag):
        if self._in_summary and tag == "li" and self._item is not None:
            self.summary.append((self._href, " ".join("".join(self._item).split())))
            self._item = None
        if tag == "p" and self._field is not None:
            text = " ".join("".join(self._text).split())
            self.at_field[self._field] = text.removeprefix("Error:").strip()
            self._field = None
        if self._in_summary and tag == "div":
            self._in_summary -= 1

    def handle_data(self, data):
        if self._item is not None:
            self._item.append(data)
        if self._field is not None:
            self._text.append(data)


def errors_shown(response) -> _ErrorReader:
    reader = _ErrorReader()
    reader.feed(response.content.decode())
    return reader


def summary_target(field_id: str, page: _ErrorReader) -> str:
    """Where the summary should link for a field: a date's day box, else the field itself."""
    day = f"{field_id}_0"
    return f"#{day}" if any(href == f"#{day}" for href, _ in page.summary) else f"#{field_id}"


def assert_every_error_shown(response, expected: dict[str, str], *, only: bool = True) -> None:
    """Each field id in `expected` shows its message (a part of it is enough) beside the field
    and in the error summary, linked to the field; with `only`, nothing else is reported."""
    assert response.status_code == 200, response.status_code
    page = errors_shown(response)
    assert page.summary, "no error summary on the page"
    problems = []
    for field_id, message in expected.items():
        if field_id.startswith("#"):  # a message without a field, linked to part of the page
            if not any(href == field_id and message in text for href, text in page.summary):
                problems.append(f"summary has no link to {field_id} saying “{message}”")
            continue
        shown = page.at_field.get(field_id, "")
        if message not in shown:
            problems.append(f"{field_id}: expected “{message}” at the field, found “{shown}”")
        target = summary_target(field_id, page)
        if not any(href == target and message in text for href, text in page.summary):
            problems.append(f"{field_id}: summary has no link to {target} saying “{message}”")
    if only:
        reported = {href.lstrip("#").removesuffix("_0") for href, _ in page.summary if href}
        wanted = {f.lstrip("#") if f.startswith("#") else f for f in expected}
        extra = reported - wanted
        if extra:
            problems.append(f"also reported: {sorted(extra)} {page.summary}")
    assert not problems, "\n".join(problems) + f"\nsummary: {page.summary}"
