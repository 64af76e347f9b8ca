import re

import pytest

from crypto import (
    Context,
    CryptoError,
    DecryptionError,
    RecoveryKeyError,
    encrypt,
    new_key,
    new_recovery_key,
    recovery_wrapping_key,
    unwrap_key,
    wrap_key,
)
from crypto._crockford import ALPHABET

CTX = Context("unit-key.staff", row="staff-3")


def test_new_keys_are_32_random_bytes() -> None:
    assert len(new_key()) == 32
    assert new_key() != new_key()


def test_wrapped_key_unwraps_under_the_same_key_and_context() -> None:
    wrapping, key = new_key(), new_key()
    assert unwrap_key(wrapping, wrap_key(wrapping, key, CTX), CTX) == key


def test_wrapped_key_moved_to_another_staff_member_fails_to_unwrap() -> None:
    wrapping, key = new_key(), new_key()
    with pytest.raises(DecryptionError):
        unwrap_key(wrapping, wrap_key(wrapping, key, CTX), Context("unit-key.staff", row="staff-4"))


def test_wrong_wrapping_key_fails_to_unwrap() -> None:
    with pytest.raises(DecryptionError):
        unwrap_key(new_key(), wrap_key(new_key(), new_key(), CTX), CTX)


def test_only_32_byte_keys_are_wrapped_and_unwrapped() -> None:
    wrapping = new_key()
    with pytest.raises(ValueError):
        wrap_key(wrapping, b"short", CTX)
    with pytest.raises(DecryptionError):
        unwrap_key(wrapping, encrypt(wrapping, b"not a key", CTX), CTX)


def test_recovery_key_is_printed_as_13_groups_of_4_crockford_characters() -> None:
    key = new_recovery_key()
    assert re.fullmatch(rf"[{ALPHABET}]{{4}}(-[{ALPHABET}]{{4}}){{12}}", key)
    assert new_recovery_key() != key


def test_recovery_key_is_read_back_leniently() -> None:
    key = new_recovery_key()
    expected = recovery_wrapping_key(key)
    assert len(expected) == 32
    sloppy = key.replace("-", " ").lower().replace("0", "o").replace("1", "l")
    assert recovery_wrapping_key(sloppy) == expected
    assert recovery_wrapping_key(key.replace("-", "")) == expected
    assert recovery_wrapping_key(f"  {key}\n") == expected


def test_distinct_recovery_keys_give_distinct_wrapping_keys() -> None:
    assert recovery_wrapping_key(new_recovery_key()) != recovery_wrapping_key(new_recovery_key())


def test_most_single_character_typos_in_a_recovery_key_are_caught() -> None:
    key = new_recovery_key().replace("-", "")
    expected = recovery_wrapping_key(key)
    caught = total = 0
    for position, original in enumerate(key):
        for char in ALPHABET:
            if char == original:
                continue
            typo = key[:position] + char + key[position + 1 :]
            total += 1
            try:
                # A typo that slips past the check still gives another key.
                assert recovery_wrapping_key(typo) != expected
            except RecoveryKeyError:
                caught += 1
    assert caught / total > 0.85


@pytest.mark.parametrize(
    "text",
    ["", "ABCD-EFGH", new_recovery_key() + "A", new_recovery_key()[:-1], "U" * 52, "Æ" * 52],
    ids=["empty", "too short", "too long", "one short", "U is invalid", "non-ascii"],
)
def test_malformed_recovery_key_is_refused(text: str) -> None:
    with pytest.raises(RecoveryKeyError) as raised:
        recovery_wrapping_key(text)
    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, CryptoError)
