"""Encode and parse Crockford base32, the alphabet of receipt codes and recovery keys."""

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {char: value for value, char in enumerate(ALPHABET)}
# Crockford's decoding rules: the letters that look like digits read as them.
# U is excluded from the alphabet and stays invalid (docs/architecture.md § 2).
_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})
# Hyphen-minus plus the dashes word processors substitute when a code is pasted.
_DASHES = str.maketrans("", "", "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")


def clean(text: str) -> str:
    """Return text upper-cased with separators dropped and look-alikes mapped to digits."""
    compact = "".join(text.split()).translate(_DASHES)
    if not compact.isascii():
        # str.upper() would turn "ß" into "SS" or "ı" into "I"; leave such
        # characters in place so the caller rejects them.
        return compact
    return compact.upper().translate(_LOOKALIKES)


def is_canonical(text: str) -> bool:
    """Return whether every character of text is in the alphabet."""
    return all(char in _VALUE for char in text)


def encode_int(value: int, length: int) -> str:
    """Encode a non-negative integer as exactly length base32 digits, most significant first."""
    if value < 0 or value >> (5 * length):
        raise ValueError("value does not fit in the requested length")
    return "".join(ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(length)))


def decode_int(text: str) -> int:
    """Decode canonical base32 digits into an integer."""
    value = 0
    for char in text:
        value = (value << 5) | _VALUE[char]
    return value


def group(text: str, size: int = 4) -> str:
    """Split text into dash-separated groups for reading aloud or printing."""
    return "-".join(text[i : i + size] for i in range(0, len(text), size))
