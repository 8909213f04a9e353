"""wirebench_locust.cbor: RFC 8949's examples, Qt's way of writing JSON as CBOR, and what Qt refuses.

Run: python3 tests/locust/test_cbor.py
"""

import math
import unittest

import locustpath  # noqa: F401

from wirebench_locust import cbor
from wirebench_locust.cbor import UNDEFINED, CborError, SimpleValue

H = bytes.fromhex

# RFC 8949 Appendix A, the rows whose preferred encoding is also Qt's (Qt never shortens a double).
BOTH_WAYS = [
    (0, "00"), (1, "01"), (10, "0a"), (23, "17"), (24, "1818"), (25, "1819"), (100, "1864"),
    (1000, "1903e8"), (1000000, "1a000f4240"), (1000000000000, "1b000000e8d4a51000"),
    (-1, "20"), (-10, "29"), (-100, "3863"), (-1000, "3903e7"),
    (1.1, "fb3ff199999999999a"), (-4.1, "fbc010666666666666"), (1.0e300, "fb7e37e43c8800759c"),
    (False, "f4"), (True, "f5"), (None, "f6"), (UNDEFINED, "f7"), (SimpleValue(16), "f0"), (SimpleValue(255), "f8ff"),
    (b"", "40"), (H("01020304"), "4401020304"), ("", "60"), ("a", "6161"), ("IETF", "6449455446"),
    ("\"\\", "62225c"), ("\u00fc", "62c3bc"), ("\u6c34", "63e6b0b4"), ("\U00010151", "64f0908591"),
    ([], "80"), ([1, 2, 3], "83010203"), ([1, [2, 3], [4, 5]], "8301820203820405"),
    (list(range(1, 26)), "98190102030405060708090a0b0c0d0e0f101112131415161718181819"),
    ({}, "a0"), ({"a": 1, "b": [2, 3]}, "a26161016162820203"), (["a", {"b": "c"}], "826161a161626163"),
    ({"a": "A", "b": "B", "c": "C", "d": "D", "e": "E"}, "a56161614161626142616361436164614461656145"),
]
# The rest of Appendix A: decoded as the RFC says, tags dropped.
DECODE_ONLY = [
    ("1bffffffffffffffff", 18446744073709551615), ("3bffffffffffffffff", -18446744073709551616),
    ("c249010000000000000000", H("010000000000000000")),
    ("f90000", 0.0), ("f98000", -0.0), ("f93c00", 1.0), ("f93e00", 1.5), ("f97bff", 65504.0),
    ("fa47c35000", 100000.0), ("fa7f7fffff", 3.4028234663852886e38), ("f90001", 5.960464477539063e-08),
    ("f90400", 6.103515625e-05), ("f9c400", -4.0), ("f97c00", math.inf), ("f9fc00", -math.inf),
    ("fa7f800000", math.inf), ("fb7ff0000000000000", math.inf),
    ("c074323031332d30332d32315432303a30343a30305a", "2013-03-21T20:04:00Z"), ("c11a514b67b0", 1363896240),
    ("c1fb41d452d9ec200000", 1363896240.5), ("d74401020304", H("01020304")),
    ("d818456449455446", H("6449455446")), ("d82076687474703a2f2f7777772e6578616d706c652e636f6d", "http://www.example.com"),
    ("a201020304", {1: 2, 3: 4}),
    ("5f42010243030405ff", H("0102030405")), ("7f657374726561646d696e67ff", "streaming"), ("9fff", []),
    ("9f018202039f0405ffff", [1, [2, 3], [4, 5]]), ("9f01820203820405ff", [1, [2, 3], [4, 5]]),
    ("83018202039f0405ff", [1, [2, 3], [4, 5]]), ("83019f0203ff820405", [1, [2, 3], [4, 5]]),
    ("9f0102030405060708090a0b0c0d0e0f101112131415161718181819ff", list(range(1, 26))),
    ("bf61610161629f0203ffff", {"a": 1, "b": [2, 3]}), ("826161bf61626163ff", ["a", {"b": "c"}]),
    ("bf6346756ef563416d7421ff", {"Fun": True, "Amt": -2}),
]
# What wirebench-cli serve sent for a rules file's cbor replies (JSON text -> bytes).
QT_FROM_JSON = [
    (1.0, "01"), (1e3, "1903e8"), (1.5, "fb3ff8000000000000"), (-0.0, "00"), (1e15, "1b00038d7ea4c68000"),
    (2 ** 63 - 1, "1b7fffffffffffffff"), (2 ** 63, "fb43e0000000000000"), (-2 ** 63, "3b7fffffffffffffff"),
    (-2 ** 63 - 1, "3b7fffffffffffffff"), (2 ** 64, "fb43f0000000000000"), (1e20, "fb4415af1d78b58c40"),
    (123456789012345678901234567890, "fb45f8ee90ff6c373e"), (5e-324, "fb0000000000000001"),
    ("\ud800", "613f"), ("\ud83d\ude00", "64f09f9880"), ({"b": 1, "aa": 2}, "a2626161026162 01"),
    ({"B": 1, "a": 2, "A": 3, "_": 4, "\u00e9": 5, "e": 6}, "a6614103614201615f0461610261650662c3a905"),
    ({"\uff5e": 1, "\U0001F600": 2}, "a263efbd9e0164f09f988002"), ("x" * 24, "7818" + "78" * 24),
    ({"z": {"y": [1, {"b": 2, "a": 1}]}}, "a1617aa1617982 01a261610161 6202"),
]
# Not one well-formed item, each with Qt's words (wirebench-cli serve's InvalidCbor messages).
REFUSED = [
    ("", 0, "Unexpected end of input data (more bytes needed)"),
    ("1c", 0, "Invalid CBOR stream: illegal number encoding (future extension)"),
    ("3f", 0, "Invalid CBOR stream: illegal number encoding (future extension)"),
    ("df", 0, "Invalid CBOR stream: illegal number encoding (future extension)"),
    ("fc", 0, "Invalid CBOR stream: unknown type"), ("ff", 0, "Invalid CBOR stream: unexpected 'break' byte"),
    ("f800", 0, "Invalid CBOR stream: illegal simple type"), ("f81f", 0, "Invalid CBOR stream: illegal simple type"),
    ("5f6161ff", 1, "Invalid CBOR stream: illegal type found"),
    ("5f5fffff", 1, "Invalid CBOR stream: illegal number encoding (future extension)"),
    ("7f61c361a9ff", 3, "Invalid CBOR stream: invalid UTF-8 text string"),
    ("61c3", 2, "Invalid CBOR stream: invalid UTF-8 text string"),
    ("63eda080", 4, "Invalid CBOR stream: invalid UTF-8 text string"),
    ("62c3", 0, "Unexpected end of input data (more bytes needed)"),
    ("bf6161ff", 3, "Invalid CBOR stream: unexpected 'break' byte"),
    ("9f0102", 3, "Unexpected end of input data (more bytes needed)"),
    ("a101", 2, "Unexpected end of input data (more bytes needed)"), ("c0ff", 1, "Invalid CBOR stream: unexpected 'break' byte"),
    ("f93c", 0, "Unexpected end of input data (more bytes needed)"),
    ("5a0000000241", 0, "Unexpected end of input data (more bytes needed)"),
    ("81" * 1025 + "00", 1024, "Internal limitation: data nesting too deep"),
    ("c0" * 1025 + "00", 1024, "Internal limitation: data nesting too deep"),
    ("81" * 1024 + "c000", 1024, "Internal limitation: data nesting too deep"),
]


def same(a, b):
    """Equal, with NaN equal to NaN and -0.0 told from 0.0."""
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or (a == b and math.copysign(1, a) == math.copysign(1, b))
    return type(a) is type(b) and a == b


class AppendixATest(unittest.TestCase):
    def test_encode_and_decode(self):
        for value, wire in BOTH_WAYS:
            with self.subTest(value=value):
                self.assertEqual(cbor.encode(value).hex(), wire)
                self.assertTrue(same(cbor.decode(H(wire)), value))

    def test_decode(self):
        for wire, value in DECODE_ONLY:
            with self.subTest(wire=wire):
                self.assertTrue(same(cbor.decode(H(wire)), value), cbor.decode(H(wire)))

    def test_half_precision_nan(self):
        self.assertTrue(math.isnan(cbor.decode(H("f97e00"))))


class QtEncodingTest(unittest.TestCase):
    def test_json_values_as_qt_writes_them(self):
        for value, wire in QT_FROM_JSON:
            with self.subTest(value=value):
                self.assertEqual(cbor.encode(value).hex(), wire.replace(" ", ""))

    def test_round_trips(self):
        for value in ({"user": "alice", "n": [1, -2, 3.25, None, True], "nested": {"deep": [{}, []]}},
                      ["é", "", 0, -(2 ** 63), 2 ** 63 - 1, 0.1, False], "text", 42, 1.5e300, [[[[]]]]):
            with self.subTest(value=value):
                self.assertEqual(cbor.decode(cbor.encode(value)), value)

    def test_deep_documents_do_not_meet_the_recursion_limit(self):
        deep = []
        for _ in range(1023):
            deep = [deep]
        wire = cbor.encode(deep)
        self.assertEqual(wire, H("81" * 1023 + "80"))
        self.assertEqual(cbor.encode(cbor.decode(wire)), wire)

    def test_what_json_cannot_hold(self):
        for value, error in ((object(), TypeError), ({1: 2}, TypeError), (10 ** 400, ValueError)):
            with self.subTest(value=value), self.assertRaises(error):
                cbor.encode(value)


class RefusedTest(unittest.TestCase):
    def test_not_one_well_formed_item(self):
        for wire, offset, reason in REFUSED:
            with self.subTest(wire=wire[:16]), self.assertRaises(CborError) as refused:
                cbor.decode(H(wire))
            self.assertIsInstance(refused.exception, ValueError)
            self.assertEqual((refused.exception.offset, refused.exception.reason), (offset, reason))

    def test_anything_after_the_item(self):
        for wire in ("0000", "c0c18080", "a1616b01ff"):
            with self.subTest(wire=wire), self.assertRaises(CborError):
                cbor.decode(H(wire))

    def test_what_qt_accepts(self):
        for wire in ("f820", "f8ff", "f7", "e0", "7fff", "5fff", "bfff", "d9ffff00", "dbffffffffffffffff00",
                     "a2010201 03", "a18001", "a1a001", "6100", "81" * 1024 + "00", "c0" * 1024 + "00"):
            with self.subTest(wire=wire[:16]):
                cbor.decode(H(wire.replace(" ", "")))

    def test_map_keys_that_are_not_hashable(self):
        self.assertEqual(cbor.decode(H("a1820102f5")), {(1, 2): True})


if __name__ == "__main__":
    unittest.main(verbosity=2)
