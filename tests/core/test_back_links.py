"""Every form page has a Back link (GOV.UK's back link, above the page's heading), except the
sign-in steps, where there is nowhere to go back to.

Read from the templates rather than by opening every page: it is quick, and it covers pages
that only some states reach (the break-glass page, the drafts kept after a time-out). A page
built on core/form_page.html always has its Back link; each view gives it `back_url`.
"""

import re
from pathlib import Path

from django.conf import settings

POSTS = re.compile(r"<form\b[^>]*\bmethod=\"post\"", re.IGNORECASE)
BACK_LINK = re.compile(r"<a\b[^>]*\bclass=\"govuk-back-link\"[^>]*>", re.IGNORECASE)
EXTENDS = re.compile(r"{%\s*extends\s+\"([^\"]+)\"\s*%}")

# Signing in, step by step, and the person's own code for the follow-up questions: the start
# of a visit, with no earlier page of the service to go back to.
SIGN_IN_TEMPLATES = {
    "accounts/sign_in.html",
    "accounts/two_factor_setup.html",
    "accounts/two_factor_enrol.html",
    "accounts/two_factor_verify.html",
    "improvement/feedback/public_start.html",
}
# The header's sign-out button and the time-out warning are on every page, not form pages.
LAYOUT = {"base.html"}


def _templates() -> dict[str, str]:
    """Every template of the product by its name ("people/find.html"), with its source."""
    found = {}
    for folder in Path(settings.BASE_DIR, "msp").rglob("templates"):
        for path in folder.rglob("*.html"):
            found.setdefault(path.relative_to(folder).as_posix(), path.read_text())
    return found


def _has_back_link(name: str, templates: dict[str, str]) -> bool:
    while name in templates:
        source = templates[name]
        if BACK_LINK.search(source):
            return True
        parent = EXTENDS.search(source)
        name = parent[1] if parent else ""
    return False


def test_every_form_template_has_a_back_link():
    templates = _templates()
    form_pages = [
        name
        for name, source in templates.items()
        if POSTS.search(source)
        and name not in SIGN_IN_TEMPLATES | LAYOUT
        # Partials are checked as part of the pages that include them.
        and not name.rsplit("/", 1)[-1].startswith("_")
    ]
    assert len(form_pages) > 30  # the walk found the templates
    missing = [name for name in form_pages if not _has_back_link(name, templates)]
    assert not missing, f"form pages without a Back link: {missing}"
