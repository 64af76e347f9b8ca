"""Encrypt attachments as AES-256-GCM segments in constant memory (docs/architecture.md § 2).

Format: header = version byte || 7-byte random nonce prefix, then segments of
ciphertext (at most SEGMENT_SIZE bytes) + 16-byte tag. Segment i uses the nonce
prefix || i (4 bytes, big endian) || last flag (1 on the final segment, else 0)
and the associated data version byte || context.encode(). The flag tells a
complete stream from one cut at a segment boundary; the counter catches dropped,
reordered and duplicated segments; the prefix catches segments from other files.
"""

import io
import os
from collections.abc import Iterator
from types import TracebackType
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from crypto.envelope import TAG_SIZE, Context, check_key
from crypto.errors import DecryptionError

VERSION: int = 1
SEGMENT_SIZE = 65536
PREFIX_SIZE = 7
HEADER_SIZE = 1 + PREFIX_SIZE
_SEALED_SEGMENT_SIZE = SEGMENT_SIZE + TAG_SIZE
_MAX_SEGMENTS = 2**32  # the counter is 4 bytes: 256 TiB per file
_VERSION_BYTE = bytes([VERSION])


class _Segments:
    """Number segments and encrypt or decrypt them under one key, prefix and context."""

    def __init__(self, key: bytes, prefix: bytes, context: Context) -> None:
        check_key(key)
        self._aead = AESGCM(key)
        self._prefix = prefix
        self._aad = _VERSION_BYTE + context.encode()
        self.counter = 0

    def _nonce(self, last: bool) -> bytes:
        if self.counter >= _MAX_SEGMENTS:
            raise OverflowError("stream has too many segments")
        return self._prefix + self.counter.to_bytes(4, "big") + (b"\x01" if last else b"\x00")

    def seal(self, plaintext: bytes, last: bool) -> bytes:
        sealed = self._aead.encrypt(self._nonce(last), plaintext, self._aad)
        self.counter += 1
        return sealed

    def open(self, sealed: bytes, last: bool) -> bytes:
        try:
            plaintext = self._aead.decrypt(self._nonce(last), sealed, self._aad)
        except InvalidTag:
            raise DecryptionError("attachment segment failed authentication") from None
        self.counter += 1
        return plaintext


class StreamWriter:
    """Encrypt whatever is written to it into sink; a file-like target for upload streaming.

    Werkzeug's stream_factory hands upload chunks of any size to write() and
    then calls seek(0) to rewind a file it thinks it can read back. There is
    nothing to read back here, so seek(0) is accepted as a no-op returning 0;
    every other seek raises io.UnsupportedOperation. Callers must call close()
    (or leave a with-block normally) to write the final segment: a stream that
    is never closed, or whose with-block raised, stays detectably truncated.
    """

    def __init__(self, key: bytes, sink: BinaryIO, context: Context) -> None:
        prefix = os.urandom(PREFIX_SIZE)
        self._segments = _Segments(key, prefix, context)
        self._sink = sink
        # At most one segment is held back: it can only be sealed once we know
        # whether more data follows (that decides its last flag).
        self._buffer = bytearray()
        self._closed = False
        self.bytes_in = 0
        sink.write(_VERSION_BYTE + prefix)

    @property
    def closed(self) -> bool:
        """Return whether the stream was closed or aborted."""
        return self._closed

    def write(self, data: bytes | bytearray | memoryview) -> int:
        """Encrypt data as it arrives, holding back at most one segment."""
        if self._closed:
            raise ValueError("write to a closed StreamWriter")
        view = memoryview(data).cast("B")
        size = view.nbytes
        while view:
            if len(self._buffer) == SEGMENT_SIZE:
                self._sink.write(self._segments.seal(bytes(self._buffer), last=False))
                self._buffer.clear()
            take = SEGMENT_SIZE - len(self._buffer)
            self._buffer += view[:take]
            view = view[take:]
        self.bytes_in += size
        return size

    def close(self) -> None:
        """Write the final segment; calling it again does nothing."""
        if self._closed:
            return
        self._closed = True
        self._sink.write(self._segments.seal(bytes(self._buffer), last=True))
        self._buffer.clear()
        self.flush()

    def abort(self) -> None:
        """Stop without writing the final segment, so the output cannot pass as complete."""
        self._closed = True
        self._buffer.clear()

    def flush(self) -> None:
        """Flush the sink (held-back plaintext stays buffered until it can be sealed)."""
        self._sink.flush()

    def tell(self) -> int:
        """Return the number of plaintext bytes written so far."""
        return self.bytes_in

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Accept only Werkzeug's rewind, seek(0), as a no-op returning 0."""
        if offset == 0 and whence == io.SEEK_SET:
            return 0
        raise io.UnsupportedOperation("StreamWriter cannot seek")

    def readable(self) -> bool:
        """Return False: the plaintext is never kept."""
        return False

    def writable(self) -> bool:
        """Return whether more data may be written."""
        return not self._closed

    def seekable(self) -> bool:
        """Return False: only the seek(0) no-op is supported."""
        return False

    def __enter__(self) -> "StreamWriter":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # A failed upload must not be finalised into a valid shorter file.
        if exc_type is None:
            self.close()
        else:
            self.abort()


def encrypt_stream(key: bytes, source: BinaryIO, sink: BinaryIO, context: Context) -> int:
    """Encrypt all of source into sink; return the number of plaintext bytes."""
    return _encrypt_stream_with_prefix(key, source, sink, context, os.urandom(PREFIX_SIZE))


def _encrypt_stream_with_prefix(
    key: bytes, source: BinaryIO, sink: BinaryIO, context: Context, prefix: bytes
) -> int:
    """Encrypt with a given nonce prefix; fixed prefixes only for known-answer vectors."""
    if len(prefix) != PREFIX_SIZE:
        raise ValueError(f"prefix must be {PREFIX_SIZE} bytes")
    segments = _Segments(key, prefix, context)
    sink.write(_VERSION_BYTE + prefix)
    total = 0
    current = _read_exactly(source, SEGMENT_SIZE)
    while True:
        # Read one segment ahead: only then do we know if current is the last.
        following = _read_exactly(source, SEGMENT_SIZE) if len(current) == SEGMENT_SIZE else b""
        last = not following
        sink.write(segments.seal(current, last))
        total += len(current)
        if last:
            return total
        current = following


def decrypt_stream(key: bytes, source: BinaryIO, sink: BinaryIO, context: Context) -> int:
    """Decrypt source into sink; return the number of plaintext bytes.

    On DecryptionError the sink already holds the segments before the fault:
    the caller must discard it.
    """
    total = 0
    for plaintext in iter_decrypt(key, source, context):
        sink.write(plaintext)
        total += len(plaintext)
    return total


def iter_decrypt(key: bytes, source: BinaryIO, context: Context) -> Iterator[bytes]:
    """Yield authenticated plaintext segment by segment.

    Each yielded segment is authentic, but the file is only complete once the
    iterator finishes: truncation is detected (and raised) at the end. A bad
    header or wrong-sized key is reported at once, before iteration starts.
    """
    check_key(key)
    header = _read_exactly(source, HEADER_SIZE)
    if len(header) != HEADER_SIZE or header[0] != VERSION:
        raise DecryptionError("attachment is truncated or of an unknown version")
    return _iter_segments(_Segments(key, header[1:], context), source)


def _iter_segments(segments: _Segments, source: BinaryIO) -> Iterator[bytes]:
    current = _read_exactly(source, _SEALED_SEGMENT_SIZE)
    while True:
        if len(current) < TAG_SIZE:
            raise DecryptionError("attachment is truncated")
        # A full segment is the last one only if nothing follows it; a short
        # one must be the last (if it was cut short, its tag will not match).
        if len(current) == _SEALED_SEGMENT_SIZE:
            following = _read_exactly(source, _SEALED_SEGMENT_SIZE)
        else:
            following = b""
        last = not following
        yield segments.open(current, last)
        if last:
            return
        current = following


def ciphertext_size(plaintext_size: int) -> int:
    """Return the exact size of the encrypted form of plaintext_size bytes."""
    if plaintext_size < 0:
        raise ValueError("plaintext_size must not be negative")
    # An empty file is still one (empty) final segment.
    segment_count = max(1, -(-plaintext_size // SEGMENT_SIZE))
    return HEADER_SIZE + plaintext_size + segment_count * TAG_SIZE


def _read_exactly(source: BinaryIO, size: int) -> bytes:
    """Read size bytes, or fewer only at end of file (raw streams may return short reads)."""
    chunk = source.read(size)
    if len(chunk) == size or not chunk:
        return chunk
    parts = [chunk]
    remaining = size - len(chunk)
    while remaining:
        chunk = source.read(remaining)
        if not chunk:
            break
        parts.append(chunk)
        remaining -= len(chunk)
    return b"".join(parts)
