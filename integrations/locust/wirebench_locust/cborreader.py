"""Reading one CBOR data item (RFC 8949) with the checks of Qt's QCborValue::fromCbor().

netcore calls a cbor payload well formed when Qt decodes it without error,
so this reader refuses what Qt refuses, with Qt's words and offsets:
reserved additional information (28 to 30), a misplaced break, a chunk of
an indefinite string that is not a definite string of the same type, text
that is not UTF-8 (checked per chunk), a two-byte simple value below 32,
and more than 1024 nested containers and tags. Tags are accepted and
dropped: the value is the tagged item's.

Iterative, not recursive: 1024 levels are more than Python's default
recursion limit.
"""

import struct

from .simplevalue import UNDEFINED, SimpleValue

MAX_NESTING = 1024  # Qt's MaximumRecursionDepth: containers and tags

END_OF_DATA = "Unexpected end of input data (more bytes needed)"
ILLEGAL_NUMBER = "Invalid CBOR stream: illegal number encoding (future extension)"
UNKNOWN_TYPE = "Invalid CBOR stream: unknown type"
UNEXPECTED_BREAK = "Invalid CBOR stream: unexpected 'break' byte"
ILLEGAL_TYPE = "Invalid CBOR stream: illegal type found"
ILLEGAL_SIMPLE_TYPE = "Invalid CBOR stream: illegal simple type"
INVALID_UTF8 = "Invalid CBOR stream: invalid UTF-8 text string"
NESTING_TOO_DEEP = "Internal limitation: data nesting too deep"

BREAK = 0xFF
_ARGUMENT_SIZES = {24: 1, 25: 2, 26: 4, 27: 8}
_FLOATS = {25: ">e", 26: ">f", 27: ">d"}
_SIMPLE = {20: False, 21: True, 22: None, 23: UNDEFINED}


class CborError(ValueError):
    """Not one well-formed item: `offset` is where Qt's reader stopped, `reason` its words."""

    def __init__(self, offset, reason):
        super().__init__(f"cbor is not well formed at offset {offset}: {reason}")
        self.offset = offset
        self.reason = reason


class _Open:
    """A container or tag whose items are still being read."""

    __slots__ = ("items", "remaining", "key", "has_key")

    def __init__(self, items, remaining):
        self.items = items          # a list, a dict, or None for a tag
        self.remaining = remaining  # items (pairs for a map) still to come; None: until a break
        self.key = None
        self.has_key = False


def read_item(data, pos=0):
    """Reads the item at `pos` of `data` (bytes); returns (value, the offset after it)."""
    size = len(data)
    stack = []
    while True:
        start = pos
        if pos >= size:
            raise CborError(pos, END_OF_DATA)
        initial = data[pos]
        major, info = initial >> 5, initial & 0x1F
        if initial == BREAK:
            top = stack[-1] if stack else None
            if top is None or top.remaining is not None or top.items is None or top.has_key:
                raise CborError(pos, UNEXPECTED_BREAK)
            pos += 1
            value = stack.pop().items
        elif major == 7:
            value, pos = _read_simple(data, pos, info)
        else:
            argument, pos = _read_argument(data, pos, major, info)
            if major == 0:
                value = argument
            elif major == 1:
                value = -1 - argument
            elif major in (2, 3):
                value, pos = _read_string(data, start, pos, major, argument)
            else:
                if len(stack) >= MAX_NESTING:
                    raise CborError(start, NESTING_TOO_DEEP)
                if major == 6:
                    stack.append(_Open(None, 1))
                    continue
                items = [] if major == 4 else {}
                if argument != 0:
                    stack.append(_Open(items, argument))
                    continue
                value = items
        value = _deliver(stack, value)
        if stack:
            continue
        return value, pos


def _deliver(stack, value):
    """Puts `value` into the innermost open container; closes those it completes."""
    while stack:
        top = stack[-1]
        if top.items is None:  # a tag: the value stands for it
            stack.pop()
            continue
        if isinstance(top.items, list):
            top.items.append(value)
        elif not top.has_key:
            top.key, top.has_key = _hashable(value), True
            return None
        else:
            top.items[top.key] = value
            top.has_key = False
        if top.remaining is None:
            return None
        top.remaining -= 1
        if top.remaining:
            return None
        value = stack.pop().items
    return value


def _read_argument(data, pos, major, info):
    """The head's argument and the offset after the head; None for an indefinite length."""
    if info < 24:
        return info, pos + 1
    if info == 31 and major in (2, 3, 4, 5):
        return None, pos + 1
    width = _ARGUMENT_SIZES.get(info)
    if width is None:
        raise CborError(pos, ILLEGAL_NUMBER)
    if pos + 1 + width > len(data):
        raise CborError(pos, END_OF_DATA)
    return int.from_bytes(data[pos + 1:pos + 1 + width], "big"), pos + 1 + width


def _read_simple(data, pos, info):
    if info < 20:
        return SimpleValue(info), pos + 1
    if info < 24:
        return _SIMPLE[info], pos + 1
    if info == 24:
        if pos + 2 > len(data):
            raise CborError(pos, END_OF_DATA)
        if data[pos + 1] < 32:
            raise CborError(pos, ILLEGAL_SIMPLE_TYPE)
        return SimpleValue(data[pos + 1]), pos + 2
    if info in _FLOATS:
        width = _ARGUMENT_SIZES[info]
        if pos + 1 + width > len(data):
            raise CborError(pos, END_OF_DATA)
        return struct.unpack(_FLOATS[info], data[pos + 1:pos + 1 + width])[0], pos + 1 + width
    raise CborError(pos, UNKNOWN_TYPE)


def _read_string(data, start, pos, major, length):
    if length is not None:
        return _read_chunk(data, start, pos, major, length)
    chunks = []
    while True:
        if pos >= len(data):
            raise CborError(pos, END_OF_DATA)
        initial = data[pos]
        if initial == BREAK:
            empty = "" if major == 3 else b""
            return empty.join(chunks), pos + 1
        if initial >> 5 != major:
            raise CborError(pos, ILLEGAL_TYPE)
        if initial & 0x1F == 31:  # a chunk is definite: no nesting
            raise CborError(pos, ILLEGAL_NUMBER)
        chunk_start = pos
        length, pos = _read_argument(data, pos, major, initial & 0x1F)
        chunk, pos = _read_chunk(data, chunk_start, pos, major, length)
        chunks.append(chunk)


def _read_chunk(data, start, pos, major, length):
    end = pos + length
    if end > len(data):
        raise CborError(start, END_OF_DATA)
    chunk = bytes(data[pos:end])
    if major == 2:
        return chunk, end
    try:
        return chunk.decode("utf-8"), end
    except UnicodeDecodeError:
        raise CborError(end, INVALID_UTF8) from None


def _hashable(key):
    """A map key Python can hash: arrays become tuples, maps tuples of pairs."""
    if isinstance(key, list):
        return tuple(_hashable(item) for item in key)
    if isinstance(key, dict):
        return tuple((name, _hashable(value)) for name, value in key.items())
    return key
