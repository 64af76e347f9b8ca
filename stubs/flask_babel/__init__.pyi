# Flask-Babel 4.x: the parts this project uses (see stubs/README.md).
import datetime as dt
from collections.abc import Callable

from babel.core import Locale
from flask import Flask

class Babel:
    def __init__(
        self,
        app: Flask | None = ...,
        *,
        locale_selector: Callable[[], str | None] | None = ...,
        default_locale: str = ...,
        default_domain: str = ...,
        default_translation_directories: str = ...,
    ) -> None: ...

def get_locale() -> Locale | None: ...
def gettext(string: str, **variables: object) -> str: ...
def ngettext(singular: str, plural: str, num: int, **variables: object) -> str: ...

# A LazyString proxies str and is translated when it is rendered, so it goes wherever a
# str does (WTForms labels and messages): typed as str for that reason.
def lazy_gettext(string: str, **variables: object) -> str: ...
def format_date(date: dt.date | dt.datetime | None = ..., format: str | None = ...) -> str: ...
