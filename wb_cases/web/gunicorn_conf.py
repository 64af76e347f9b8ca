"""gunicorn settings for both apps: no access log, no addresses in any log line.

docs/architecture.md § 3: the portal must never learn who a reporter is, so gunicorn
writes no access log at all, and its error log passes through a filter that
drops anything looking like an address.
"""

accesslog = None
errorlog = "-"
loglevel = "warning"
capture_output = False
forwarded_allow_ips = ""
proxy_allow_ips = ""
logger_class = "wb_cases.web.logging.AnonymousGunicornLogger"
worker_tmp_dir = "/dev/shm"  # noqa: S108 - gunicorn's heartbeat file, not data
timeout = 120
# gunicorn's control socket is one per user by default: two apps on one host
# would fight over it, and nothing here needs it.
control_socket_disable = True


def _drop_server_header() -> None:
    """Send no `Server: gunicorn`: nothing should tell a visitor which software to attack.

    gunicorn writes the header itself, below the WSGI app, so neither app can
    remove it; this config runs in the master before the workers fork, so the
    patched class is what every worker uses.
    """
    from gunicorn.http import wsgi

    original = wsgi.Response.default_headers

    def default_headers(self: wsgi.Response) -> list[str]:
        return [line for line in original(self) if not line.lower().startswith("server:")]

    wsgi.Response.default_headers = default_headers  # type: ignore[method-assign]


_drop_server_header()
