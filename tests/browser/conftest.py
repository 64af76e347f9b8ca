"""Browser fixtures: Debian's Chromium driven by Playwright, the portal on a real loopback server.

Browser tests skip only where /usr/bin/chromium is missing and CI is unset; in
CI they must run (docs/architecture.md § 7). Flows run with JavaScript disabled;
axe-core runs in a separate context with JavaScript on and CSP bypassed.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    browser_items = [item for item in items if here in Path(str(item.fspath)).parents]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
        if not CHROMIUM.exists() and not os.environ.get("CI"):
            item.add_marker(
                pytest.mark.skip(
                    reason="Debian's chromium (/usr/bin/chromium) is not installed; "
                    "apt-get install chromium to run browser tests"
                )
            )


class QuietHandler(WSGIRequestHandler):
    """Werkzeug's handler without its request log: that log line carries the client's address."""

    def log_request(self, *args: object, **kwargs: object) -> None:
        return None

    def log(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class LiveServer:
    url: str
    instance: object
    requests: list[str] = field(default_factory=list)


@contextlib.contextmanager
def serving(app: object) -> Iterator[str]:
    """Serve a WSGI app on a free loopback port in a thread; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)  # type: ignore[arg-type]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def staff_tab(browser, base: str):  # type: ignore[no-untyped-def]
    """A staff member's tab with JavaScript off that may reach `base` only."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )

    def only_ours(route) -> None:  # type: ignore[no-untyped-def]
        if route.request.url.startswith(base + "/"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_ours)
    page = context.new_page()
    page.base = base
    return page


@pytest.fixture
def live_portal(instance) -> Iterator[LiveServer]:  # type: ignore[no-untyped-def]
    from wb_portal import create_app

    with serving(create_app(instance.portal)) as url:
        yield LiveServer(url, instance)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _recording_context(browser, live: LiveServer, **options: object):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)

    def record(route) -> None:  # type: ignore[no-untyped-def]
        url = route.request.url
        live.requests.append(url)
        if url.startswith(live.url + "/"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", record)
    return context


@pytest.fixture
def no_js_page(browser, live_portal):  # type: ignore[no-untyped-def]
    context = _recording_context(browser, live_portal, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def axe_page(browser, live_portal):  # type: ignore[no-untyped-def]
    context = _recording_context(browser, live_portal, java_script_enabled=True, bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def live_backoffice(instance) -> Iterator[str]:  # type: ignore[no-untyped-def]
    from wb_backoffice import create_app

    app = create_app(instance.backoffice)
    app.config.update(WB_COOKIE_SECURE=False, SESSION_COOKIE_SECURE=False)
    with serving(app) as url:
        yield url


@pytest.fixture
def staff_page(browser, live_backoffice) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A staff member's tab with JavaScript off that may reach the back office only."""
    page = staff_tab(browser, live_backoffice)
    yield page
    page.context.close()
