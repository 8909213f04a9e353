"""wirebench_locust.payloadcheck: text, json and cbor as netcore's validatePayload() judges them.

The expected messages are what wirebench-cli serve reported for the same
payloads (test_codec_interop.py compares a larger set with a live server).
Run: python3 tests/locust/test_payloadcheck.py
"""

import unittest

import locustpath  # noqa: F401

from wirebench_locust.jsonpayload import _python_document
from wirebench_locust.payloadcheck import cbor_problem, json_problem, payload_problem, text_problem
from wirebench_locust.qtjsonreader import QtJsonError, QtJsonReader

TEXT_OK = [b"", b"hi", b"\x00", b"a\x00b", "héllo €".encode(), "\U0010FFFF".encode(), b"\xef\xbf\xbf"]
TEXT_REFUSED = [b"\xc3\x28", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xc0\x80", b"\xe0\x80\x80",
                b"\xf0\x80\x80\x80", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\xff", b"\x80"]

# Qt's parser takes these; RFC 8259 and Python's json do not all agree.
JSON_OK = [b"{}", b"[]", b" \t\r\n[]\n", b'{"a":1,"a":2}', b"[1.]", b"[.5]", b"[-.5]", b"[1.e5]", b"[0.]", b"[-0]",
           b'["\\a"]', b'["\x01\x00"]', b'["\\ud800"]', b'["\\U1234"]', b"\xef\xbb\xbf[]", b"\xef\xbb\xbf []",
           b"[4.9e-324]", b"[1.7976931348623157e308]", b"[123456789012345678901234567890]", b"[9223372036854775808]",
           b"[" * 1024 + b"]" * 1024, b'{"a":' * 1023 + b"[]" + b"}" * 1023, b'[{"a":1},{"b":[2,{"c":null}]}]']
JSON_REFUSED = {
    b"": "json does not parse at offset 0: illegal value",
    b"42": "json does not parse at offset 1: illegal value",
    b'"s"': "json does not parse at offset 1: illegal value",
    b"[NaN]": "json does not parse at offset 1: illegal number",
    b"[Infinity]": "json does not parse at offset 1: illegal number",
    b"[-Infinity]": "json does not parse at offset 2: illegal number",
    b"[nan]": "json does not parse at offset 2: illegal value",
    b"[1e400]": "json does not parse at offset 6: illegal number",
    b"[1e-400]": "json does not parse at offset 7: illegal number",
    b"[" + b"9" * 400 + b"]": "json does not parse at offset 401: illegal number",
    b"[1,]": "json does not parse at offset 4: object is missing after a comma",
    b"[01]": "json does not parse at offset 3: missing value separator",
    b"[1] x": "json does not parse at offset 4: garbage at the end of the document",
    b'{"a":1 "b":2}': "json does not parse at offset 8: unterminated object",
    b'["\xed\xa0\x80"]': "json does not parse at offset 2: invalid UTF8 string",
    b'["\\u12G4"]': "json does not parse at offset 6: invalid escape sequence",
    b'["abc\\"': "json does not parse at offset 8: unterminated string",
    b"\xef\xbb\xbf": "json does not parse at offset 1: illegal value",
    b"[" * 1025 + b"]" * 1025: "json does not parse at offset 1025: too deeply nested document",
    b'{"a":' * 1024 + b"[]" + b"}" * 1024: "json does not parse at offset 5121: too deeply nested document",
}


def json_syntax_problem(payload):
    """The port of Qt's parser alone, without Python's fast path in front of it."""
    try:
        QtJsonReader(payload).read()
    except QtJsonError as error:
        return str(error)
    return None


def python_accepts_json(payload):
    return _python_document(payload) is not None


class TextTest(unittest.TestCase):
    def test_well_formed_utf8_nul_included(self):
        for payload in TEXT_OK:
            with self.subTest(payload=payload):
                self.assertIsNone(text_problem(payload))

    def test_cut_overlong_surrogate_and_beyond_u10ffff(self):
        for payload in TEXT_REFUSED:
            with self.subTest(payload=payload):
                self.assertEqual(text_problem(b"ok" + payload), "text is not valid UTF-8")


class JsonTest(unittest.TestCase):
    def test_what_qt_accepts(self):
        for payload in JSON_OK:
            with self.subTest(payload=payload[:40]):
                self.assertIsNone(json_problem(payload))
                self.assertIsNone(json_syntax_problem(payload))

    def test_what_qt_refuses_with_its_words(self):
        for payload, message in JSON_REFUSED.items():
            with self.subTest(payload=payload[:40]):
                self.assertEqual(json_problem(payload), message)

    def test_the_fast_path_takes_nothing_qt_refuses(self):
        for payload in list(JSON_OK) + list(JSON_REFUSED) + [b'[1,"\\u00e9",{"k":[true,false,null]}]', b"[2e-324]"]:
            with self.subTest(payload=payload[:40]):
                if python_accepts_json(payload):
                    self.assertIsNone(json_syntax_problem(payload))

    def test_python_and_the_port_agree_on_ordinary_documents(self):
        for payload in (b'{"user":"alice","items":[1,2.5,-3e2,{"x":null}],"ok":true}', b"[\"\\u20ac\\n\"]"):
            with self.subTest(payload=payload):
                self.assertTrue(python_accepts_json(payload))
                self.assertIsNone(json_syntax_problem(payload))


class CborTest(unittest.TestCase):
    def test_exactly_one_item(self):
        self.assertIsNone(cbor_problem(bytes.fromhex("a1616b01")))
        self.assertEqual(cbor_problem(bytes.fromhex("a1616b0100")), "cbor has 1 bytes after its first item")
        self.assertEqual(cbor_problem(b""), "cbor is not well formed at offset 0: "
                                            "Unexpected end of input data (more bytes needed)")


class PayloadProblemTest(unittest.TestCase):
    def test_error_codes_by_type(self):
        self.assertIsNone(payload_problem("binary", b"\xff"))
        self.assertIsNone(payload_problem("text", b"\x00"))
        self.assertEqual(payload_problem("text", b"\xff"), ("InvalidText", "text is not valid UTF-8"))
        self.assertEqual(payload_problem("json", b"4")[0], "InvalidJson")
        self.assertEqual(payload_problem("cbor", b"")[0], "InvalidCbor")


if __name__ == "__main__":
    unittest.main(verbosity=2)
