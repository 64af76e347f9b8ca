"""A reporter's journey through the portal in a real browser, step by step (SecureDrop-style navigator)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

SCREENSHOTS = Path(__file__).resolve().parents[3] / "build" / "screenshots"

LABELS = {
    "da": {
        "report": "Indberet et forhold",
        "followup": "Følg op med din kvitteringskode",
        "send": "Send indberetning",
        "open": "Åbn min sag",
        "go_case": "Gå til din sag",
        "send_message": "Send besked",
        "logout": "Log ud",
        "unit": "Whistleblowerenheden",
        "sent": "Din besked er sendt.",
        "problem": "Der er et problem",
        "gps": "Fjernet: hvor billedet er taget (GPS-position).",
        "author": "Fjernet: forfatterens navn.",
        "wrong": "Vi kunne ikke åbne en sag med den kode",
    },
    "en": {
        "report": "Make a report",
        "followup": "Follow up with your receipt code",
        "send": "Send report",
        "open": "Open my case",
        "go_case": "Go to your case",
        "send_message": "Send message",
        "logout": "Log out",
        "unit": "The whistleblower unit",
        "sent": "Your message has been sent.",
        "problem": "There is a problem",
        "gps": "Removed: where the picture was taken (GPS position).",
        "author": "Removed: the author's name.",
        "wrong": "We could not open a case with that code",
    },
}


class PortalNavigator:
    def __init__(self, page, base_url: str, lang: str, shots: bool = True) -> None:  # type: ignore[no-untyped-def]
        self.page = page
        self.base = base_url
        self.lang = lang
        self.label = LABELS[lang]
        self.shots = shots
        self.count = 0

    def screenshot(self, name: str) -> None:
        """Save the page at 1280 px and at 375 px wide under build/screenshots/."""
        if not self.shots:
            return
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.count += 1
        for width in (1280, 375):
            self.page.set_viewport_size({"width": width, "height": 900})
            self.page.screenshot(
                path=str(SCREENSHOTS / f"portal-{self.lang}-{self.count:02d}-{name}-{width}.png"),
                full_page=True,
            )
        self.page.set_viewport_size({"width": 1280, "height": 900})

    def text(self) -> str:
        return str(self.page.inner_text("main"))

    def read_start_page(self) -> None:
        self.page.goto(f"{self.base}/?lang={self.lang}")
        assert self.page.locator("html").get_attribute("lang") == self.lang
        self.screenshot("start")

    def open_report_form(self) -> None:
        self.page.get_by_role("link", name=self.label["report"]).first.click()
        assert self.page.url.endswith("/report")
        self.screenshot("report-form")

    def send_empty_form(self) -> None:
        self.page.get_by_role("button", name=self.label["send"]).click()
        assert self.label["problem"] in self.text()
        self.screenshot("report-errors")

    def fill_report(self, what: str, files: list[Path]) -> None:
        page = self.page
        page.check("#relation-0")
        page.fill("#what", what)
        page.fill("#where", "Økonomiforvaltningen")
        page.fill("#when", "Marts 2026")
        page.check("#raised_internally-0")
        page.check("#retaliation-0")
        page.check("#anonymity-0")
        page.set_input_files("#attachments", [str(f) for f in files])

    def send_report(self, on_review: Callable[[], None] | None = None) -> str:
        """Send the form; where files make a review page come first, send from there."""
        self.page.get_by_role("button", name=self.label["send"]).click()
        if self.on_review_page():
            self.screenshot("review")
            if on_review is not None:
                on_review()
            self.page.get_by_role("button", name=self.label["send"]).click()
        groups = self.page.locator(".receipt-group").all_inner_texts()
        code = "".join(groups)
        assert len(code) == 16, self.text()
        self.screenshot("receipt")
        return code

    def on_review_page(self) -> bool:
        return bool(self.page.locator("form[action='/report/review']").count())

    def log_in(self, code: str) -> None:
        self.page.get_by_role("link", name=self.label["go_case"]).click()
        self.screenshot("followup-login")
        self.page.fill("#code", "0000-0000-0000-0000")
        self.page.get_by_role("button", name=self.label["open"]).click()
        assert self.label["wrong"] in self.text()
        self.screenshot("followup-wrong-code")
        self.page.fill("#code", code.lower())
        self.page.get_by_role("button", name=self.label["open"]).click()
        assert self.page.url.endswith("/followup/case")
        self.screenshot("case")

    def answer(self, text: str) -> None:
        self.page.fill("#text", text)
        self.page.get_by_role("button", name=self.label["send_message"]).click()
        assert self.label["sent"] in self.text()
        self.screenshot("case-answered")

    def log_out(self) -> None:
        self.page.get_by_role("button", name=self.label["logout"]).click()
        assert self.page.url.endswith("/followup/done")
        self.screenshot("logged-out")
