"""Closing is offered only when it can succeed, and always through a confirmation page."""

from __future__ import annotations

from .flow import Flow


def test_the_case_is_offered_for_closing_only_when_every_matter_is_closed(  # type: ignore[no-untyped-def]
    instance, db, head_client
):
    flow = Flow(instance, db).file().acknowledge(employee=True).split("Forhold")
    html = head_client.get(f"/cases/{flow.case_id}").get_data(as_text=True)
    assert 'id="close-case"' not in html
    assert "Sagen kan afsluttes, når hvert forhold i den er lukket." in html


def test_closing_asks_first_and_changes_nothing_until_confirmed(instance, db, head_client):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file().acknowledge(employee=True).split("Forhold")
    case_page = head_client.get(f"/cases/{flow.case_id}/close?lang=en")
    html = case_page.get_data(as_text=True)
    assert case_page.status_code == 200 and "Close the case?" in html
    assert f'action="/cases/{flow.case_id}/close"' in html and 'name="close-case"' in html
    matter_page = head_client.get(f"/matters/{flow.matters[0]}/close?lang=da")
    html = matter_page.get_data(as_text=True)
    assert "Luk forhold 1?" in html and "Det kan ikke fortrydes." in html
    assert f'href="/cases/{flow.case_id}#matter-1"' in html
    assert flow.case.closed is None and flow.matter().closed is None


def test_the_case_page_links_to_each_of_its_sections(instance, db, head_client):  # type: ignore[no-untyped-def]
    flow = Flow(instance, db).file()
    html = head_client.get(f"/cases/{flow.case_id}?lang=en").get_data(as_text=True)
    for section in ("report", "matters", "deadlines", "messages", "notes", "journal", "identity"):
        assert f'<a href="#{section}">' in html and f'<section id="{section}"' in html
