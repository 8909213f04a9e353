"""codec_from_json(): a codec named as scenario files and recordings name one.

The expected refusals are what `wirebench-cli run` printed for a scenario
client's "codec" with the same value (after its "FILE:LINE: " prefix).
Run: python3 tests/locust/test_codec_config.py
"""

import unittest

import locustpath  # noqa: F401

from wirebench_locust.codecs import codec_from_json, python_comms
from wirebench_locust.envelope import EnvelopeCodec
from wirebench_locust.errors import CodecConfigError
from wirebench_locust.escapes import EscapeError, escape, unescape
from wirebench_locust.length import LengthCodec
from wirebench_locust.line import LineCodec
from wirebench_locust.raw import RawCodec

ACCEPTED = [
    ("envelope", EnvelopeCodec()), ({}, EnvelopeCodec()), ("raw", RawCodec()), ("length", LengthCodec()),
    ("line", LineCodec()), ("python-comms", python_comms()),
    ({"codec": "line", "delimiter": "\\r\\n", "payload": "json"}, LineCodec(b"\r\n", payload="json")),
    ({"codec": "line", "delimiter": "é\\x00", "max-frame": 10}, LineCodec("é\0".encode(), max_line_length=10)),
    ({"codec": "length", "length-bytes": " 2 ", "length-offset": "+1", "length-adjust": -3, "strip": 3,
      "byte-order": "little", "max-frame": 4.0},
     LengthCodec(offset=1, length=2, adjust=-3, strip=3, order="little", max_frame_size=4)),
    ({"codec": "python-comms", "strip": 0}, LengthCodec(strip=0, order="little", payload="json")),
    ({"codec": "envelope", "max-frame": "\t8\n"}, EnvelopeCodec(8)),
]
REFUSED = [
    ("nope", "codec", 'unknown codec "nope" (envelope, length, line, raw or python-comms)'),
    ({"codec": 5}, "codec", 'unknown codec "5" (envelope, length, line, raw or python-comms)'),
    ([1], "", '"codec" is a codec\'s name ("line") or an object: {"codec": "line", "delimiter": "\\\\r\\\\n"}'),
    ({"codec": "raw", "bogus": 1}, "bogus", 'unknown codec parameter "bogus": there are codec, length-bytes, '
                                            'length-offset, length-adjust, strip, byte-order, payload, delimiter, max-frame'),
    ({"delimiter": "x"}, "delimiter", '"delimiter" does not apply to the codec "envelope"'),
    ({"codec": "length", "length-bytes": True}, "length-bytes", '"length-bytes" must be a string or a number'),
    ({"codec": "length", "length-bytes": None}, "length-bytes", '"length-bytes" must be a string or a number'),
    ({"codec": "length", "length-bytes": 9}, "length-bytes", '"length-bytes" must be an integer from 1 to 8, not "9"'),
    ({"codec": "length", "length-bytes": 1.5}, "length-bytes", '"length-bytes" must be an integer from 1 to 8, not "1.5"'),
    ({"codec": "length", "length-bytes": 1e20}, "length-bytes",
     '"length-bytes" must be an integer from 1 to 8, not "1e+20"'),
    ({"codec": "length", "length-bytes": 123456789.5}, "length-bytes",
     '"length-bytes" must be an integer from 1 to 8, not "1.23457e+08"'),
    ({"codec": "length", "length-bytes": -0.0}, "length-bytes", '"length-bytes" must be an integer from 1 to 8, not "0"'),
    ({"codec": "length", "length-bytes": "4.0"}, "length-bytes",
     '"length-bytes" must be an integer from 1 to 8, not "4.0"'),
    ({"codec": "length", "length-bytes": "0x4"}, "length-bytes",
     '"length-bytes" must be an integer from 1 to 8, not "0x4"'),
    ({"codec": "length", "length-bytes": "1_0"}, "length-bytes",
     '"length-bytes" must be an integer from 1 to 8, not "1_0"'),
    ({"codec": "length", "length-bytes": "\u0664"}, "length-bytes",
     '"length-bytes" must be an integer from 1 to 8, not "\u0664"'),
    ({"codec": "length", "length-bytes": "\u00a04"}, "length-bytes",
     '"length-bytes" must be an integer from 1 to 8, not "\u00a04"'),
    ({"codec": "length", "length-bytes": 5}, "codec", "length field length must be 1, 2, 3, 4 or 8 bytes"),
    ({"codec": "length", "length-adjust": -2147483648}, "length-adjust",
     '"length-adjust" must be an integer from -2147483647 to 2147483647, not "-2147483648"'),
    ({"codec": "length", "strip": 65544}, "strip", '"strip" must be an integer from 0 to 65543, not "65544"'),
    ({"codec": "length", "byte-order": "Big"}, "byte-order", '"byte-order" must be big or little, not "Big"'),
    ({"codec": "python-comms", "payload": "cbor"}, "payload", '"payload" must be binary, text or json, not "cbor"'),
    ({"codec": "length", "max-frame": 3, "length-offset": 1}, "codec",
     "max frame size is smaller than the length field's end"),
    ({"codec": "envelope", "max-frame": 7}, "codec", "max frame size must be between 8 and 4294967295 bytes"),
    ({"codec": "envelope", "max-frame": 4294967296}, "max-frame",
     '"max-frame" must be an integer from 1 to 4294967295, not "4294967296"'),
    ({"codec": "line", "max-frame": 0}, "max-frame", '"max-frame" must be an integer from 1 to 2147483647, not "0"'),
    ({"codec": "line", "delimiter": ""}, "codec", "the line delimiter must not be empty"),
    ({"codec": "line", "delimiter": "\\q"}, "delimiter", '"delimiter": unknown escape \\q at position 0'),
    ({"codec": "line", "delimiter": "ab\\"}, "delimiter", '"delimiter": trailing backslash at position 2'),
    ({"codec": "line", "delimiter": "\\x4"}, "delimiter", '"delimiter": \\x at position 0 needs two hex digits'),
]


class CodecFromJsonTest(unittest.TestCase):
    def test_names_presets_and_parameters(self):
        for value, expected in ACCEPTED:
            with self.subTest(value=value):
                self.assertEqual(codec_from_json(value), expected)

    def test_refusals_name_the_parameter_in_netcore_words(self):
        for value, parameter, message in REFUSED:
            with self.subTest(value=value), self.assertRaises(CodecConfigError) as refused:
                codec_from_json(value)
            self.assertIsInstance(refused.exception, ValueError)
            self.assertEqual((refused.exception.parameter, str(refused.exception)), (parameter, message))

    def test_python_comms_is_the_documented_preset(self):
        codec = python_comms()
        self.assertEqual((codec.offset, codec.length, codec.adjust, codec.strip, codec.order, codec.payload,
                          codec.max_frame_size), (0, 4, 0, 4, "little", "json", 16777216))


class EscapesTest(unittest.TestCase):
    def test_unescape(self):
        self.assertEqual(unescape("\\r\\n\\t\\0\\\\\\x7f\\xFFé"), b"\r\n\t\0\\\x7f\xff\xc3\xa9")
        with self.assertRaises(EscapeError) as refused:
            unescape("\U0001F600\\q")
        self.assertEqual(str(refused.exception), "unknown escape \\q at position 2")  # UTF-16 units

    def test_escape_round_trip(self):
        for data in (b"\r\n", b"<END>", b"\x00\xff\xc3\xa9\xc2\x85\x7f", bytes(range(256))):
            with self.subTest(data=data[:8]):
                self.assertEqual(unescape(escape(data)), data)


if __name__ == "__main__":
    unittest.main(verbosity=2)
