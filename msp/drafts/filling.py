"""Filling a page's form with answers kept from an earlier send, whatever the form.

The page is rendered by its own view as usual (so its access checks and current values apply);
this only rewrites the fields of the forms that send to the same address: text, hidden and other
inputs get the kept value, radios and checkboxes are ticked as they were, options chosen and
text areas filled. Hidden fields matter: a version number kept from before means a save over
someone else's change in the meantime is caught, not applied blindly."""

from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

SKIPPED_TYPES = {"file", "password", "submit", "button", "reset", "image"}
NEVER_FILLED = {"csrfmiddlewaretoken"}


def _attrs(tag: str, attrs: list[tuple[str, str | None]], closing: bool) -> str:
    parts = [tag]
    for name, value in attrs:
        parts.append(name if value is None else f'{name}="{escape(value, quote=True)}"')
    return "<" + " ".join(parts) + (" />" if closing else ">")


class _Filler(HTMLParser):
    def __init__(self, path: str, form_data: dict[str, list[str]]):
        super().__init__(convert_charrefs=False)
        self.path = path
        self.data = form_data
        self.out: list[str] = []
        self.in_form = False
        self.select: str | None = None
        self.textarea: str | None = None
        self.used: dict[str, int] = {}
        self.filled = 0

    def _targets(self, action: str | None) -> bool:
        return not action or urlsplit(action).path in ("", self.path)

    def _next_value(self, name: str) -> str | None:
        values = self.data.get(name)
        if not values:
            return None
        index = self.used.get(name, 0)
        self.used[name] = index + 1
        return values[index] if index < len(values) else None

    def handle_starttag(self, tag, attrs, closing=False):
        raw = self.get_starttag_text()
        if tag == "form":
            self.in_form = self._targets(dict(attrs).get("action"))
        elif self.in_form and tag in ("input", "option", "textarea", "select"):
            raw = self._field(tag, attrs, closing) or raw
        if self.textarea is None:
            self.out.append(raw)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs, closing=True)

    def _field(self, tag, attrs, closing) -> str | None:
        values = dict(attrs)
        name = values.get("name")
        if tag == "select":
            self.select = name if name in self.data else None
            return None
        if tag == "option":
            if self.select is None:
                return None
            chosen = values.get("value", "") in self.data[self.select]
            return self._flag(tag, attrs, "selected", chosen, closing)
        if not name or name in NEVER_FILLED or name not in self.data:
            return None
        if tag == "textarea":
            self.out.append(self.get_starttag_text())
            self.out.append(escape(self._next_value(name) or "", quote=False))
            self.textarea = name
            self.filled += 1
            return None
        kind = (values.get("type") or "text").lower()
        if kind in SKIPPED_TYPES:
            return None
        if kind in ("checkbox", "radio"):
            chosen = values.get("value", "on") in self.data[name]
            return self._flag(tag, attrs, "checked", chosen, closing)
        value = self._next_value(name)
        if value is None:
            return None
        self.filled += 1
        kept = [(key, val) for key, val in attrs if key != "value"]
        return _attrs(tag, [*kept, ("value", value)], closing)

    def _flag(self, tag, attrs, flag, on, closing) -> str:
        kept = [(key, val) for key, val in attrs if key != flag]
        if on:
            kept.append((flag, None))
            self.filled += 1
        return _attrs(tag, kept, closing)

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.in_form = False
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self.textarea is None:
            self.out.append(data)

    def handle_entityref(self, name):
        if self.textarea is None:
            self.out.append(f"&{name};")

    def handle_charref(self, name):
        if self.textarea is None:
            self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")


def fill_forms(html: str, *, path: str, form_data: dict[str, list[str]]) -> tuple[str, int]:
    """The page with its forms that send to `path` filled from `form_data`, and how many fields
    were filled."""
    filler = _Filler(path, form_data)
    filler.feed(html)
    filler.close()
    return "".join(filler.out), filler.filled
