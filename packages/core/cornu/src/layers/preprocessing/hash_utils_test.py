"""The TensorFlow-compatible hashes against published reference values.

FarmHash `Fingerprint64` values: TensorFlow's own fingerprint test
("Hello", "World"), FarmHash's documented example ("hello world"),
CityHash64 v1.1 reference values (identical to FarmHash up to 32 bytes)
and FarmHash's own self-test case 65 (65 bytes, the long-input loop).
SipHash-2-4: the reference vectors of the SipHash paper (key 00..0f).
"""

import pytest

from cornu.src.layers.preprocessing import hash_utils

_ACCENTED = (
    "\N{LATIN SMALL LETTER E WITH ACUTE}l\N{LATIN SMALL LETTER E WITH GRAVE}"
    "ve-\N{CJK UNIFIED IDEOGRAPH-65E5}\N{CJK UNIFIED IDEOGRAPH-672C}"
    "\N{CJK UNIFIED IDEOGRAPH-8A9E}-\N{PARTY POPPER}"
).encode("utf-8")
_CASE_65 = bytes.fromhex(
    "5ad402a5a42187df5c0c6c4db1a8663cdc2c55b7dbf8c410c109bec2f0847b6495fc"
    "6a14cc9be158d204aeefc4cf97fb8b2d3b9e0f30319a9adba14575370065d0"
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", 11160318154034397263),
        (b"Hello", 15404698994557526151),
        (b"World", 18308117990299812472),
        (b"hello world", 6381520714923946011),
        (b"hello_world", 15605398435621216523),
        (b"abcdefghijklm", 8550978237989882775),
        (_ACCENTED, 17522264240893443485),  # 22 bytes
        (_CASE_65, 0x3CCEAB392BC39B3F),
    ],
    ids=lambda v: f"len{len(v)}" if isinstance(v, bytes) else None,
)
def test_fingerprint64_matches_reference_values(data, expected):
    assert hash_utils.fingerprint64(data) == expected


@pytest.mark.parametrize(
    ("length", "expected"),
    [
        (0, 0x726FDB47DD0E0E31),
        (8, 0x93F5F5799A932462),
        (15, 0xA129CA6149BE45E5),
    ],
)
def test_siphash_matches_the_paper_vectors(length, expected):
    key = (
        int.from_bytes(bytes(range(8)), "little"),
        int.from_bytes(bytes(range(8, 16)), "little"),
    )
    assert hash_utils.siphash(key, bytes(range(length))) == expected


def test_hash_to_buckets_hashes_integers_through_their_text():
    as_ints = hash_utils.hash_to_buckets([0, 17, -3], 1000)
    as_text = hash_utils.hash_to_buckets(["0", "17", "-3"], 1000)
    assert as_ints.tolist() == as_text.tolist()
    expected = [
        hash_utils.fingerprint64(s) % 1000 for s in (b"0", b"17", b"-3")
    ]
    assert as_ints.tolist() == expected


def test_fingerprint_cat64_is_tensorflows_combiner():
    # FingerprintCat64 written out with Python ints, step by step.
    mask = (1 << 64) - 1
    mul = 0xC6A4A7935BD1E995
    a, b = 123456789, 987654321

    def shift_mix(v):
        return v ^ (v >> 47)

    r = a ^ mul
    r ^= (shift_mix((b * mul) & mask) * mul) & mask
    r = (r * mul) & mask
    r = shift_mix((shift_mix(r) * mul) & mask)
    assert hash_utils.fingerprint_cat64(a, b) == r


def _farmhash_self_test_buffer(size):
    """The pseudo-random bytes of FarmHash's (and CityHash's) self-test."""
    mask, k0 = (1 << 64) - 1, 0xC3A5C85C97CB3127
    a, b = 9, 777
    data = bytearray(size)
    for i in range(size):
        a = (a + b) & mask
        b = (b + a) & mask
        a = ((a ^ (a >> 41)) * k0) & mask
        b = (((b ^ (b >> 41)) * k0) + i) & mask
        data[i] = (b >> 37) & 0xFF
    return bytes(data)


@pytest.mark.parametrize(
    ("case", "high", "low"),
    [
        (17, 1790705123, 2128624475),
        (33, 165589978, 1578546616),
        (34, 249776086, 1207522198),
        (40, 22638523, 648000590),
        (48, 23075771, 3252374102),
    ],
)
def test_fingerprint64_matches_farmhash_self_test(case, high, low):
    # farmhash.cc's farmhashnaTest: case i hashes i bytes at offset i*i;
    # the expected 64-bit value is stored as two 32-bit halves.
    data = _farmhash_self_test_buffer(case * case + case)
    digest = hash_utils.fingerprint64(data[case * case :])
    assert digest == (high << 32) | low


def test_self_test_buffer_holds_case_65():
    assert _farmhash_self_test_buffer(4290)[4225:] == _CASE_65
