"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

import os
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

# Playwright's sync API keeps an event loop in the test thread, and Django's ORM refuses to
# run beside one unless told it is safe: it is here, with one thread at a time.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
WIDTHS = {"phone": 375, "desktop": 1280}
PASSWORD = "a-long-test-password"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is missing at {CHROMIUM}: .ci/run installs it with apt-get.")
        pytest.skip(f"No Chromium at {CHROMIUM} (apt-get install chromium); CI runs these tests.")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture
def site(live_server):
    """The live site with the demo content; returns its base URL."""
    call_command("load_demo", stdout=StringIO())
    return live_server.url


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def width(request, page):
    page.set_viewport_size({"width": WIDTHS[request.param], "height": 900})
    return request.param


@pytest.fixture
def shoot(request, page, width):
    """Save a full-page screenshot of the current step under artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    test = re.sub(r"\W+", "-", request.node.originalname).strip("-")
    steps = iter(range(1, 100))

    def save(step):
        page.screenshot(
            path=SCREENSHOTS / f"{test}-{width}-{next(steps):02d}-{step}.png", full_page=True
        )

    return save


@pytest.fixture
def editor_login(site, django_user_model):
    """An Editor: writes and submits for review."""
    user = django_user_model.objects.create_user("amina", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def reviewer_login(site, django_user_model):
    """A Reviewer: reads everything, publishes."""
    user = django_user_model.objects.create_user("rosa", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Reviewer"))
    return user


@pytest.fixture(autouse=True)
def no_policy_violations(request):
    """Fail any browser test whose pages break the Content-Security-Policy: Chromium reports
    each blocked script, style or request on the console ("Refused to …")."""
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    refused = []

    def listen(page):
        page.on(
            "console",
            lambda message: (
                refused.append(message.text)
                if "Content Security Policy" in message.text
                or message.text.startswith("Refused to")
                else None
            ),
        )
        page.on("pageerror", lambda error: refused.append(f"script error: {error}"))

    listen(page)
    page.context.on("page", listen)  # the admin's pop-up windows too
    yield refused
    assert refused == [], "The page broke its Content-Security-Policy:\n" + "\n".join(refused)
