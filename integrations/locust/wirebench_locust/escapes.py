"""Bytes as text and back, the way netcore writes and reads them.

Ports of netcore's escapes.cpp (escape(), and unescape() for a line delimiter
such as \\r\\n) and of parseSpacedHex() (engine/responders/spacedhex.h).
"""

from .qtutf16 import utf16_length
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
        position = utf16_length(text[:index])  # netcore counts positions in UTF-16 units
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


def _utf8_sequence_length(data, pos):
    """Length of the valid UTF-8 sequence at pos and its code point, or (0, 0)."""
    lead = data[pos]
    low, high = 0x80, 0xBF  # the allowed range of the second byte
    if 0xC2 <= lead <= 0xDF:
        length, value = 2, lead & 0x1F
    elif 0xE0 <= lead <= 0xEF:
        length, value = 3, lead & 0x0F
        if lead == 0xE0:
            low = 0xA0  # overlong
        if lead == 0xED:
            high = 0x9F  # surrogates
    elif 0xF0 <= lead <= 0xF4:
        length, value = 4, lead & 0x07
        if lead == 0xF0:
            low = 0x90  # overlong
        if lead == 0xF4:
            high = 0x8F  # above U+10FFFF
    else:
        return 0, 0
    if pos + length > len(data):
        return 0, 0
    for i in range(1, length):
        byte = data[pos + i]
        if not (low if i == 1 else 0x80) <= byte <= (high if i == 1 else 0xBF):
            return 0, 0
        value = (value << 6) | (byte & 0x3F)
    return length, value


def escape(data):
    """data (bytes) as printable text that unescape() turns back: controls, C1 controls and invalid UTF-8 as escapes."""
    out = []
    i = 0
    while i < len(data):
        byte = data[i]
        if byte < 0x80:
            if byte in _WRITTEN:
                out.append(_WRITTEN[byte])
            elif byte < 0x20 or byte == 0x7F:
                out.append(f"\\x{byte:02x}")
            else:
                out.append(chr(byte))
            i += 1
            continue
        length, code_point = _utf8_sequence_length(data, i)
        # C1 controls are valid UTF-8 but invisible; they show as their bytes.
        if length == 0 or 0x80 <= code_point <= 0x9F:
            count = length or 1
            out.extend(f"\\x{b:02x}" for b in data[i:i + count])
            i += count
            continue
        out.append(chr(code_point))
        i += length
    return "".join(out)


def parse_spaced_hex(text):
    """The bytes of hex digits with spaces between them ("0102", "01 02"); None if not hex.

    Only spaces may separate the digits: a tab or a line break is refused, as replies
    and matches refuse them.
    """
    if not isinstance(text, str):
        return None
    digits = []
    for c in text:
        if c == " ":
            continue
        if c not in _HEX_DIGITS:
            return None
        digits.append(c)
    if len(digits) % 2:
        return None
    return bytes.fromhex("".join(digits))
