"""A reporter driving the portal through the test client (flaskr's AuthActions, grown up)."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from html.parser import HTMLParser

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

VALID = {
    "relation": "employee",
    "what": "Udbetalinger uden bilag i regnskabet, igen og igen.",
    "where": "Økonomiforvaltningen",
    "when": "Foråret 2026",
    "who": "En afdelingsleder",
    "how_known": "Jeg har selv set bilagene",
    "raised_internally": "no",
    "retaliation": "no",
    "anonymity": "anonymous",
}


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def hidden(html: str, name: str) -> str:
    match = re.search(rf'name="{name}" type="hidden" value="([^"]*)"', html)
    return match.group(1) if match else ""


class _Inputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.file_choices: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "input" and a.get("type") == "hidden" and a.get("name"):
            self.hidden[str(a["name"])] = a.get("value") or ""
        if tag == "input" and a.get("type") == "radio" and str(a.get("name")).startswith("file-"):
            self.file_choices.add(str(a["name"]))


def hidden_fields(html: str) -> dict[str, str]:
    """Every hidden input of a page (the review page carries the typed text in them)."""
    parser = _Inputs()
    parser.feed(html)
    return parser.hidden


def is_review(html: str) -> bool:
    return 'action="/report/review"' in html


def is_message_review(html: str) -> bool:
    return 'action="/followup/review"' in html


def review_files(html: str) -> int:
    parser = _Inputs()
    parser.feed(html)
    return len(parser.file_choices)


def receipt_code(html: str) -> str:
    return "".join(re.findall(r'class="receipt-group">(\w+)<', html))


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class Reporter:
    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def report_form(self) -> TestResponse:
        return self.client.get("/report")

    def submit(
        self,
        answers: Mapping[str, str] | None = None,
        files: Sequence[tuple[str, bytes]] = (),
        originals: Sequence[tuple[str, bytes]] = (),
    ) -> TestResponse:
        page = self.report_form().get_data(as_text=True)
        data: dict[str, object] = {
            "csrf_token": csrf_token(page),
            "nonce": hidden(page, "nonce"),
            **(VALID if answers is None else answers),
        }
        data["attachments"] = [(io.BytesIO(content), name) for name, content in files]
        data["originals"] = [(io.BytesIO(content), name) for name, content in originals]
        return self.client.post("/report", data=data, content_type="multipart/form-data")

    def review(
        self,
        page: str,
        choices: Mapping[int, str] | None = None,
        action: str = "send",
        replacements: Mapping[int, tuple[str, bytes]] | None = None,
    ) -> TestResponse:
        """Answer the review page: each file sent unless `choices` says "leave"."""
        return self._answer_review("/report/review", page, choices, action, replacements)

    def _answer_review(
        self,
        path: str,
        page: str,
        choices: Mapping[int, str] | None,
        action: str,
        replacements: Mapping[int, tuple[str, bytes]] | None,
    ) -> TestResponse:
        data: dict[str, object] = dict(hidden_fields(page))
        for i in range(review_files(page)):
            data[f"file-{i}"] = (choices or {}).get(i, "send")
        for i, (name, content) in (replacements or {}).items():
            data[f"replace-{i}"] = (io.BytesIO(content), name)
        data["action"] = action
        return self.client.post(path, data=data, content_type="multipart/form-data")

    def submit_and_send(self, **kwargs: object) -> TestResponse:
        """Fill the form, and where there are files, send them all from the review page."""
        response = self.submit(**kwargs)  # type: ignore[arg-type]
        page = response.get_data(as_text=True)
        return self.review(page) if is_review(page) else response

    def file(self, **kwargs: object) -> str:
        response = self.submit_and_send(**kwargs)
        assert response.status_code == 200, text_of(response.get_data(as_text=True))[:500]
        code = receipt_code(response.get_data(as_text=True))
        assert len(code) == 16
        return code

    def login(self, code: str) -> TestResponse:
        page = self.client.get("/followup").get_data(as_text=True)
        return self.client.post("/followup", data={"csrf_token": csrf_token(page), "code": code})

    def case_page(self) -> TestResponse:
        return self.client.get("/followup/case")

    def send_message(self, text: str, files: Sequence[tuple[str, bytes]] = ()) -> TestResponse:
        page = self.case_page().get_data(as_text=True)
        return self.client.post(
            "/followup/case",
            data={
                "csrf_token": csrf_token(page),
                "text": text,
                "attachments": [(io.BytesIO(content), name) for name, content in files],
            },
            content_type="multipart/form-data",
        )

    def review_message(
        self,
        page: str,
        choices: Mapping[int, str] | None = None,
        action: str = "send",
        replacements: Mapping[int, tuple[str, bytes]] | None = None,
    ) -> TestResponse:
        """Answer a follow-up message's review page, as `review` answers the report's."""
        return self._answer_review("/followup/review", page, choices, action, replacements)

    def logout(self) -> TestResponse:
        page = self.case_page().get_data(as_text=True)
        return self.client.post("/followup/logout", data={"csrf_token": csrf_token(page)})
