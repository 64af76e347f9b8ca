# Flask-WTF 1.x CSRF protection (see stubs/README.md).
from typing import TypeVar

from flask import Flask
from werkzeug.exceptions import BadRequest

_V = TypeVar("_V")

class CSRFError(BadRequest): ...

class CSRFProtect:
    def __init__(self, app: Flask | None = ...) -> None: ...
    def init_app(self, app: Flask) -> None: ...
    def exempt(self, view: _V) -> _V: ...
