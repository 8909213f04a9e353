#!/usr/bin/env python3
"""Writes the fuzzers' seed corpus, tests/fuzz/corpus/<fuzzer>/ (or under the
directory given), from the vector tables of docs/protocol.md and the
parameter sets of the fuzz targets. The files are committed; run this again
only to change them.

A seed is one byte that picks the parameter set (its index in the fuzz
target's table, fuzz_<fuzzer>.cpp) followed by the byte stream."""

import pathlib
import shutil
import struct
import sys

HERE = pathlib.Path(__file__).resolve().parent
# The one reader of docs/protocol.md's vector tables, the Python codecs' tests' too.
sys.path.insert(0, str(HERE.parent / "locust"))
import protocoldoc  # noqa: E402


def h(spaced):
    return bytes.fromhex(spaced)


def envelope(type_, channel, payload, ident=0, version=1):
    """A frame assembled by hand, as docs/protocol.md section 3 draws it."""
    return struct.pack(">IBBHI", 8 + len(channel) + len(payload), type_, version, len(channel), ident) \
        + channel + payload


def doc_tables():
    """The vector tables of docs/protocol.md by name, each a list of rows (dicts by column)."""
    return {name: table.rows for name, table in protocoldoc.read_tables().items()}


def wires(rows):
    """Each row's wire bytes by vector name, in the document's order."""
    return {row["vector"]: protocoldoc.cell_bytes(row["wire"]) for row in rows}


HELLO = b"HELLO, WORLD"


def length_field(value, size, order):
    return value.to_bytes(size, "big" if order == ">" else "little")


def length_frames(tables):
    # docs/protocol.md section 4.5: Netty's examples are indices 9..15 of fuzz_length.cpp's table.
    vectors = wires(tables["length"])
    seeds = {f"netty-{row}": bytes([8 + row]) + vectors[f"netty-{row}"] for row in range(1, 8)}
    # The other parameter sets, each with HELLO, WORLD as its encoder would write it.
    seeds.update({
        "default-4-big": b"\x00" + length_field(12, 4, ">") + HELLO,
        "2-little-offset-2-adjust-minus-2": b"\x01" + b"\x00\x00" + length_field(14, 2, "<") + HELLO,
        "2-little-offset-1-adjust-3-strip-1": b"\x02" + b"\xca" + length_field(9, 2, "<") + HELLO,
        "1-byte": b"\x03" + length_field(12, 1, ">") + HELLO,
        "8-big": b"\x04" + length_field(12, 8, ">") + HELLO,
        "8-little-adjust-minus-8": b"\x05" + length_field(20, 8, "<") + HELLO,
        "8-big-adjust-minus-2147483647": b"\x06" + length_field(12 + 0x7fffffff, 8, ">") + HELLO,
        "python-comms": b"\x07" + vectors["python-comms"],
        "3-little-text": b"\x08" + length_field(6, 3, "<") + "héllo".encode(),
        # Errors: a stream error ends it, a frame error drops one frame.
        "default-above-max": b"\x00" + h("00 00 00 41") + HELLO,
        "default-4gib": b"\x00" + h("ff ff ff ff"),
        "1-byte-above-max": b"\x03" + h("ff") + HELLO,
        "8-big-huge": b"\x04" + h("ff ff ff ff ff ff ff ff"),
        "8-little-ends-before-field": b"\x05" + length_field(3, 8, "<"),
        "python-comms-not-json": b"\x07" + h("03 00 00 00") + b'{"a' + h("02 00 00 00") + b"[]",
        "3-little-text-not-utf8": b"\x08" + length_field(2, 3, "<") + h("c3 28") + length_field(2, 3, "<") + b"ok",
        "strip-beyond-frame": b"\x10" + h("00 02 41 42") + h("00 05 41 42 43 44 45"),
    })
    return seeds


def line_streams():
    # docs/protocol.md section 5 names \n, \r\n and \0; indices follow fuzz_line.cpp's table.
    return {
        "lf-lines": b"\x00" + b"one\ntwo\n\nthree\n",
        "lf-too-long": b"\x00" + b"ok\n" + b"x" * 17 + b"\n",
        "lf-exactly-max": b"\x00" + b"x" * 16 + b"\n",
        "lf-not-utf8": b"\x00" + b"caf\xc3\nok\n",
        "crlf-http": b"\x01" + b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        "crlf-lone-cr": b"\x01" + b"a\rb\r\n\r\r\n",
        "crlf-max-then-cr": b"\x01" + b"x" * 16 + b"\r" + b"\r\n",
        "nul": b"\x02" + b"a\0bb\0\0",
        "nul-too-long": b"\x02" + b"123456789\0",
        "crlfcrlf-headers": b"\x03" + b"HTTP/1.1 200 OK\r\nA: b\r\n\r\nnext\r\n\r\n\r\n\r\n",
        "end-json": b"\x04" + b'{"a":1}<END>[1,2]<END>x<EN<END>"s"<END>',
        "abab": b"\x05" + b"xabab" + b"aababab" + b"ababab",
        "default": b"\x06" + b"hello\nw\xc3\xb6rld\n",
    }


def write(root, fuzzer, seeds):
    directory = root / fuzzer
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    for name, data in seeds.items():
        (directory / name).write_bytes(data)


def main():
    root = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "corpus"
    tables = doc_tables()
    vectors = wires(tables["envelope"])
    errors = tables["envelope-errors"]
    # Stream errors end the connection there; a frame error drops one frame, so a good one follows.
    stream_errors = wires(row for row in errors if row["class"] == "stream")
    frame_errors = wires(row for row in errors if row["class"] == "frame")
    good = vectors["json-chat-7"]
    envelope_seeds = {f"vector-{name}": b"\x00" + wire for name, wire in vectors.items()}
    envelope_seeds["vectors-all"] = b"\x00" + b"".join(vectors.values())
    envelope_seeds["vectors-all-default-max"] = b"\x02" + b"".join(vectors.values())
    envelope_seeds.update({f"stream-error-{name}": b"\x00" + wire for name, wire in stream_errors.items()})
    envelope_seeds.update({f"frame-error-{name}": b"\x00" + wire + good for name, wire in frame_errors.items()})
    # A bad frame longer than Error::rawFrameLimit (4096): its raw copy is truncated.
    envelope_seeds["frame-error-raw-truncated"] = b"\x01" + envelope(1, b"", b"\xff" * 4100) + good
    write(root, "envelope", envelope_seeds)
    write(root, "length", length_frames(tables))
    write(root, "line", line_streams())


if __name__ == "__main__":
    main()
