"""Safe previews in the back office: pages beside their text, the safe copy, the original
behind a warning with an audit entry, and hostile files that leave the case page working."""

from __future__ import annotations

import io
import re

import pikepdf
import pytest
from sqlalchemy import select

from tests import preview_samples as samples
from tests.helpers import file_report
from wb_cases import sandbox
from wb_cases.models import AuditEntry, Preview, PreviewPage
from wb_cases.models.staff import Role
from wb_cases.services import preview

from .conftest import PASSWORD, add_member, enrol, login, post

pytestmark = pytest.mark.skipif(not sandbox.available(), reason="bubblewrap cannot run here")

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def _cached_render(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preview, "render", samples.cached_render(preview.render))


def _links(html: str, case_id: str) -> dict[str, str]:
    """File name → its preview link on the case page."""
    pattern = rf'<a href="(/cases/{case_id}/files/[0-9a-f]+/preview)">([^<]+)</a>'
    return {name: link for link, name in re.findall(pattern, html)}


def test_a_file_is_shown_page_by_page_with_its_text_and_the_pages_are_stored_encrypted(  # type: ignore[no-untyped-def]
    instance, db, head_client
):
    filed = file_report(instance, db, files=[("faktura.pdf", samples.pdf(2, "Faktura"))])
    case_page = head_client.get(f"/cases/{filed.case_id}").get_data(as_text=True)
    link = _links(case_page, filed.case_id)["faktura.pdf"]
    assert "download>faktura.pdf" not in case_page  # the original is no longer one click away

    page = head_client.get(link)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Faktura side 1" in html and "Faktura side 2" in html
    images = re.findall(r'<img src="([^"]+\.png)"', html)
    assert len(images) == 2
    served = head_client.get(images[1])
    assert served.status_code == 200 and served.mimetype == "image/png"
    assert served.data.startswith(PNG)
    assert served.headers["X-Content-Type-Options"] == "nosniff"

    rows = list(db.scalars(select(PreviewPage)))
    assert len(rows) == 2 and not any(r.image.startswith(PNG) for r in rows)
    stored = db.scalars(select(Preview)).one()
    assert b"Faktura side" not in stored.meta and stored.safe_copy is not None
    assert not stored.safe_copy.startswith(b"%PDF")

    # Once rendered, the case page shows the pages inline too.
    case_page = head_client.get(f"/cases/{filed.case_id}").get_data(as_text=True)
    assert "Faktura side 1" in case_page and images[0] in case_page


def test_the_safe_copy_is_a_clean_pdf_with_the_same_pages(instance, db, head_client):  # type: ignore[no-untyped-def]
    filed = file_report(instance, db, files=[("faktura.pdf", samples.pdf(3, hostile=True))])
    case_page = head_client.get(f"/cases/{filed.case_id}").get_data(as_text=True)
    file_id = re.search(r"/files/([0-9a-f]+)/preview", case_page).group(1)  # type: ignore[union-attr]
    response = head_client.get(f"/cases/{filed.case_id}/files/{file_id}/safe-copy")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment")
    with pikepdf.open(io.BytesIO(response.data)) as pdf:
        assert len(pdf.pages) == 3
        assert "/OpenAction" not in pdf.Root and not pdf.attachments
        assert "/Info" not in pdf.trailer and "/Metadata" not in pdf.Root
    actions = [e.action for e in db.scalars(select(AuditEntry))]
    assert "attachment.safe_copy_downloaded" in actions


def test_every_download_of_an_original_is_audited_after_a_warning(instance, db, head_client):  # type: ignore[no-untyped-def]
    original = samples.docx(1, macro=True)
    filed = file_report(instance, db, files=[("brev.docm", original)])
    case_page = head_client.get(f"/cases/{filed.case_id}").get_data(as_text=True)
    file_id = re.search(r"/files/([0-9a-f]+)/original", case_page).group(1)  # type: ignore[union-attr]
    warning = head_client.get(f"/cases/{filed.case_id}/files/{file_id}/original")
    html = warning.get_data(as_text=True)
    assert "makroer" in html and "revisionssporet" in html
    download = re.search(r'<a href="(/cases/[^"]+/files/[0-9a-f]+)" download>Jeg forstår', html)
    assert download is not None

    for _ in range(2):
        response = head_client.get(download.group(1))
        assert response.data == original
    downloads = [
        e
        for e in db.scalars(select(AuditEntry).order_by(AuditEntry.seq))
        if e.action == "attachment.downloaded"
    ]
    assert [e.detail for e in downloads] == [{"file": file_id}, {"file": file_id}]


def test_a_hostile_file_gets_a_plain_message_and_the_rest_of_the_case_works(  # type: ignore[no-untyped-def]
    instance, db, head_client
):
    filed = file_report(
        instance,
        db,
        files=[("bilag.zip", samples.zip_bomb(300)), ("billede.png", samples.image_bomb())],
    )
    case_page = head_client.get(f"/cases/{filed.case_id}").get_data(as_text=True)
    links = _links(case_page, filed.case_id)
    bomb = head_client.get(links["bilag.zip"])
    assert bomb.status_code == 200
    assert "zip-bombe" in bomb.get_data(as_text=True)
    picture = head_client.get(links["billede.png"]).get_data(as_text=True)
    assert "billedbombe" in picture
    again = head_client.get(f"/cases/{filed.case_id}")
    assert again.status_code == 200 and 'id="notes"' in again.get_data(as_text=True)


def test_page_images_are_only_for_unit_members_and_only_through_their_own_case(  # type: ignore[no-untyped-def]
    instance, db, client, head_client
):
    first = file_report(instance, db, files=[("a.pdf", samples.pdf(1))])
    second = file_report(instance, db, files=[("b.pdf", samples.pdf(1, "Andet"))])
    link = _links(head_client.get(f"/cases/{first.case_id}").get_data(as_text=True), first.case_id)
    html = head_client.get(link["a.pdf"]).get_data(as_text=True)
    image = re.search(r'<img src="([^"]+\.png)"', html).group(1)  # type: ignore[union-attr]
    assert head_client.get(image).status_code == 200
    assert head_client.get(image.replace(first.case_id, second.case_id)).status_code == 404

    head_client.post("/logout", data={})
    fresh = client.application.test_client()
    assert fresh.get(image).status_code in (302, 401)
    add_member(instance, db, "udvalg", Role.COMMITTEE)
    secret = enrol(instance, db, "udvalg")
    login(fresh, db, "udvalg", PASSWORD, secret)
    assert fresh.get(image).status_code == 403


def test_a_file_that_failed_once_can_be_tried_again_and_a_good_preview_stays(  # type: ignore[no-untyped-def]
    instance, db, head_client, monkeypatch
):
    real = preview.render
    monkeypatch.setattr(preview, "render", lambda *a, **k: preview.Rendition(problem="too_slow"))
    filed = file_report(instance, db, files=[("brev.pdf", samples.pdf(1, "Brev"))])
    link = _links(head_client.get(f"/cases/{filed.case_id}").get_data(as_text=True), filed.case_id)
    first = head_client.get(link["brev.pdf"]).get_data(as_text=True)
    assert "tog for lang tid" in first and "Brev side 1" not in first

    monkeypatch.setattr(preview, "render", samples.cached_render(real))
    retry = link["brev.pdf"] + "/retry"
    assert head_client.post(retry, data={}).status_code == 400  # a form without CSRF token
    response = post(head_client, retry, {}, token_from=link["brev.pdf"])
    assert response.status_code == 302
    second = head_client.get(link["brev.pdf"]).get_data(as_text=True)
    assert "Brev side 1" in second and "Prøv at vise" not in second

    post(head_client, retry, {}, token_from=link["brev.pdf"])  # a good preview is kept
    assert db.scalars(select(PreviewPage)).all() != []


def test_a_purge_takes_the_rendered_pages_and_safe_copy_with_the_file(instance, db, head_client):  # type: ignore[no-untyped-def]
    import datetime as dt

    from wb_cases.db import transaction
    from wb_cases.models import Case
    from wb_cases.services import retention

    filed = file_report(instance, db, files=[("brev.pdf", samples.pdf(1, "Brev"))])
    link = _links(head_client.get(f"/cases/{filed.case_id}").get_data(as_text=True), filed.case_id)
    assert "Brev side 1" in head_client.get(link["brev.pdf"]).get_data(as_text=True)
    assert db.scalars(select(Preview)).all() != []
    with transaction(db):
        retention.purge_case(db, db.get(Case, filed.case_id), today=dt.date(2030, 1, 1))
    db.expire_all()
    assert db.scalars(select(Preview)).all() == []
    assert db.scalars(select(PreviewPage)).all() == []
