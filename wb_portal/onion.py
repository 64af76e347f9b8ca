"""Tell Tor Browser users that the portal has an onion address, when one is configured.

Tor Browser reads the `Onion-Location` header of a clearnet page and offers the
onion address instead (docs/deployment.md). A reporter in any other browser sees
the address in a line on the start page.
"""

from __future__ import annotations

from flask import Flask, Response, request


def init_app(app: Flask, address: str | None) -> None:
    """Announce `address` on every page and to the templates; nothing at all without one."""

    @app.context_processor
    def onion_address() -> dict[str, str | None]:
        return {"onion_address": address}

    if address is None:
        return

    @app.after_request
    def announce(response: Response) -> Response:
        if not request.host.endswith(".onion"):
            response.headers["Onion-Location"] = f"http://{address}{request.full_path.rstrip('?')}"
        return response
