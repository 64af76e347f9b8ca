import hashlib

import pytest

from crypto import (
    RECOMMENDED,
    KdfParams,
    derive_password_keys,
    new_salt,
    verifier_hash,
    verifier_matches,
)
from crypto.passwords import argon2id

FAST = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
SALT = bytes(16)
PEPPER = b"back-office pepper from data dir"


def test_verifier_and_wrapping_key_are_distinct_32_byte_keys() -> None:
    keys = derive_password_keys("correct horse", SALT, FAST, PEPPER)
    assert len(keys.verifier) == len(keys.wrapping_key) == 32
    assert keys.verifier != keys.wrapping_key


def test_same_inputs_derive_the_same_keys() -> None:
    assert derive_password_keys("pw", SALT, FAST, PEPPER) == derive_password_keys(
        "pw", SALT, FAST, PEPPER
    )


def test_different_pepper_gives_a_different_wrapping_key_and_verifier() -> None:
    ours = derive_password_keys("pw", SALT, FAST, PEPPER)
    theirs = derive_password_keys("pw", SALT, FAST, b"another data dir's pepper")
    assert ours.wrapping_key != theirs.wrapping_key
    assert ours.verifier != theirs.verifier


@pytest.mark.parametrize(
    "password, salt, params",
    [
        ("pw2", SALT, FAST),
        ("pw", b"\x01" * 16, FAST),
        ("pw", SALT, KdfParams(time_cost=2, memory_kib=8, parallelism=1)),
    ],
    ids=["password", "salt", "params"],
)
def test_every_input_changes_the_keys(password: str, salt: bytes, params: KdfParams) -> None:
    base = derive_password_keys("pw", SALT, FAST, PEPPER)
    other = derive_password_keys(password, salt, params, PEPPER)
    assert other.verifier != base.verifier
    assert other.wrapping_key != base.wrapping_key


def test_composed_and_decomposed_unicode_passwords_give_the_same_keys() -> None:
    composed, decomposed = "bl\u00e5b\u00e6r", "bla\u030ab\u00e6r"
    assert derive_password_keys(composed, SALT, FAST, PEPPER) == derive_password_keys(
        decomposed, SALT, FAST, PEPPER
    )


def test_the_stored_hash_does_not_log_in_by_itself() -> None:
    """A copy of the staff table gives the hash; presenting it as the verifier fails."""
    keys = derive_password_keys("correct horse", SALT, FAST, PEPPER)
    stored = verifier_hash(keys.verifier)
    assert stored == hashlib.sha256(keys.verifier).digest()
    assert not verifier_matches(stored, stored)
    assert stored not in (keys.verifier, keys.wrapping_key)


def test_a_stolen_database_cannot_test_a_password_guess_without_the_pepper() -> None:
    """With salt, parameters and hash but not the data dir's pepper, the right password fails."""
    stored = verifier_hash(derive_password_keys("correct horse", SALT, FAST, PEPPER).verifier)
    guessed_pepper = derive_password_keys("correct horse", SALT, FAST, bytes(16))
    assert not verifier_matches(guessed_pepper.verifier, stored)
    stretched_only = argon2id(b"correct horse", SALT, FAST)
    assert not verifier_matches(stretched_only, stored)
    assert verifier_matches(
        derive_password_keys("correct horse", SALT, FAST, PEPPER).verifier, stored
    )


def test_verifier_matches_only_its_own_hash() -> None:
    right = derive_password_keys("right", SALT, FAST, PEPPER)
    wrong = derive_password_keys("wrong", SALT, FAST, PEPPER)
    stored = verifier_hash(right.verifier)
    assert verifier_matches(right.verifier, stored)
    assert not verifier_matches(wrong.verifier, stored)
    assert not verifier_matches(right.verifier, stored[:-1])


@pytest.mark.parametrize("pepper", [b"", b"short"])
def test_missing_or_short_pepper_is_refused(pepper: bytes) -> None:
    with pytest.raises(ValueError):
        derive_password_keys("pw", SALT, FAST, pepper)


def test_new_salt_is_16_random_bytes() -> None:
    assert len(new_salt()) == 16
    assert new_salt() != new_salt()


def test_recommended_params_are_rfc_9106_second_recommendation() -> None:
    assert KdfParams() == RECOMMENDED
    assert RECOMMENDED.memory_kib >= 65536
    assert (RECOMMENDED.time_cost, RECOMMENDED.parallelism) == (3, 4)
    assert RECOMMENDED.at_least(RECOMMENDED)
    assert not FAST.at_least(RECOMMENDED)


def test_params_round_trip_through_a_dict() -> None:
    assert FAST.to_dict() == {"time_cost": 1, "memory_kib": 8, "parallelism": 1}
    assert KdfParams.from_dict(FAST.to_dict()) == FAST
    assert KdfParams.from_dict(RECOMMENDED.to_dict()) == RECOMMENDED


@pytest.mark.parametrize(
    "stored",
    [
        {"time_cost": 1, "memory_kib": 8},
        {"time_cost": 1, "memory_kib": 8, "parallelism": 1, "hash_len": 16},
        {"time_cost": 0, "memory_kib": 8, "parallelism": 1},
        {"time_cost": True, "memory_kib": 8, "parallelism": 1},
        {"time_cost": 1, "memory_kib": 8, "parallelism": 2},
    ],
    ids=["missing key", "unknown key", "zero cost", "bool", "too little memory per lane"],
)
def test_bad_stored_params_are_refused(stored: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        KdfParams.from_dict(stored)


@pytest.mark.slow
def test_recommended_params_derive_distinct_keys() -> None:
    assert RECOMMENDED == KdfParams(time_cost=3, memory_kib=65536, parallelism=4)
    keys = derive_password_keys("correct horse", new_salt(), RECOMMENDED, PEPPER)
    assert keys.verifier != keys.wrapping_key


@pytest.mark.parametrize(
    "lower",
    [
        KdfParams(time_cost=2, memory_kib=65536, parallelism=4),
        KdfParams(time_cost=3, memory_kib=32768, parallelism=4),
        KdfParams(time_cost=3, memory_kib=65536, parallelism=2),
    ],
    ids=["time", "memory", "lanes"],
)
def test_parameters_below_the_floor_in_any_one_cost_are_not_enough(lower: KdfParams) -> None:
    assert not lower.at_least(RECOMMENDED)
    assert RECOMMENDED.at_least(lower)


def test_derived_keys_never_show_in_a_log_line_or_traceback() -> None:
    keys = derive_password_keys("correct horse", SALT, FAST, PEPPER)
    assert repr(keys) == "PasswordKeys(<hidden>)"
    assert keys.verifier.hex() not in f"{keys!r} {keys!s}"
