"""Fixtures for the browser journeys: a live server, headless Chromium and a practitioner.

Self-contained on purpose: nothing here depends on tests/conftest.py.
"""

import os

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run inside
# one unless told it is safe. The ORM calls here are fixture setup only, outside Playwright's calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium is not installed at {CHROMIUM}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server.url,
        locale="en-GB",
        timezone_id="Europe/London",
        viewport={"width": 1280, "height": 900},
        # axe is injected as an inline script; a strict Content-Security-Policy must not block it.
        bypass_csp=True,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def reference_lists(transactional_db):
    """Transactional tests start from an emptied database: put the shipped lists back."""
    from msp.reference import loader, selectors

    selectors.clear_cache()
    loader.load_all()
    selectors.clear_cache()
    yield
    selectors.clear_cache()


@pytest.fixture
def journey_team(reference_lists):
    from msp.accounts.models import Team

    return Team.objects.create(name="North locality")


@pytest.fixture
def journey_practitioner(journey_team):
    from msp.accounts.models import User

    user = User(
        username="priya.shah",
        first_name="Priya",
        last_name="Shah",
        email="priya.shah@example.org",
        role="practitioner",
    )
    user.set_password(PASSWORD)
    user.save()
    user.teams.add(journey_team)
    return user
