"""JSON read as Qt's parser reads it (QJsonDocument::fromJson, Qt 6.4's qjsonparser.cpp).

Qt's parser is laxer than RFC 8259 in places and stricter in others, and
both Wirebench's scenario files and its json payload check are that parser,
so this is a port of its grammar, step for step, with its error words and
offsets:

- accepted: a UTF-8 byte order mark before the document (if more than 3
  bytes follow it), control characters and NUL inside strings, unknown
  escapes ("\\q" is "q"), lone surrogate escapes, numbers such as "1.",
  ".5", "-.5" and "1.e5";
- refused: NaN and Infinity, a number that overflows a double or
  underflows to zero, a top level that is not an object or an array, more
  than 1024 nested containers.

Values are jsonvalue's (objects with their keys sorted, as QJsonObject
keeps them). Iterative, not recursive: 1024 levels are more than Python's
default recursion limit. jsonpayload.py reads received payloads with
Python's json first where it gives the same verdict.
"""

import math
import re

from .jsonpointer import step
from .jsonvalue import qt_number

NESTING_LIMIT = 1024

UNTERMINATED_OBJECT = "unterminated object"
MISSING_NAME_SEPARATOR = "missing name separator"
UNTERMINATED_ARRAY = "unterminated array"
MISSING_VALUE_SEPARATOR = "missing value separator"
ILLEGAL_VALUE = "illegal value"
TERMINATION_BY_NUMBER = "invalid termination by number"
ILLEGAL_NUMBER = "illegal number"
ILLEGAL_ESCAPE = "invalid escape sequence"
ILLEGAL_UTF8 = "invalid UTF8 string"
UNTERMINATED_STRING = "unterminated string"
MISSING_OBJECT = "object is missing after a comma"
DEEP_NESTING = "too deeply nested document"
GARBAGE_AT_END = "garbage at the end of the document"

_BOM = b"\xef\xbb\xbf"
_SPACE = re.compile(rb"[ \t\n\r]*")
_STRUCTURAL = frozenset(b'[{:,]}"')
# Qt's parseNumber() scan: a single 0, or any run of digits (none included).
_NUMBER = re.compile(rb"-?(?:0|[0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]*)?")
_QUOTE_OR_BACKSLASH = re.compile(rb'["\\]')
_HEX = frozenset(b"0123456789abcdefABCDEF")
_LITERALS = {ord("n"): (b"ull", None), ord("t"): (b"rue", True), ord("f"): (b"alse", False)}
_SIMPLE_ESCAPES = {ord('"'): '"', ord("\\"): "\\", ord("/"): "/", ord("b"): "\b", ord("f"): "\f",
                   ord("n"): "\n", ord("r"): "\r", ord("t"): "\t"}
_WAITING = object()  # what a step returns when a container waits for its next value


class QtJsonError(ValueError):
    """A document Qt refuses: `reason` is its QJsonParseError words, `offset` where its parser stopped."""

    def __init__(self, reason, offset):
        super().__init__(f"json does not parse at offset {offset}: {reason}")
        self.reason = reason
        self.offset = offset


def json_number(text):
    """The value Qt gives a number its scan took (an int when whole and within 64 bits), or None when
    Qt says "illegal number": not a number, or beyond a double (overflow, or underflow to zero)."""
    try:
        if "." not in text and "e" not in text and "E" not in text:
            return qt_number(int(text))
        value = float(text)
    except (ValueError, OverflowError):
        return None
    if math.isinf(value):
        return None
    if value == 0.0 and any(digit in re.split(r"[eE]", text, maxsplit=1)[0] for digit in "123456789"):
        return None
    return qt_number(value)


class _Open:
    """A container being read: its items so far, its JSON Pointer, and the key whose value comes next."""

    __slots__ = ("items", "path", "key")

    def __init__(self, items, path):
        self.items = items
        self.path = path
        self.key = None


class QtJsonReader:
    """One document read as Qt's Parser reads it: `_pos` moves exactly as Qt's `json` pointer does."""

    def __init__(self, data, note_offsets=False):
        """data: bytes. note_offsets: fill `offsets`, JSON Pointer -> the offset where that value
        starts (a member's is its key's, as JsonSource tells lines)."""
        self._data = bytes(data)
        self._pos = 0
        self._end = len(self._data)
        self.offsets = {} if note_offsets else None

    def read(self):
        """The document: a dict or a list; raises QtJsonError."""
        if self._end > 3 and self._data.startswith(_BOM):
            self._pos = 3
        token = self._next_token()
        if token not in b"[{":
            self._fail(ILLEGAL_VALUE)
        self._note("", self._pos - 1)
        document = self._read_containers(token)
        self._eat_space()
        if self._pos < self._end:
            self._fail(GARBAGE_AT_END)
        return document

    def _fail(self, reason):
        raise QtJsonError(reason, self._pos)

    def _note(self, path, offset):
        if self.offsets is not None:
            self.offsets[path] = offset

    def _child_path(self, frame):
        if self.offsets is None:
            return None
        return frame.path + (f"/{len(frame.items)}" if isinstance(frame.items, list) else step(frame.key))

    def _eat_space(self):
        self._pos = _SPACE.match(self._data, self._pos).end()
        return self._pos < self._end

    def _next_token(self):
        if not self._eat_space():
            return 0
        token = self._data[self._pos]
        self._pos += 1  # taken even when it is not a token, as Qt does
        return token if token in _STRUCTURAL else 0

    def _read_containers(self, first):
        """parseArray()/parseObject() with a stack in place of recursion: each step returns a whole
        value (a container that closed included), or _WAITING when a container waits for a value."""
        stack = []
        value = self._open(stack, first, "")
        while stack:
            value = self._value(stack) if value is _WAITING else self._after_value(stack, value)
        return value

    def _open(self, stack, kind, path):
        """Enters a container whose bracket was just read."""
        frame = _Open([] if kind == ord("[") else {}, path)
        stack.append(frame)
        if len(stack) > NESTING_LIMIT:
            self._fail(DEEP_NESTING)
        if kind == ord("{"):
            return self._member(stack, self._next_token())
        if not self._eat_space():
            self._fail(UNTERMINATED_ARRAY)
        if self._data[self._pos] == ord("]"):
            self._next_token()
            return stack.pop().items
        return _WAITING

    def _member(self, stack, token):
        """The member that starts with `token` up to its value, or the object's end."""
        frame = stack[-1]
        if token != ord('"'):
            if token != ord("}"):
                self._fail(UNTERMINATED_OBJECT)
            stack.pop()
            return dict(sorted(frame.items.items()))  # QJsonObject's order: by key
        key_start = self._pos - 1
        frame.key = self._string()
        if self._next_token() != ord(":"):
            self._fail(MISSING_NAME_SEPARATOR)
        if not self._eat_space():
            self._fail(UNTERMINATED_OBJECT)
        self._note(self._child_path(frame), key_start)  # a key's line reads better than its value's
        return _WAITING

    def _after_value(self, stack, value):
        """Puts value in the innermost container and reads what follows it there."""
        frame = stack[-1]
        token = self._next_token()
        if isinstance(frame.items, list):
            frame.items.append(value)
            if token == ord("]"):
                return stack.pop().items
            if token != ord(","):
                self._fail(UNTERMINATED_ARRAY if not self._eat_space() else MISSING_VALUE_SEPARATOR)
            if not self._eat_space():  # before each element, as Qt's loop: something must follow
                self._fail(UNTERMINATED_ARRAY)
            return _WAITING
        frame.items[frame.key] = value  # a repeated key: the last value stays
        if token != ord(","):
            if token != ord("}"):  # Qt leaves its member loop here: only the end may follow
                self._fail(UNTERMINATED_OBJECT)
            stack.pop()
            return dict(sorted(frame.items.items()))
        token = self._next_token()
        if token == ord("}"):
            self._fail(MISSING_OBJECT)
        return self._member(stack, token)

    def _value(self, stack):
        """parseValue() for the innermost container's next value."""
        frame = stack[-1]
        path = self._child_path(frame)
        if isinstance(frame.items, list):
            self._note(path, self._pos)
        first = self._data[self._pos]
        self._pos += 1
        if first in _LITERALS:
            rest, value = _LITERALS[first]
            if self._end - self._pos < len(rest) + 1:  # Qt wants one byte more than the word
                self._fail(ILLEGAL_VALUE)
            for expected in rest:  # Qt steps past each byte it compares, the mismatch included
                actual = self._data[self._pos]
                self._pos += 1
                if actual != expected:
                    self._fail(ILLEGAL_VALUE)
            return value
        if first == ord('"'):
            return self._string()
        if first in b"[{":
            return self._open(stack, first, path)
        if first == ord(","):
            self._fail(ILLEGAL_VALUE)
        if first in b"]}":
            self._fail(MISSING_OBJECT)
        self._pos -= 1
        return self._number()

    def _number(self):
        start = self._pos
        self._pos = _NUMBER.match(self._data, start).end()
        if self._pos >= self._end:
            self._fail(TERMINATION_BY_NUMBER)
        value = json_number(self._data[start:self._pos].decode("ascii"))
        if value is None:
            self._fail(ILLEGAL_NUMBER)
        return value

    def _string(self):
        """parseString(), after the opening quote: a fast scan, then one that reads escapes."""
        start = self._pos
        stop, text = self._utf8_until_quote_or_backslash(start)
        has_escapes = stop < self._end and self._data[stop] == ord("\\")
        self._pos = stop + 1
        if self._pos >= self._end:
            self._fail(UNTERMINATED_STRING)
        if not has_escapes:
            return text
        self._pos = start
        pieces = []
        while self._pos < self._end and self._data[self._pos] != ord('"'):
            if self._data[self._pos] == ord("\\"):
                pieces.append(self._escape())
            else:
                self._pos, text = self._utf8_until_quote_or_backslash(self._pos)
                pieces.append(text)
        self._pos += 1
        if self._pos >= self._end:
            self._fail(UNTERMINATED_STRING)
        # Escapes are UTF-16 units: \ud834\udd1e written as two escapes is one character, as in QString.
        return "".join(pieces).encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")

    def _utf8_until_quote_or_backslash(self, start):
        """(the offset of the next quote or backslash or the end, the text before it), checked as UTF-8."""
        found = _QUOTE_OR_BACKSLASH.search(self._data, start)
        stop = found.start() if found else self._end
        try:
            return stop, self._data[start:stop].decode("utf-8")
        except UnicodeDecodeError as bad:
            # Qt stops at the first byte that does not start a well-formed sequence.
            self._pos = start + bad.start
            raise QtJsonError(ILLEGAL_UTF8, self._pos) from None

    def _escape(self):
        """scanEscapeSequence(): any byte may follow the backslash and stands for itself; \\u needs 4 hex digits."""
        self._pos += 1
        if self._pos >= self._end:
            self._fail(ILLEGAL_ESCAPE)
        escaped = self._data[self._pos]
        self._pos += 1
        if escaped != ord("u"):
            return _SIMPLE_ESCAPES.get(escaped, chr(escaped))
        if self._pos > self._end - 4:
            self._fail(ILLEGAL_ESCAPE)
        for _ in range(4):
            if self._data[self._pos] not in _HEX:
                self._fail(ILLEGAL_ESCAPE)
            self._pos += 1
        return chr(int(self._data[self._pos - 4:self._pos], 16))
