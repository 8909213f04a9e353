"""Bytes as one line of text, and hex as bytes, the way netcore writes and reads them.

Ports of netcore::escape() and of parseSpacedHex() (engine/responders/spacedhex.h).
"""

_SHORT_ESCAPES = {0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t", 0x00: "\\0", 0x5C: "\\\\"}


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
    """data (bytes) as printable text: controls, C1 controls and invalid UTF-8 as escapes."""
    out = []
    i = 0
    while i < len(data):
        byte = data[i]
        if byte < 0x80:
            if byte in _SHORT_ESCAPES:
                out.append(_SHORT_ESCAPES[byte])
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
        if c.isspace() or c not in "0123456789abcdefABCDEF":
            return None
        digits.append(c)
    if len(digits) % 2:
        return None
    return bytes.fromhex("".join(digits))


def utf16_length(text):
    """The length Qt gives a string: UTF-16 code units, so a character above U+FFFF counts 2."""
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def utf16_left(text, units):
    """The first `units` UTF-16 code units of text, as QString::left() cuts it."""
    if utf16_length(text) <= units:
        return text
    cut = text.encode("utf-16-le", "surrogatepass")[:units * 2]
    return cut.decode("utf-16-le", "replace")  # a pair cut in half becomes U+FFFD
