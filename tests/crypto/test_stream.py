import io
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crypto import (
    SEGMENT_SIZE,
    Context,
    DecryptionError,
    StreamWriter,
    ciphertext_size,
    decrypt_stream,
    encrypt_stream,
    iter_decrypt,
    new_key,
)
from crypto.stream import (
    _MAX_SEGMENTS,
    HEADER_SIZE,
    PREFIX_SIZE,
    _encrypt_stream_with_prefix,
    _read_exactly,
    _Segments,
)

KEY = bytes(range(32))
CTX = Context("case.attachment", case_id="c-1", row="att-1")
SEALED = SEGMENT_SIZE + 16
BOUNDARY_SIZES = [0, 1, 65535, 65536, 65537, 2 * 65536, 3 * 65536, 3 * 65536 + 1]


def payload(size: int, seed: int = 0) -> bytes:
    return random.Random(seed).randbytes(size)  # noqa: S311 - reproducible test data


def encrypt_bytes(plaintext: bytes, key: bytes = KEY, context: Context = CTX) -> bytes:
    sink = io.BytesIO()
    assert encrypt_stream(key, io.BytesIO(plaintext), sink, context) == len(plaintext)
    return sink.getvalue()


def decrypt_bytes(blob: bytes, key: bytes = KEY, context: Context = CTX) -> bytes:
    sink = io.BytesIO()
    count = decrypt_stream(key, io.BytesIO(blob), sink, context)
    assert count == len(sink.getvalue())
    return sink.getvalue()


def split(blob: bytes) -> tuple[bytes, list[bytes]]:
    body = blob[HEADER_SIZE:]
    return blob[:HEADER_SIZE], [body[i : i + SEALED] for i in range(0, len(body), SEALED)]


class TrickleReader(io.RawIOBase):
    """Return at most a few bytes per read, like a socket or pipe may."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)
        self._rng = random.Random(1)  # noqa: S311 - reproducible read sizes

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        return self._data.read(min(size, self._rng.randint(1, 5000)))


@pytest.mark.parametrize("size", BOUNDARY_SIZES)
def test_file_at_segment_boundaries_round_trips_with_exact_size(size: int) -> None:
    plaintext = payload(size)
    blob = encrypt_bytes(plaintext)
    assert len(blob) == ciphertext_size(size)
    assert decrypt_bytes(blob) == plaintext


@given(size=st.one_of(st.sampled_from(BOUNDARY_SIZES), st.integers(0, 3 * SEGMENT_SIZE + 9)))
def test_encrypted_stream_decrypts_to_the_same_bytes(size: int) -> None:
    plaintext = payload(size, seed=size)
    assert decrypt_bytes(encrypt_bytes(plaintext)) == plaintext


@given(
    size=st.sampled_from(BOUNDARY_SIZES),
    chunks=st.lists(st.integers(1, 3 * SEGMENT_SIZE), min_size=1, max_size=12),
)
def test_writes_in_any_chunk_sizes_give_a_decryptable_stream(size: int, chunks: list[int]) -> None:
    plaintext = payload(size, seed=len(chunks))
    sink = io.BytesIO()
    with StreamWriter(KEY, sink, CTX) as writer:
        offset, turn = 0, 0
        while offset < size:
            step = chunks[turn % len(chunks)]
            assert writer.write(plaintext[offset : offset + step]) == len(plaintext[offset:][:step])
            offset += step
            turn += 1
            # Constant memory: never more than one segment held back.
            assert len(writer._buffer) <= SEGMENT_SIZE
        assert writer.bytes_in == size
    assert len(sink.getvalue()) == ciphertext_size(size)
    assert decrypt_bytes(sink.getvalue()) == plaintext


def test_writer_and_encrypt_stream_produce_the_same_layout() -> None:
    plaintext = payload(2 * SEGMENT_SIZE)
    sink = io.BytesIO()
    with StreamWriter(KEY, sink, CTX) as writer:
        writer.write(memoryview(plaintext))
    ours, theirs = split(sink.getvalue()), split(encrypt_bytes(plaintext))
    assert [len(s) for s in ours[1]] == [len(s) for s in theirs[1]] == [SEALED, SEALED]


def test_writer_emits_the_header_at_once_and_segments_as_data_arrives() -> None:
    sink = io.BytesIO()
    writer = StreamWriter(KEY, sink, CTX)
    assert len(sink.getvalue()) == HEADER_SIZE
    writer.write(payload(SEGMENT_SIZE))
    assert len(sink.getvalue()) == HEADER_SIZE  # may still be the last segment
    writer.write(b"x")
    assert len(sink.getvalue()) == HEADER_SIZE + SEALED
    writer.close()
    writer.close()
    assert len(sink.getvalue()) == ciphertext_size(SEGMENT_SIZE + 1)
    with pytest.raises(ValueError):
        writer.write(b"more")


def test_writer_left_by_an_exception_stays_detectably_truncated() -> None:
    sink = io.BytesIO()
    with pytest.raises(RuntimeError), StreamWriter(KEY, sink, CTX) as writer:
        writer.write(payload(3 * SEGMENT_SIZE))
        raise RuntimeError("client went away")
    assert writer.closed
    with pytest.raises(DecryptionError):
        decrypt_bytes(sink.getvalue())


def test_writer_accepts_only_the_rewind_that_werkzeug_performs() -> None:
    writer = StreamWriter(KEY, io.BytesIO(), CTX)
    writer.write(b"abc")
    assert writer.seek(0) == 0
    assert writer.tell() == 3
    assert (writer.readable(), writer.writable(), writer.seekable()) == (False, True, False)
    with pytest.raises(io.UnsupportedOperation):
        writer.seek(1)
    with pytest.raises(io.UnsupportedOperation):
        writer.seek(0, io.SEEK_END)
    writer.flush()


def test_werkzeug_can_stream_an_upload_into_the_writer() -> None:
    formparser = pytest.importorskip("werkzeug.formparser")
    plaintext = payload(SEGMENT_SIZE * 2 + 123)
    body = (
        b'--B\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n" + plaintext + b"\r\n--B--\r\n"
    )
    sinks: list[io.BytesIO] = []

    def stream_factory(**_: object) -> StreamWriter:
        sinks.append(io.BytesIO())
        return StreamWriter(KEY, sinks[-1], CTX)

    parser = formparser.MultiPartParser(stream_factory=stream_factory, buffer_size=5000)
    _, files = parser.parse(io.BytesIO(body), b"B", len(body))
    files["f"].stream.close()
    assert decrypt_bytes(sinks[0].getvalue()) == plaintext


def test_short_reads_from_the_source_are_handled() -> None:
    plaintext = payload(2 * SEGMENT_SIZE + 7)
    sink = io.BytesIO()
    encrypt_stream(KEY, TrickleReader(plaintext), sink, CTX)  # type: ignore[arg-type]
    out = io.BytesIO()
    decrypt_stream(KEY, TrickleReader(sink.getvalue()), out, CTX)  # type: ignore[arg-type]
    assert out.getvalue() == plaintext


def test_iter_decrypt_yields_one_segment_at_a_time() -> None:
    plaintext = payload(2 * SEGMENT_SIZE + 5)
    parts = list(iter_decrypt(KEY, io.BytesIO(encrypt_bytes(plaintext)), CTX))
    assert [len(p) for p in parts] == [SEGMENT_SIZE, SEGMENT_SIZE, 5]


def test_iter_decrypt_reports_truncation_at_the_end() -> None:
    header, segments = split(encrypt_bytes(payload(3 * SEGMENT_SIZE + 5)))
    parts = iter_decrypt(KEY, io.BytesIO(header + b"".join(segments[:2])), CTX)
    assert len(next(parts)) == SEGMENT_SIZE
    with pytest.raises(DecryptionError):
        next(parts)


# --- tampering: every change fails loudly -------------------------------------------

TAMPER_PLAINTEXT = payload(3 * SEGMENT_SIZE + 100, seed=7)
TAMPER_BLOB = encrypt_bytes(TAMPER_PLAINTEXT)


def assert_fails(blob: bytes, key: bytes = KEY, context: Context = CTX) -> None:
    with pytest.raises(DecryptionError):
        decrypt_bytes(blob, key, context)


@given(data=st.data())
def test_flipped_bit_in_a_segment_fails_to_decrypt(data: st.DataObject) -> None:
    blob = bytearray(TAMPER_BLOB)
    bit = data.draw(st.integers(0, len(blob) * 8 - 1))
    blob[bit // 8] ^= 1 << (bit % 8)
    assert_fails(bytes(blob))


@pytest.mark.parametrize("kept", [0, 1, 2, 3])
def test_stream_cut_at_a_segment_boundary_fails_to_decrypt(kept: int) -> None:
    header, segments = split(TAMPER_BLOB)
    assert_fails(header + b"".join(segments[:kept]))


@pytest.mark.parametrize("size", [SEGMENT_SIZE, 2 * SEGMENT_SIZE])
def test_stream_of_whole_segments_cut_to_fewer_segments_fails(size: int) -> None:
    header, segments = split(encrypt_bytes(payload(size)))
    assert_fails(header + b"".join(segments[:-1]))


@given(data=st.data())
def test_stream_cut_anywhere_fails_to_decrypt(data: st.DataObject) -> None:
    assert_fails(TAMPER_BLOB[: data.draw(st.integers(0, len(TAMPER_BLOB) - 1))])


@pytest.mark.parametrize("extra", [b"\0", bytes(16), bytes(SEALED)])
def test_bytes_appended_after_the_final_segment_fail_to_decrypt(extra: bytes) -> None:
    assert_fails(TAMPER_BLOB + extra)


def test_dropped_segment_fails_to_decrypt() -> None:
    header, s = split(TAMPER_BLOB)
    assert_fails(header + s[0] + s[2] + s[3])


def test_reordered_segments_fail_to_decrypt() -> None:
    header, s = split(TAMPER_BLOB)
    assert_fails(header + s[1] + s[0] + s[2] + s[3])


def test_duplicated_segment_fails_to_decrypt() -> None:
    header, s = split(TAMPER_BLOB)
    assert_fails(header + s[0] + s[0] + s[1] + s[2] + s[3])


def test_last_segment_repeated_fails_to_decrypt() -> None:
    header, s = split(encrypt_bytes(payload(2 * SEGMENT_SIZE)))
    assert_fails(header + s[1] + s[1])


def test_segment_moved_from_another_file_under_the_same_key_fails() -> None:
    other_header, other = split(encrypt_bytes(TAMPER_PLAINTEXT))
    header, s = split(TAMPER_BLOB)
    assert_fails(header + s[0] + other[1] + s[2] + s[3])
    assert_fails(other_header + b"".join(s))


@pytest.mark.parametrize(
    "other",
    [
        Context("case.attachment", case_id="c-2", row="att-1"),
        Context("case.attachment", case_id="c-1", row="att-2"),
        Context("case.attachment", case_id="c-1", row="att-1", field="name"),
    ],
    ids=["other case", "other row", "other field"],
)
def test_stream_moved_to_another_context_fails_to_decrypt(other: Context) -> None:
    assert_fails(TAMPER_BLOB, context=other)


def test_wrong_key_fails_to_decrypt_the_stream() -> None:
    assert_fails(TAMPER_BLOB, key=new_key())


@pytest.mark.parametrize("version", [0, 2, 255])
def test_unknown_stream_version_byte_fails_to_decrypt(version: int) -> None:
    assert_fails(bytes([version]) + TAMPER_BLOB[1:])


def test_empty_file_is_one_authenticated_empty_segment() -> None:
    blob = encrypt_bytes(b"")
    assert len(blob) == HEADER_SIZE + 16
    assert decrypt_bytes(blob) == b""
    assert_fails(blob[:HEADER_SIZE])


def test_ciphertext_size_refuses_negative_sizes() -> None:
    with pytest.raises(ValueError):
        ciphertext_size(-1)


def test_a_trickling_source_gives_the_same_segments_as_a_whole_one() -> None:
    # Short reads must be topped up to whole segments: otherwise the segment layout (and
    # so the ciphertext) would depend on how the upload arrived.
    plaintext = payload(2 * SEGMENT_SIZE + 7)
    prefix = bytes(PREFIX_SIZE)
    whole, trickled = io.BytesIO(), io.BytesIO()
    _encrypt_stream_with_prefix(KEY, io.BytesIO(plaintext), whole, CTX, prefix)
    _encrypt_stream_with_prefix(KEY, TrickleReader(plaintext), trickled, CTX, prefix)  # type: ignore[arg-type]
    assert trickled.getvalue() == whole.getvalue()
    assert len(whole.getvalue()) == ciphertext_size(len(plaintext))


def test_read_exactly_returns_fewer_bytes_only_at_the_end() -> None:
    source = TrickleReader(payload(3 * SEGMENT_SIZE))
    assert [len(_read_exactly(source, SEGMENT_SIZE + 1)) for _ in range(4)] == [
        SEGMENT_SIZE + 1,
        SEGMENT_SIZE + 1,
        SEGMENT_SIZE - 2,
        0,
    ]


def test_a_stream_stops_before_its_segment_counter_would_wrap() -> None:
    segments = _Segments(KEY, bytes(PREFIX_SIZE), CTX)
    segments.counter = _MAX_SEGMENTS - 1
    segments.seal(b"last possible", last=True)
    with pytest.raises(OverflowError):
        segments.seal(b"one too many", last=True)
