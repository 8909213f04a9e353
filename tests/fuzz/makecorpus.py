#!/usr/bin/env python3
"""Writes the fuzzers' seed corpus, tests/fuzz/corpus/<fuzzer>/, from the
vectors of ../shared/PROTOCOL.md. The files are committed; run this again
only to change them.

A seed is one byte that picks the parameter set (its index in the fuzz
target's table, fuzz_<fuzzer>.cpp) followed by the byte stream."""

import pathlib
import shutil
import struct

HERE = pathlib.Path(__file__).resolve().parent


def h(spaced):
    return bytes.fromhex(spaced)


def envelope(type_, channel, payload, ident=0, version=1):
    """A frame assembled by hand, as PROTOCOL.md section 1 draws it."""
    return struct.pack(">IBBHI", 8 + len(channel) + len(payload), type_, version, len(channel), ident) \
        + channel + payload


# PROTOCOL.md section 1, every row.
ENVELOPE_VECTORS = {
    "text-hi": h("00 00 00 0a 01 01 00 00 00 00 00 00 68 69"),
    "json-chat-7": h("00 00 00 13 02 01 00 04 00 00 00 07 63 68 61 74 7b 22 61 22 3a 31 7d"),
    "binary-image": h("00 00 00 0f 00 01 00 05 01 02 03 04 69 6d 61 67 65 00 ff"),
    "cbor-state-1": h("00 00 00 11 03 01 00 05 00 00 00 01 73 74 61 74 65 a1 61 6b 01"),
    "text-utf8-65535": h("00 00 00 13 01 01 00 05 00 00 ff ff c3 bc 6e c3 af 68 c3 a9 6c 6c 6f"),
}

# Stream errors (section 1): the connection ends there.
ENVELOPE_STREAM_ERRORS = {
    "n-7": h("00 00 00 07 01 01 00 00 00 00 00 00"),
    "n-0": h("00 00 00 00 01 01 00 00"),
    "n-above-max-64": h("00 00 00 41 00 01 00 00 00 00 00 00"),
    "n-4gib": h("ff ff ff ff"),
    "channel-beyond-n": h("00 00 00 0a 01 01 00 03 00 00 00 00 68 69"),
    "channel-65535-empty-frame": h("00 00 00 08 00 01 ff ff 00 00 00 00"),
    "version-2": h("00 00 00 0a 01 02 00 00 00 00 00 00 68 69"),
    "version-0": h("00 00 00 0a 01 00 00 00 00 00 00 00 68 69"),
}

# Frame errors (section 1): the frame is dropped, the next one still decodes.
ENVELOPE_FRAME_ERRORS = {
    "type-9": envelope(9, b"", b"hi"),
    "type-255": envelope(255, b"ch", b"hi"),
    "channel-not-utf8": envelope(1, b"\xff", b"hi"),
    "channel-cut-utf8": envelope(0, b"\xc3", b"hi"),
    "text-not-utf8": envelope(1, b"", b"\xc3\x28"),
    "text-cut-sequence": envelope(1, b"chat", b"ok\xe2\x82"),
    "text-surrogate": envelope(1, b"", b"\xed\xa0\x80"),
    "json-not-parseable": envelope(2, b"", b'{"a":'),
    "json-top-level-number": envelope(2, b"", b"42"),
    "json-empty": envelope(2, b"", b""),
    "cbor-truncated": envelope(3, b"", h("a1 61 6b")),
    "cbor-trailing-bytes": envelope(3, b"", h("a1 61 6b 01 00")),
    "cbor-empty": envelope(3, b"", b""),
}

HELLO = b"HELLO, WORLD"


def length_field(value, size, order):
    return value.to_bytes(size, "big" if order == ">" else "little")


def length_frames():
    # Section 2: Netty's examples; indices 9..15 of fuzz_length.cpp's table.
    netty = [
        h("00 0C") + HELLO,
        h("00 0C") + HELLO,
        h("00 0E") + HELLO,
        h("CA FE 00 00 0C") + HELLO,
        h("00 00 0C CA FE") + HELLO,
        h("CA 00 0C FE") + HELLO,
        h("CA 00 10 FE") + HELLO,
    ]
    seeds = {f"netty-{row}": bytes([8 + row]) + wire for row, wire in enumerate(netty, start=1)}
    # The other parameter sets, each with HELLO, WORLD as its encoder would write it.
    seeds.update({
        "default-4-big": b"\x00" + length_field(12, 4, ">") + HELLO,
        "2-little-offset-2-adjust-minus-2": b"\x01" + b"\x00\x00" + length_field(14, 2, "<") + HELLO,
        "2-little-offset-1-adjust-3-strip-1": b"\x02" + b"\xca" + length_field(9, 2, "<") + HELLO,
        "1-byte": b"\x03" + length_field(12, 1, ">") + HELLO,
        "8-big": b"\x04" + length_field(12, 8, ">") + HELLO,
        "8-little-adjust-minus-8": b"\x05" + length_field(20, 8, "<") + HELLO,
        "8-big-adjust-minus-2147483647": b"\x06" + length_field(12 + 0x7fffffff, 8, ">") + HELLO,
        "python-comms": b"\x07" + h("07 00 00 00") + b'{"a":1}',
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
    # Section 3 names \n, \r\n and \0; indices follow fuzz_line.cpp's table.
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


def write(fuzzer, seeds):
    directory = HERE / "corpus" / fuzzer
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    for name, data in seeds.items():
        (directory / name).write_bytes(data)


def main():
    good = ENVELOPE_VECTORS["json-chat-7"]
    envelope_seeds = {f"vector-{name}": b"\x00" + wire for name, wire in ENVELOPE_VECTORS.items()}
    envelope_seeds["vectors-all"] = b"\x00" + b"".join(ENVELOPE_VECTORS.values())
    envelope_seeds["vectors-all-default-max"] = b"\x02" + b"".join(ENVELOPE_VECTORS.values())
    envelope_seeds.update({f"stream-error-{name}": b"\x00" + wire for name, wire in ENVELOPE_STREAM_ERRORS.items()})
    envelope_seeds.update({f"frame-error-{name}": b"\x00" + wire + good for name, wire in ENVELOPE_FRAME_ERRORS.items()})
    # A bad frame longer than Error::rawFrameLimit (4096): its raw copy is truncated.
    envelope_seeds["frame-error-raw-truncated"] = b"\x01" + envelope(1, b"", b"\xff" * 4100) + good
    write("envelope", envelope_seeds)
    write("length", length_frames())
    write("line", line_streams())


if __name__ == "__main__":
    main()
