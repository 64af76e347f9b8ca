import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crypto import (
    RECEIPT_LENGTH,
    CryptoError,
    KdfParams,
    MalformedReceiptError,
    derive_receipt_keys,
    format_receipt,
    new_receipt_code,
    normalize_receipt,
)
from crypto._crockford import ALPHABET, decode_int, encode_int

FAST = KdfParams(time_cost=1, memory_kib=8, parallelism=1)
SALT = b"installation-salt"
CODE = "K7QM2XHD9FRATW3C"

codes = st.text(alphabet=ALPHABET, min_size=RECEIPT_LENGTH, max_size=RECEIPT_LENGTH)


def test_new_code_is_16_canonical_characters() -> None:
    code = new_receipt_code()
    assert re.fullmatch(rf"[{ALPHABET}]{{16}}", code)
    assert normalize_receipt(code) == code


def test_new_codes_use_the_whole_alphabet_in_every_position() -> None:
    sample = [new_receipt_code() for _ in range(2000)]
    assert len(set(sample)) == len(sample)
    for position in (0, RECEIPT_LENGTH - 1):
        assert {code[position] for code in sample} == set(ALPHABET)


def test_code_is_shown_in_groups_of_four() -> None:
    assert format_receipt(CODE) == "K7QM-2XHD-9FRA-TW3C"
    assert format_receipt("k7qm 2xhd 9fra tw3c") == "K7QM-2XHD-9FRA-TW3C"


@pytest.mark.parametrize(
    "typed",
    [
        "K7QM-2XHD-9FRA-TW3C",
        "k7qm-2xhd-9fra-tw3c",
        "K7QM 2XHD 9FRA TW3C",
        " k7qm2xhd9fratw3c \n",
        "K7QM\u20132XHD\u20149FRA\u2010TW3C",
        "K7QM--2XHD-9FRA-TW3C",
    ],
    ids=["shown", "lower", "spaces", "bare", "typographic dashes", "double dash"],
)
def test_typed_code_is_read_leniently(typed: str) -> None:
    assert normalize_receipt(typed) == CODE


def test_letters_that_look_like_digits_read_as_digits() -> None:
    assert normalize_receipt("IlLi-oO00-1111-0000") == "1111000011110000"


@given(code=codes, data=st.data())
def test_any_decoration_of_a_code_normalises_back_to_it(code: str, data: st.DataObject) -> None:
    typed = ""
    for char in code:
        char = data.draw(st.sampled_from(sorted({char, char.lower()})))
        if char == "1":
            char = data.draw(st.sampled_from("1IiLl"))
        elif char == "0":
            char = data.draw(st.sampled_from("0Oo"))
        typed += char + data.draw(st.sampled_from(["", "", "-", " ", " - "]))
    assert normalize_receipt(typed) == code
    assert normalize_receipt(format_receipt(code)) == code


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "K7QM-2XHD-9FRA-TW3",
        "K7QM-2XHD-9FRA-TW3CX",
        "K7QM-2XHD-9FRA-TW3U",
        "K7QM-2XHD-9FRA-TW3*",
        "K7QM_2XHD_9FRA_TW3C",
        "K7QM-2XHD-9FRA-TW3\u00df",
        "K7QM-2XHD-9FRA-TW\u0131C",
    ],
    ids=["empty", "short", "long", "U", "symbol", "underscores", "sharp s", "dotless i"],
)
def test_malformed_code_is_refused(typed: str) -> None:
    with pytest.raises(MalformedReceiptError) as raised:
        normalize_receipt(typed)
    assert isinstance(raised.value, ValueError)
    assert isinstance(raised.value, CryptoError)


def test_derived_lookup_tag_and_receipt_key_are_distinct_and_deterministic() -> None:
    keys = derive_receipt_keys(CODE, SALT, FAST)
    assert len(keys.lookup_tag) == len(keys.receipt_key) == 32
    assert keys.lookup_tag != keys.receipt_key
    assert derive_receipt_keys("k7qm-2xhd-9fra-tw3c", SALT, FAST) == keys
    assert keys.receipt_key.hex() not in repr(keys)


def test_another_code_or_salt_gives_other_keys() -> None:
    keys = derive_receipt_keys(CODE, SALT, FAST)
    other_code = derive_receipt_keys("K7QM2XHD9FRATW3D", SALT, FAST)
    other_salt = derive_receipt_keys(CODE, b"other-install-salt", FAST)
    assert len({keys.lookup_tag, other_code.lookup_tag, other_salt.lookup_tag}) == 3
    assert len({keys.receipt_key, other_code.receipt_key, other_salt.receipt_key}) == 3


def test_malformed_code_is_refused_before_any_derivation() -> None:
    with pytest.raises(MalformedReceiptError):
        derive_receipt_keys("not a code", SALT, FAST)


def test_crockford_digits_hold_exactly_five_bits_each() -> None:
    assert encode_int(0, 4) == "0000"
    assert encode_int(32**4 - 1, 4) == "ZZZZ"
    assert decode_int(encode_int(123456, 4)) == 123456
    for too_big_or_negative in (32**4, -1):
        with pytest.raises(ValueError):
            encode_int(too_big_or_negative, 4)
