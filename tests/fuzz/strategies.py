"""Hostile input for the fuzz tests: text, choices, file names and raw bytes."""

from __future__ import annotations

from hypothesis import strategies as st

NASTY = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "'; DROP TABLE cases; --",
    "' OR '1'='1",
    "{{ 7*7 }}{% raw %}",
    "\x00",
    "a\x00b",
    "\r\nSet-Cookie: x=y",
    "\u202egnp.exe",
    "\ufeff",
    "\u0000\u001f\u007f",
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "/etc/shadow",
    "C:\\boot.ini",
    "%00%0d%0a",
    "${jndi:ldap://127.0.0.1/a}",
    "$(id)",
    "`id`",
    "Æøå ÆØÅ 你好 🙂",
    " ",
    "",
]

# Lone surrogates cannot be sent as UTF-8 by any client; everything else can.
text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=200),
    st.sampled_from(NASTY),
    st.builds(
        lambda s, n: s * n,
        st.sampled_from(["x", "Å", "<"]),
        st.sampled_from([499, 501, 2001, 20_001]),
    ),
)


def choice(*valid: str) -> st.SearchStrategy[str]:
    """A valid choice most of the time, otherwise anything."""
    return st.one_of(st.sampled_from(valid), st.sampled_from(valid), text)


file_names = st.one_of(
    st.sampled_from(
        [
            "report.pdf",
            "../../../etc/passwd",
            "..\\..\\evil.exe",
            "/abs/path.txt",
            "a\x00b.txt",
            "nul\x00",
            "line\r\nbreak.txt",
            'quote".txt',
            "semi;colon=x.txt",
            "\u202etxt.exe",
            "CON",
            ".htaccess",
            "x" * 300,
            "bilag æøå.docx",
            "<script>.html",
            "%2e%2e%2fx",
        ]
    ),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80),
)

raw_bytes = st.one_of(
    st.binary(max_size=200),
    st.sampled_from(
        [
            b"\xff\xfe\xfd",
            b"\xc3\x28",
            b"\xed\xa0\x80",
            b"a\x00b",
            b"\xe9t\xe9",
            b"\r\n\r\n",
            b"--",
            b"\x00" * 64,
        ]
    ),
)
