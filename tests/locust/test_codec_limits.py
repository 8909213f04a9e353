"""The codecs at their limits: MessageTooLarge, when a stream error is seen, and what feed() keeps.

Run: python3 tests/locust/test_codec_limits.py
"""

import unittest

import locustpath  # noqa: F401

from wirebench_locust.envelope import EnvelopeCodec
from wirebench_locust.errors import CodecConfigError, EncodeError, FrameError, StreamError
from wirebench_locust.length import LengthCodec
from wirebench_locust.line import LineCodec
from wirebench_locust.message import Message
from wirebench_locust.raw import RawCodec


def binary(size):
    return Message("binary", b"x" * size)


class MessageTooLargeTest(unittest.TestCase):
    def assert_too_large(self, codec, message, words):
        with self.assertRaises(EncodeError) as refused:
            codec.encode(message)
        self.assertEqual(refused.exception.code, "MessageTooLarge")
        self.assertIn(words, str(refused.exception))

    def test_envelope_frame_at_and_above_the_maximum(self):
        codec = EnvelopeCodec(max_frame_size=64)
        self.assertEqual(len(codec.encode(binary(56))), 4 + 64)  # N = 8 + 56
        self.assert_too_large(codec, binary(57), "frame length 65 exceeds the maximum of 64")
        self.assert_too_large(codec, Message("text", b"", "c" * 60), "frame length 68 exceeds the maximum of 64")

    def test_envelope_channel_above_65535_bytes(self):
        codec = EnvelopeCodec()
        self.assertEqual(len(codec.encode(Message("binary", b"", "é" * 32767 + "a"))), 12 + 65535)
        self.assert_too_large(codec, Message("binary", b"", "é" * 32768),
                              "channel name is 65536 bytes; the envelope carries at most 65535")

    def test_length_value_the_field_cannot_carry(self):
        self.assertEqual(LengthCodec(length=1).encode(binary(255))[:1], b"\xff")
        self.assert_too_large(LengthCodec(length=1), binary(256),
                              "a payload of 256 bytes needs a length of 256, which a 1-byte field cannot carry")
        self.assertEqual(LengthCodec(length=2, adjust=-2).encode(binary(65533))[:2], b"\xff\xff")
        self.assert_too_large(LengthCodec(length=2, adjust=-2), binary(65534), "needs a length of 65536")
        self.assert_too_large(LengthCodec(length=2, adjust=5), binary(4), "needs a length of -1")
        self.assertEqual(LengthCodec(length=2, adjust=5).encode(binary(5)), b"\x00\x00xxxxx")

    def test_length_frame_above_the_maximum(self):
        codec = LengthCodec(offset=2, length=2, max_frame_size=10)
        self.assertEqual(codec.encode(binary(6)), b"\x00\x00\x00\x06xxxxxx")
        self.assert_too_large(codec, binary(7), "frame of 11 bytes exceeds the maximum of 10")

    def test_line_above_the_maximum(self):
        codec = LineCodec(max_line_length=4)
        self.assertEqual(codec.encode(binary(4)), b"xxxx\n")
        self.assert_too_large(codec, binary(5), "a line of 5 bytes exceeds the maximum of 4")

    def test_line_with_the_delimiter_inside_goes_out_as_it_is(self):
        self.assertEqual(LineCodec().encode(Message("text", b"a\nb")), b"a\nb\n")

    def test_raw_sends_any_message_and_nothing_for_an_empty_one(self):
        self.assertEqual(RawCodec().encode(Message("json", b"[1]", "chat", 9)), b"[1]")
        self.assertEqual(RawCodec().encode(binary(0)), b"")

    def test_no_codec_checks_the_payload_on_send(self):
        for codec in (EnvelopeCodec(), LengthCodec(payload="json"), LineCodec(payload="json")):
            with self.subTest(codec=codec):
                self.assertTrue(codec.encode(Message("json", b"[1,")).find(b"[1,") >= 0)


class StreamErrorTimingTest(unittest.TestCase):
    """A length is judged from its header: a frame the receiver would refuse is never waited for."""

    def first_error_after(self, codec, wire):
        decoder = codec.decoder()
        for count in range(1, len(wire) + 1):
            try:
                decoder.feed(wire[count - 1:count])
            except StreamError as error:
                return count, error.code
        return None

    def test_envelope_length_after_4_bytes_version_and_channel_after_12(self):
        codec = EnvelopeCodec(max_frame_size=64)
        self.assertEqual(self.first_error_after(codec, b"\x00\x00\x00\x41" + bytes(60)), (4, "FrameTooLarge"))
        self.assertEqual(self.first_error_after(codec, b"\x00\x00\x00\x20\x01\x02" + bytes(40)),
                         (12, "UnsupportedVersion"))
        self.assertEqual(self.first_error_after(codec, b"\x00\x00\x00\x09\x01\x01\x00\x02" + bytes(40)),
                         (12, "ChannelTooLong"))

    def test_length_after_offset_plus_field(self):
        codec = LengthCodec(offset=3, length=2, max_frame_size=100)
        self.assertEqual(self.first_error_after(codec, b"\xca\xfe\xba\x00\x60" + bytes(100)), (5, "FrameTooLarge"))

    def test_eight_byte_field_of_2_pow_63_and_an_overflowing_sum(self):
        largest = 2 ** 63 - 1  # the maximum is no limit here: only the 64-bit arithmetic is
        self.assertEqual(LengthCodec(length=8, max_frame_size=largest).decoder().feed(
            (largest - 8).to_bytes(8, "big")), [])
        for codec, field in ((LengthCodec(length=8, max_frame_size=largest), b"\x80" + bytes(7)),
                             (LengthCodec(length=8, adjust=1, max_frame_size=largest), (largest - 8).to_bytes(8, "big"))):
            with self.subTest(codec=codec), self.assertRaises(StreamError) as refused:
                codec.decoder().feed(field)
            self.assertEqual(refused.exception.code, "FrameTooLarge")

    def test_line_too_long_as_soon_as_no_delimiter_can_end_it_in_time(self):
        codec = LineCodec(delimiter=b"<END>", max_line_length=4)
        # Four bytes, then bytes that could begin "<END>": not counted, so still a good line.
        self.assertIsNone(self.first_error_after(codec, b"abcd<EN"))
        self.assertEqual(self.first_error_after(codec, b"abcd<EX"), (7, "LineTooLong"))
        self.assertEqual(self.first_error_after(codec, b"abcde"), (5, "LineTooLong"))
        self.assertEqual(codec.decoder().feed(b"abcd<EN" + b"D>"), [Message("text", b"abcd")])

    def test_line_of_exactly_the_maximum_fed_in_pieces(self):
        decoder = LineCodec(delimiter=b"\r\n", max_line_length=3).decoder()
        self.assertEqual(decoder.feed(b"ab") + decoder.feed(b"c\r") + decoder.feed(b"\nde\r\n"),
                         [Message("text", b"abc"), Message("text", b"de")])


class FeedTest(unittest.TestCase):
    def test_a_stream_error_carries_what_came_before_it(self):
        good = EnvelopeCodec().encode(Message.text("hi"))
        with self.assertRaises(StreamError) as ended:
            EnvelopeCodec().decoder().feed(good + good + b"\x00\x00\x00\x01")
        self.assertEqual(ended.exception.code, "FrameTooShort")
        self.assertEqual(ended.exception.decoded, [Message.text("hi")] * 2)

    def test_a_frame_error_keeps_4096_bytes_of_its_frame(self):
        frame = LengthCodec(payload="text").encode(Message("binary", b"\xff" * 10000))
        decoder = LengthCodec(payload="text").decoder()
        (error,) = decoder.feed(frame)
        self.assertIsInstance(error, FrameError)
        self.assertEqual((error.code, error.raw), ("InvalidText", frame[:4096]))

    def test_a_large_frame_in_small_chunks(self):
        payload = bytes(range(256)) * 16384  # 4 MiB
        frame = EnvelopeCodec().encode(Message("binary", payload, "bulk", 3))
        decoder, received = EnvelopeCodec().decoder(), []
        for start in range(0, len(frame), 4096):
            received += decoder.feed(frame[start:start + 4096])
            self.assertLessEqual(decoder.buffered, len(frame))
        self.assertEqual(received, [Message("binary", payload, "bulk", 3)])
        self.assertEqual(decoder.buffered, 0)

    def test_an_incomplete_frame_is_not_delivered(self):
        decoder = LineCodec().decoder()
        self.assertEqual(decoder.feed(b"no end yet"), [])
        self.assertEqual(decoder.buffered, 10)

    def test_raw_messages_hold_at_most_64_kib(self):
        sizes = [len(message.payload) for message in RawCodec().decoder().feed(bytes(65536 * 2 + 5))]
        self.assertEqual(sizes, [65536, 65536, 5])
        self.assertEqual(RawCodec().decoder().feed(b""), [])


class ParameterTest(unittest.TestCase):
    def test_refused_parameters_with_netcore_words(self):
        for make, words in (
                (lambda: EnvelopeCodec(max_frame_size=7), "max frame size must be between 8 and 4294967295 bytes"),
                (lambda: LengthCodec(length=5), "length field length must be 1, 2, 3, 4 or 8 bytes"),
                (lambda: LengthCodec(offset=65536), "length field offset must be between 0 and 65535"),
                (lambda: LengthCodec(strip=-1), "bytes to strip must not be negative"),
                (lambda: LengthCodec(adjust=-2 ** 31), "length adjustment is out of range"),
                (lambda: LengthCodec(offset=4, max_frame_size=7), "max frame size is smaller than the length field's end"),
                (lambda: LengthCodec(payload="cbor"), "payload type must be binary, text or json"),
                (lambda: LineCodec(delimiter=b""), "the line delimiter must not be empty"),
                (lambda: LineCodec(max_line_length=0), "max line length must be at least 1"),
                (lambda: LineCodec(payload="cbor"), "payload type must be binary, text or json")):
            with self.subTest(words=words), self.assertRaises(CodecConfigError) as refused:
                make()
            self.assertEqual(str(refused.exception), words)

    def test_defaults(self):
        self.assertEqual(EnvelopeCodec().max_frame_size, 16777216)
        length = LengthCodec()
        self.assertEqual((length.offset, length.length, length.adjust, length.effective_strip, length.order,
                          length.payload, length.max_frame_size), (0, 4, 0, 4, "big", "binary", 16777216))
        line = LineCodec()
        self.assertEqual((line.delimiter, line.max_line_length, line.payload), (b"\n", 65536, "text"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
