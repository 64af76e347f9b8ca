"""Raw multipart bodies into the portal's WSGI app: broken boundaries, huge headers, odd
encodings (invalid UTF-8, NUL), path names and control characters in file names, missing
CSRF. Never a 500; an error leaves every row count and stored file as it was; whatever is
accepted leaves a consistent store (`wb fsck` clean).
"""

from __future__ import annotations

import io
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.conftest import FUZZ, snapshot
from tests.fuzz.strategies import raw_bytes
from tests.wb_portal.actors import VALID, csrf_token, hidden, is_review
from wb_cases.maintenance.fsck import check_store

Part = tuple[list[bytes], bytes]  # (header lines, content)

FILE_NAMES = st.one_of(
    raw_bytes,
    st.sampled_from(
        [
            b"../../../../tmp/x",
            b"..%2f..%2fx",
            b"/etc/passwd",
            b"C:\\Windows\\x.exe",
            b"a\x00.txt",
            b"\xff\xfe.txt",
            b"name\rwith\rcr",
            b'"',
            b"\\",
            b"x" * 5000,
            "æøå.txt".encode(),
            "æøå.txt".encode("latin-1"),
        ]
    ),
)

MUTATIONS = [
    "none",
    "boundary_mismatch",
    "no_closing",
    "truncate",
    "no_boundary_param",
    "quoted_boundary",
    "long_boundary",
    "huge_header",
    "many_headers",
    "no_csrf",
    "base64_part",
    "utf16_part",
    "rfc2231_name",
    "bad_length",
    "lf_only",
    "garbage_preamble",
    "too_many_files",
    "nul_in_field",
    "duplicate_fields",
]


def _part(
    name: bytes, content: bytes, filename: bytes | None = None, extra: list[bytes] | None = None
) -> Part:
    disposition = b'Content-Disposition: form-data; name="' + name + b'"'
    if filename is not None:
        disposition += b'; filename="' + filename + b'"'
    headers = [disposition, *(extra or [])]
    if filename is not None:
        headers.append(b"Content-Type: application/octet-stream")
    return headers, content


def _encode(
    parts: list[Part], boundary: bytes, newline: bytes = b"\r\n", closing: bool = True
) -> bytes:
    out = b""
    for headers, content in parts:
        out += b"--" + boundary + newline + newline.join(headers) + newline + newline
        out += content + newline
    if closing:
        out += b"--" + boundary + b"--" + newline
    return out


@st.composite
def bodies(draw: Any, token: str, nonce: str) -> tuple[bytes, str, int | None]:
    """A report form body, mutated: (body, request content type, declared length or None)."""
    mutation = draw(st.sampled_from(MUTATIONS))
    boundary = b"wbfuzz" + draw(st.sampled_from([b"", b"x" * 10, b"'()+_,-./:=?"]))
    fields = {
        "csrf_token": token.encode(),
        "nonce": nonce.encode(),
        **{k: v.encode() for k, v in VALID.items()},
    }
    if draw(st.booleans()):
        fields[draw(st.sampled_from(["what", "who", "relation"]))] = draw(raw_bytes)
    if mutation == "no_csrf":
        del fields["csrf_token"]
    if mutation == "nul_in_field":
        fields["what"] = b"a\x00b\x00" + draw(raw_bytes)
    parts = [_part(k.encode(), v) for k, v in fields.items()]
    if mutation == "duplicate_fields":
        parts += [_part(b"anonymity", b"confidential"), _part(b"csrf_token", b"forged")]
    filename = draw(FILE_NAMES)
    content = draw(st.binary(max_size=4096))
    extra: list[bytes] = []
    if mutation == "huge_header":
        extra = [b"X-Filler: " + b"a" * draw(st.sampled_from([8_000, 100_000, 1_100_000]))]
    elif mutation == "many_headers":
        extra = [b"X-H%d: v" % n for n in range(2000)]
    elif mutation == "base64_part":
        extra = [b"Content-Transfer-Encoding: base64"]
    elif mutation == "utf16_part":
        extra = [b"Content-Type: text/plain; charset=utf-16"]
        parts[-1] = (
            parts[-1][0] + [b"Content-Type: text/plain; charset=utf-16"],
            "x".encode("utf-16"),
        )
    if mutation == "rfc2231_name":
        headers = [
            b"Content-Disposition: form-data; name=\"attachments\"; filename*=UTF-8''"
            + draw(
                st.sampled_from(
                    [
                        b"a%0Ab.txt",
                        b"%0D%0ASet-Cookie%3A%20x",
                        b"%2e%2e%2f%2e%2e%2fx",
                        b"%00",
                        b"%FF%FE",
                        b"%C3%A6%C3%B8.txt",
                        b"%",
                    ]
                )
            )
        ]
        parts.append((headers, content))
    else:
        parts.append(_part(b"attachments", content, filename, extra))
    if mutation == "too_many_files":
        parts += [_part(b"originals", b"x", b"f%d.bin" % n) for n in range(11)]
    newline = b"\n" if mutation == "lf_only" else b"\r\n"
    body = _encode(parts, boundary, newline, closing=mutation != "no_closing")
    if mutation == "garbage_preamble":
        body = draw(raw_bytes) + b"\r\n" + body
    if mutation == "boundary_mismatch":
        boundary = boundary + b"X"
    if mutation == "truncate":
        body = body[: draw(st.integers(0, max(0, len(body) - 1)))]
    ctype = "multipart/form-data; boundary=" + boundary.decode()
    if mutation == "no_boundary_param":
        ctype = "multipart/form-data"
    elif mutation == "quoted_boundary":
        ctype = f'multipart/form-data; boundary="{boundary.decode()}"; charset=utf-7'
    elif mutation == "long_boundary":
        ctype = "multipart/form-data; boundary=" + "b" * 5000
    length: int | None = len(body)
    if mutation == "bad_length":
        length = draw(st.sampled_from([0, 1, len(body) // 2, len(body) + 100]))
    return body, ctype, length


@FUZZ
@given(data=st.data())
def test_raw_multipart_bodies_never_cause_a_500_and_errors_store_nothing(
    portal_client: Any, instance: Any, data: Any
) -> None:
    page = portal_client.get("/report").get_data(as_text=True)
    body, ctype, length = data.draw(bodies(csrf_token(page), hidden(page, "nonce")))
    before = snapshot(instance)
    response = portal_client.open(
        "/report",
        method="POST",
        input_stream=io.BytesIO(body),
        content_type=ctype,
        content_length=length,
    )
    assert response.status_code in (200, 400, 409, 413), response.status_code
    if response.status_code == 200:
        with instance.session() as session:
            assert check_store(session, instance.backend.file_store, None).ok
        after = snapshot(instance).rows
        if is_review(response.get_data(as_text=True)):  # files wait in a draft, no case yet
            assert after["cases"] == before.rows["cases"]
            assert after["report_drafts"] == before.rows["report_drafts"] + 1
        else:
            assert after["cases"] == before.rows["cases"] + 1
    else:
        assert snapshot(instance) == before


@FUZZ
@given(
    content_type=st.sampled_from(
        [
            "multipart/form-data",
            "multipart/mixed; boundary=x",
            "application/x-www-form-urlencoded",
            "text/plain",
            "application/json",
            "multipart/form-data; boundary=",
            "",
            "*/*",
            "application/x-www-form-urlencoded; charset=utf-16",
        ]
    ),
    body=raw_bytes,
)
def test_other_content_types_and_raw_bytes_get_a_4xx(
    portal_client: Any, instance: Any, content_type: str, body: bytes
) -> None:
    before = snapshot(instance)
    for path in ("/report", "/followup"):
        response = portal_client.open(
            path,
            method="POST",
            input_stream=io.BytesIO(body),
            content_type=content_type,
            content_length=len(body),
        )
        assert 400 <= response.status_code < 500, response.status_code
    assert snapshot(instance) == before
