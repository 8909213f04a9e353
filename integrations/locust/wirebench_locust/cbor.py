"""CBOR (RFC 8949) for payloads: JSON-like values in, bytes as Wirebench's C++ side writes them.

encode() gives the bytes of QCborValue::fromJsonValue(...).toCbor(), which
is how a responder's "cbor" reply and `wirebench-cli send --cbor` turn JSON
into CBOR:

- integers in their shortest form; an int outside the signed 64-bit range
  as a double, as Qt's JSON parser reads such a literal;
- a float that holds an integer in that range as the integer (Qt's parser
  stores 1.0 and 1e3 as integers; -0.0 becomes 0), any other float as an
  8-byte double (never shortened to half or single precision);
- map keys (strings only, as in JSON) in code point order, the order of a
  QJsonObject; text in UTF-8 with a lone surrogate written as "?".

Beyond JSON, bytes become a byte string and a SimpleValue its simple value.
decode() reads exactly one item and refuses anything after it.
"""

import struct

from .cborreader import CborError, read_item
from .jsonvalue import qt_number
from .qtutf8 import encode_utf8
from .simplevalue import UNDEFINED, SimpleValue

__all__ = ["encode", "decode", "CborError", "SimpleValue", "UNDEFINED"]


def encode(value):
    """The CBOR bytes of `value`: dict, list or tuple, str, int, float, bool, None (and bytes)."""
    out = bytearray()
    # Iterative, so a deep document does not meet Python's recursion limit.
    stack = [iter((value,))]
    while stack:
        for item in stack[-1]:
            if isinstance(item, (list, tuple)):
                _write_head(out, 4, len(item))
                stack.append(iter(item))
                break
            if isinstance(item, dict):
                _write_head(out, 5, len(item))
                stack.append(_sorted_pairs(item))
                break
            _write_scalar(out, item)
        else:
            stack.pop()
    return bytes(out)


def decode(data):
    """The value of the one CBOR item that is all of `data`; CborError (a ValueError) otherwise.

    Maps become dicts, arrays lists, text str, byte strings bytes, simple
    values False, True, None or a SimpleValue; tags are dropped.
    """
    data = bytes(data)
    value, end = read_item(data)
    if end != len(data):
        raise CborError(end, f"{len(data) - end} bytes after the first item")
    return value


def _sorted_pairs(mapping):
    for key in mapping:
        if not isinstance(key, str):
            raise TypeError(f"a map key is a string, as in JSON, not {type(key).__name__}")
    for key in sorted(mapping):
        yield key
        yield mapping[key]


def _write_head(out, major, argument):
    if argument < 24:
        out.append(major << 5 | argument)
    elif argument < 0x100:
        out += bytes((major << 5 | 24, argument))
    elif argument < 0x10000:
        out.append(major << 5 | 25)
        out += argument.to_bytes(2, "big")
    elif argument < 0x100000000:
        out.append(major << 5 | 26)
        out += argument.to_bytes(4, "big")
    else:
        out.append(major << 5 | 27)
        out += argument.to_bytes(8, "big")


def _write_scalar(out, item):
    if item is None:
        out.append(0xF6)
    elif isinstance(item, bool):
        out.append(0xF5 if item else 0xF4)
    elif isinstance(item, int):
        _write_number(out, item)
    elif isinstance(item, float):
        _write_number(out, item)
    elif isinstance(item, str):
        text = encode_utf8(item)
        _write_head(out, 3, len(text))
        out += text
    elif isinstance(item, (bytes, bytearray, memoryview)):
        data = bytes(item)
        _write_head(out, 2, len(data))
        out += data
    elif isinstance(item, SimpleValue):
        _write_head(out, 7, item.value)
    else:
        raise TypeError(f"cannot encode a {type(item).__name__} as CBOR")


def _write_number(out, number):
    try:
        # Qt's convertDoubleTo(): an integral double in [-2^63, 2^63) is stored as an integer.
        number = qt_number(number)
    except OverflowError:
        raise ValueError(f"{number} is beyond a double: JSON cannot carry it") from None
    if isinstance(number, int):
        _write_integer(out, number)
    else:
        out.append(0xFB)
        out += struct.pack(">d", number)


def _write_integer(out, number):
    if number >= 0:
        _write_head(out, 0, number)
    else:
        _write_head(out, 1, -1 - number)
