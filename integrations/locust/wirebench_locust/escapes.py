"""Typed escapes for bytes, as netcore's escapes.cpp reads and writes them (a line delimiter: \\r\\n)."""

from .qtutf8 import encode_utf8

_NAMED = {"n": b"\n", "r": b"\r", "t": b"\t", "0": b"\0", "\\": b"\\"}
_WRITTEN = {0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t", 0x00: "\\0", 0x5C: "\\\\"}
_HEX_DIGITS = "0123456789abcdefABCDEF"


class EscapeError(ValueError):
    """Text that is not a well-formed escaped byte string; the message is netcore's."""


def unescape(text):
    """The bytes `text` stands for: \\n \\r \\t \\0 \\\\ and \\xHH; anything else as its UTF-8."""
    out = bytearray()
    literal_start = 0
    index = 0
    while index < len(text):
        if text[index] != "\\":
            index += 1
            continue
        out += encode_utf8(text[literal_start:index])
        position = _utf16_position(text, index)
        if index + 1 >= len(text):
            raise EscapeError(f"trailing backslash at position {position}")
        kind = text[index + 1]
        if kind == "x":
            digits = text[index + 2:index + 4]
            if len(digits) != 2 or any(digit not in _HEX_DIGITS for digit in digits):
                raise EscapeError(f"\\x at position {position} needs two hex digits")
            out.append(int(digits, 16))
            index += 2
        elif kind in _NAMED:
            out += _NAMED[kind]
        else:
            raise EscapeError(f"unknown escape \\{kind} at position {position}")
        index += 2
        literal_start = index
    out += encode_utf8(text[literal_start:])
    return bytes(out)


def escape(data):
    """Text for `data` that unescape() turns back into it; printable UTF-8 stays as it is."""
    out = []
    index = 0
    while index < len(data):
        byte = data[index]
        if byte < 0x80:
            if byte in _WRITTEN:
                out.append(_WRITTEN[byte])
            elif byte < 0x20 or byte == 0x7F:
                out.append(f"\\x{byte:02x}")
            else:
                out.append(chr(byte))
            index += 1
            continue
        length = _utf8_sequence_length(data, index)
        if length:
            character = data[index:index + length].decode("utf-8")
        # C1 controls are valid UTF-8 but invisible: shown as their bytes.
        if not length or 0x80 <= ord(character) <= 0x9F:
            count = length or 1
            out.extend(f"\\x{value:02x}" for value in data[index:index + count])
            index += count
            continue
        out.append(character)
        index += length
    return "".join(out)


def _utf8_sequence_length(data, index):
    """The length of the well-formed UTF-8 sequence at `index`, or 0."""
    for length in (2, 3, 4):
        try:
            bytes(data[index:index + length]).decode("utf-8")
            return length
        except UnicodeDecodeError:
            continue
    return 0


def _utf16_position(text, index):
    """netcore counts positions in UTF-16 units: a character above U+FFFF counts twice."""
    return index + sum(1 for character in text[:index] if ord(character) > 0xFFFF)
