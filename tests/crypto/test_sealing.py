import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from crypto import (
    Context,
    DecryptionError,
    KeyPair,
    generate_keypair,
    open_sealed,
    public_key_from_private,
    seal,
)

UNIT = generate_keypair()
CTX = Context("case-key.unit", case_id="c-1")


@given(plaintext=st.binary(max_size=1024))
def test_sealed_data_opens_with_the_private_key(plaintext: bytes) -> None:
    assert open_sealed(UNIT.private_key, seal(UNIT.public_key, plaintext, CTX), CTX) == plaintext


def test_key_pair_is_raw_32_bytes_and_consistent() -> None:
    pair = generate_keypair()
    assert len(pair.private_key) == len(pair.public_key) == 32
    assert public_key_from_private(pair.private_key) == pair.public_key
    assert pair.private_key.hex() not in repr(pair)


def test_each_seal_uses_a_fresh_ephemeral_key() -> None:
    first, second = seal(UNIT.public_key, b"k", CTX), seal(UNIT.public_key, b"k", CTX)
    assert first[1:33] != second[1:33]
    assert first[0] == 1


def test_another_private_key_cannot_open_a_seal() -> None:
    with pytest.raises(DecryptionError):
        open_sealed(generate_keypair().private_key, seal(UNIT.public_key, b"k", CTX), CTX)


def test_sealed_key_moved_to_another_case_fails_to_open() -> None:
    with pytest.raises(DecryptionError):
        open_sealed(
            UNIT.private_key, seal(UNIT.public_key, b"k", CTX), Context("case-key.unit", "c-2")
        )


@given(data=st.data())
def test_flipped_bit_in_a_seal_fails_to_open(data: st.DataObject) -> None:
    blob = bytearray(seal(UNIT.public_key, b"case key", CTX))
    bit = data.draw(st.integers(0, len(blob) * 8 - 1))
    blob[bit // 8] ^= 1 << (bit % 8)
    with pytest.raises(DecryptionError):
        open_sealed(UNIT.private_key, bytes(blob), CTX)


@pytest.mark.parametrize("cut", [0, 1, 32, 33, 45, 61])
def test_truncated_seal_fails_to_open(cut: int) -> None:
    blob = seal(UNIT.public_key, b"case key", CTX)
    with pytest.raises(DecryptionError):
        open_sealed(UNIT.private_key, blob[:cut], CTX)


@pytest.mark.parametrize("version", [0, 2])
def test_unknown_seal_version_fails_to_open(version: int) -> None:
    blob = seal(UNIT.public_key, b"case key", CTX)
    with pytest.raises(DecryptionError):
        open_sealed(UNIT.private_key, bytes([version]) + blob[1:], CTX)


def test_low_order_ephemeral_key_fails_like_any_other_tamper() -> None:
    blob = seal(UNIT.public_key, b"case key", CTX)
    with pytest.raises(DecryptionError):
        open_sealed(UNIT.private_key, blob[:1] + bytes(32) + blob[33:], CTX)


def test_seal_cannot_be_retargeted_by_swapping_the_ephemeral_key() -> None:
    # The HKDF salt binds the ephemeral key: replaying the body under another
    # ephemeral key (whose private part the attacker knows) does not open.
    blob = seal(UNIT.public_key, b"case key", CTX)
    other = X25519PrivateKey.generate().public_key().public_bytes_raw()
    with pytest.raises(DecryptionError):
        open_sealed(UNIT.private_key, blob[:1] + other + blob[33:], CTX)


def test_keys_of_wrong_length_are_programming_errors() -> None:
    with pytest.raises(ValueError):
        seal(b"short", b"x", CTX)
    with pytest.raises(ValueError):
        open_sealed(b"short", seal(UNIT.public_key, b"x", CTX), CTX)
    assert isinstance(UNIT, KeyPair)
