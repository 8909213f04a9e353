"""Every row of docs/protocol.md's vector tables against the Python codecs, both ways.

The same tables drive tests/unit/tst_protocoldoc.cpp for netcore: a row the
Python side reads differently from the C++ side fails one of the two.
Run: python3 tests/locust/test_codec_vectors.py
"""

import unittest

import locustpath  # noqa: F401
import protocoldoc as doc

from wirebench_locust.envelope import EnvelopeCodec
from wirebench_locust.errors import FrameError, StreamError
from wirebench_locust.length import LengthCodec
from wirebench_locust.line import LineCodec
from wirebench_locust.message import MESSAGE_TYPES, Message
from wirebench_locust.raw import RawCodec

DEFAULT_MAX_FRAME = 16 * 1024 * 1024
DEFAULT_MAX_LINE = 64 * 1024
STREAM_ERRORS = ("FrameTooShort", "FrameTooLarge", "UnsupportedVersion", "ChannelTooLong", "LineTooLong")
ERROR_CODES = STREAM_ERRORS + ("UnknownMessageType", "InvalidChannelName", "InvalidText", "InvalidJson",
                               "InvalidCbor", "StripBeyondFrame")
# Codecs other than the envelope must not send these: only the payload goes out.
IGNORED_CHANNEL, IGNORED_ID = "not sent", 42

TABLES = doc.read_tables()


def rows(name):
    return TABLES[name].rows if name in TABLES else []


def length_codec(row):
    return LengthCodec(offset=doc.cell_integer(row["offset"]), length=doc.cell_integer(row["length"]),
                       adjust=doc.cell_integer(row["adjust"]), strip=doc.cell_integer(row["strip"]),
                       order=doc.cell_word(row["order"], ("big", "little")),
                       payload=doc.cell_word(row["type"], MESSAGE_TYPES),
                       max_frame_size=doc.cell_integer_or_default(row["max"], DEFAULT_MAX_FRAME))


def line_codec(row):
    return LineCodec(delimiter=doc.cell_bytes(row["delimiter"]), payload=doc.cell_word(row["type"], MESSAGE_TYPES),
                     max_line_length=doc.cell_integer_or_default(row["max"], DEFAULT_MAX_LINE))


def message_vectors():
    """(table/name, codec, wire, the message it decodes to, a message, the wire it encodes to)."""
    vectors = []
    for table in ("envelope", "delivery"):
        for row in rows(table):
            message = Message(doc.cell_word(row["type"], MESSAGE_TYPES), doc.cell_bytes(row["payload"]),
                              doc.cell_channel(row["channel"]), doc.cell_integer(row["id"]))
            wire = doc.cell_bytes(row["wire"])
            vectors.append((f"{table}/{row['vector']}", EnvelopeCodec(), wire, message, message, wire))
    for row in rows("length"):
        codec, wire = length_codec(row), doc.cell_bytes(row["wire"])
        # Section 4.5: the encoder's payload is what follows the field; the bytes before it go out as zeros.
        header = codec.offset + codec.length
        sent = Message(codec.payload, wire[header:], IGNORED_CHANNEL, IGNORED_ID)
        vectors.append((f"length/{row['vector']}", codec, wire, Message(codec.payload, doc.cell_bytes(row["payload"])),
                        sent, bytes(codec.offset) + wire[codec.offset:]))
    for row in rows("line"):
        codec, wire, payload = line_codec(row), doc.cell_bytes(row["wire"]), doc.cell_bytes(row["payload"])
        vectors.append((f"line/{row['vector']}", codec, wire, Message(codec.payload, payload),
                        Message(codec.payload, payload, IGNORED_CHANNEL, IGNORED_ID), wire))
    for row in rows("raw"):
        wire = doc.cell_bytes(row["wire"])
        vectors.append((f"raw/{row['vector']}", RawCodec(), wire, Message("binary", wire),
                        Message("text", wire, IGNORED_CHANNEL, IGNORED_ID), wire))
    return vectors


def bad_inputs():
    """(table/name, codec, wire, ErrorCode, stream or frame)."""
    bad = []
    for row in rows("envelope-errors"):
        codec = EnvelopeCodec(doc.cell_integer_or_default(row["max"], DEFAULT_MAX_FRAME))
        bad.append((row, "envelope-errors", codec))
    bad += [(row, "length-errors", length_codec(row)) for row in rows("length-errors")]
    bad += [(row, "line-errors", line_codec(row)) for row in rows("line-errors")]
    return [(f"{table}/{row['vector']}", codec, doc.cell_bytes(row["wire"]), doc.cell_word(row["error"], ERROR_CODES),
             doc.cell_word(row["class"], ("stream", "frame"))) for row, table, codec in bad]


def good_frame(codec):
    """A frame that must decode after a frame error (the connection lives on), and what it decodes to."""
    envelope = isinstance(codec, EnvelopeCodec)
    sent = Message("json" if envelope else codec.payload, b'["good"]', "chat" if envelope else "", 7 if envelope else 0)
    wire = codec.encode(sent)
    if isinstance(codec, LengthCodec):
        return wire, Message(codec.payload, wire[codec.effective_strip:])
    return wire, sent


def feed_all(codec, chunks):
    """What a fresh decoder makes of `chunks`; a StreamError ends it and is returned last."""
    decoder, results = codec.decoder(), []
    for chunk in chunks:
        try:
            results += decoder.feed(chunk)
        except StreamError as error:
            return results + error.decoded + [error]
    return results


def bytewise(data):
    return [data[index:index + 1] for index in range(len(data))]


class TablesTest(unittest.TestCase):
    def test_every_table_is_there_whole(self):
        for name, (columns, minimum) in doc.TABLES.items():
            with self.subTest(table=name):
                self.assertIn(name, TABLES, "the table is missing from docs/protocol.md")
                table = TABLES[name]
                self.assertEqual(table.columns, columns)
                self.assertGreaterEqual(len(table.rows), minimum, f"{len(table.rows)} rows")
                names = [row["vector"] for row in table.rows]
                self.assertEqual(len(names), len(set(names)), "vector names repeat")
                for vector in names:
                    self.assertTrue(doc.is_name(vector), vector)

    def test_no_table_the_tests_do_not_know(self):
        self.assertEqual(sorted(TABLES), sorted(doc.TABLES))

    def test_every_row_becomes_a_vector(self):
        counted = sum(len(rows(name)) for name in ("envelope", "delivery", "length", "line", "raw"))
        self.assertEqual(len(message_vectors()), counted)
        counted = sum(len(rows(name)) for name in ("envelope-errors", "length-errors", "line-errors"))
        self.assertEqual(len(bad_inputs()), counted)


class DecodeTest(unittest.TestCase):
    def test_wire_decodes_to_the_message(self):
        for name, codec, wire, expected, _, _ in message_vectors():
            # Raw's messages are its reads: only a whole read is one message.
            feeds = [[wire]] if isinstance(codec, RawCodec) else [[wire], bytewise(wire)]
            for chunks in feeds:
                with self.subTest(vector=name, chunks=len(chunks)):
                    self.assertEqual(feed_all(codec, chunks), [expected])

    def test_two_frames_in_one_chunk_are_two_messages(self):
        for name, codec, wire, expected, _, _ in message_vectors():
            if isinstance(codec, RawCodec):
                continue
            with self.subTest(vector=name):
                decoder = codec.decoder()
                self.assertEqual(decoder.feed(wire + wire), [expected, expected])
                self.assertEqual(decoder.buffered, 0)


class EncodeTest(unittest.TestCase):
    def test_message_encodes_to_the_wire(self):
        for name, codec, _, _, sent, expected in message_vectors():
            with self.subTest(vector=name):
                self.assertEqual(codec.encode(sent), expected)


class DecodeErrorTest(unittest.TestCase):
    def test_bad_input_gives_the_named_error_of_its_class(self):
        for name, codec, wire, code, kind in bad_inputs():
            self.assertEqual(code in STREAM_ERRORS, kind == "stream", f"{name}: {code} is a {kind} error?")
            next_wire, next_message = (b"", None) if kind == "stream" else good_frame(codec)
            for chunks in ([wire + next_wire], bytewise(wire + next_wire)):
                with self.subTest(vector=name, chunks=len(chunks)):
                    results = feed_all(codec, chunks)
                    first = results[0]
                    self.assertIsInstance(first, StreamError if kind == "stream" else FrameError)
                    self.assertEqual(first.code, code)
                    if kind == "stream":
                        self.assertEqual(len(results), 1)
                        continue
                    self.assertEqual(first.raw, wire)
                    # After a frame error the connection lives on: the next frame still decodes.
                    self.assertEqual(results[1:], [next_message])

    def test_no_input_is_read_after_a_stream_error(self):
        for name, codec, wire, code, kind in bad_inputs():
            if kind != "stream":
                continue
            with self.subTest(vector=name):
                decoder = codec.decoder()
                with self.assertRaises(StreamError):
                    decoder.feed(wire)
                self.assertEqual(decoder.stream_error.code, code)
                with self.assertRaises(StreamError) as again:
                    decoder.feed(b"\n")
                self.assertEqual(again.exception.code, code)


if __name__ == "__main__":
    unittest.main(verbosity=2)
