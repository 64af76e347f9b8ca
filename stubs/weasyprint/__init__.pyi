# WeasyPrint: the HTML → PDF entry point this project uses (see stubs/README.md).
from collections.abc import Callable
from typing import Any

class HTML:
    def __init__(
        self,
        *,
        string: str | None = ...,
        url_fetcher: Callable[[str], dict[str, Any]] | None = ...,
        base_url: str | None = ...,
    ) -> None: ...
    def write_pdf(self, target: None = ..., **options: Any) -> bytes: ...
