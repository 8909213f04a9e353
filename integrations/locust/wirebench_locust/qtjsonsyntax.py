"""Whether Qt's JSON parser (QJsonDocument::fromJson, Qt 6.4) takes a document, and if not why.

netcore's json check is that parser, which is laxer than RFC 8259 in
places and stricter in others, so this is a port of its grammar, step for
step, with its error names and offsets:

- accepted: a UTF-8 byte order mark before the document (if more than 3
  bytes follow it), control characters and NUL inside strings, unknown
  escapes ("\\a" is "a"), lone surrogate escapes, numbers such as "1.",
  ".5", "-.5" and "1.e5";
- refused: NaN and Infinity, a number that overflows a double or
  underflows to zero, a top level that is not an object or an array, more
  than 1024 nested containers.

Iterative, not recursive: 1024 levels are more than Python's default
recursion limit. See payloadcheck.py for the fast path taken first.
"""

import math
import re

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
_LITERALS = {ord("n"): b"ull", ord("t"): b"rue", ord("f"): b"alse"}


class _Refused(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def json_syntax_problem(data):
    """None if Qt parses `data` (bytes), else "json does not parse at offset N: reason"."""
    parser = _Parser(bytes(data))
    try:
        parser.parse()
    except _Refused as refused:
        return f"json does not parse at offset {parser.pos}: {refused.reason}"
    return None


def qt_accepts_number(text):
    """QByteArray::toDouble()'s verdict on a number Qt's scan took: not garbage, no overflow, no underflow."""
    try:
        value = float(text)
    except ValueError:
        return False
    if math.isinf(value):
        return False
    mantissa = re.split(r"[eE]", text, maxsplit=1)[0]
    return value != 0.0 or not any(digit in mantissa for digit in "123456789")


class _Parser:
    """Qt's Parser: `pos` moves exactly as Qt's `json` pointer does, so offsets agree."""

    def __init__(self, data):
        self.data = data
        self.pos = 0
        self.end = len(data)

    def eat_space(self):
        self.pos = _SPACE.match(self.data, self.pos).end()
        return self.pos < self.end

    def next_token(self):
        if not self.eat_space():
            return 0
        token = self.data[self.pos]
        self.pos += 1
        return token if token in _STRUCTURAL else 0

    def parse(self):
        if self.end > 3 and self.data.startswith(_BOM):
            self.pos = 3
        token = self.next_token()
        if token not in b"[{":
            raise _Refused(ILLEGAL_VALUE)
        self.parse_containers(token)
        self.eat_space()
        if self.pos < self.end:
            raise _Refused(GARBAGE_AT_END)

    def parse_containers(self, first):
        """parseArray()/parseObject() with an explicit stack in place of recursion.

        Each step returns True when a value is complete (a closed container
        included), False when a container now waits for a value.
        """
        stack = []
        value_done = self.open(stack, first)
        while stack:
            value_done = self.after_value(stack) if value_done else self.value(stack)

    def open(self, stack, kind):
        """Enters a container whose bracket was just read; True if it closed at once (empty)."""
        stack.append(kind)
        if len(stack) > NESTING_LIMIT:
            raise _Refused(DEEP_NESTING)
        if kind == ord("["):
            if not self.eat_space():
                raise _Refused(UNTERMINATED_ARRAY)
            if self.data[self.pos] == ord("]"):
                self.next_token()
                stack.pop()
                return True
            return self.array_value(stack)
        return self.object_member(stack, self.next_token())

    def array_value(self, stack):
        """Before each element, as Qt's loop: something must follow."""
        if not self.eat_space():
            raise _Refused(UNTERMINATED_ARRAY)
        return False

    def object_member(self, stack, token):
        """The member that starts with `token`, or the object's end."""
        if token != ord('"'):
            if token != ord("}"):
                raise _Refused(UNTERMINATED_OBJECT)
            stack.pop()
            return True
        self.string()
        if self.next_token() != ord(":"):
            raise _Refused(MISSING_NAME_SEPARATOR)
        if not self.eat_space():
            raise _Refused(UNTERMINATED_OBJECT)
        return False

    def after_value(self, stack):
        """What follows a value inside the innermost container; True if that container closed."""
        token = self.next_token()
        if stack[-1] == ord("["):
            if token == ord("]"):
                stack.pop()
                return True
            if token != ord(","):
                raise _Refused(UNTERMINATED_ARRAY if not self.eat_space() else MISSING_VALUE_SEPARATOR)
            return self.array_value(stack)
        if token != ord(","):
            if token != ord("}"):  # Qt leaves its member loop here: only the end may follow
                raise _Refused(UNTERMINATED_OBJECT)
            stack.pop()
            return True
        token = self.next_token()
        if token == ord("}"):
            raise _Refused(MISSING_OBJECT)
        return self.object_member(stack, token)

    def value(self, stack):
        """parseValue(): True once a whole value is read, False if it opened a container that waits for values."""
        first = self.data[self.pos]
        self.pos += 1
        if first in _LITERALS:
            rest = _LITERALS[first]
            if self.end - self.pos < len(rest) + 1:
                raise _Refused(ILLEGAL_VALUE)
            for expected in rest:  # Qt steps past each byte it compares, the mismatch included
                actual = self.data[self.pos]
                self.pos += 1
                if actual != expected:
                    raise _Refused(ILLEGAL_VALUE)
            return True
        if first == ord('"'):
            self.string()
            return True
        if first in b"[{":
            return self.open(stack, first)
        if first == ord(","):
            raise _Refused(ILLEGAL_VALUE)
        if first in b"]}":
            raise _Refused(MISSING_OBJECT)
        self.pos -= 1
        self.number()
        return True

    def number(self):
        start = self.pos
        self.pos = _NUMBER.match(self.data, start).end()
        if self.pos >= self.end:
            raise _Refused(TERMINATION_BY_NUMBER)
        if not qt_accepts_number(self.data[start:self.pos].decode("ascii")):
            raise _Refused(ILLEGAL_NUMBER)

    def string(self):
        """parseString(), after the opening quote: a fast scan, then one that reads escapes."""
        start = self.pos
        stop = self.utf8_until_quote_or_backslash(start)
        has_escapes = stop < self.end and self.data[stop] == ord("\\")
        self.pos = stop + 1
        if self.pos >= self.end:
            raise _Refused(UNTERMINATED_STRING)
        if not has_escapes:
            return
        self.pos = start
        while self.pos < self.end and self.data[self.pos] != ord('"'):
            if self.data[self.pos] == ord("\\"):
                self.escape()
            else:
                self.pos = self.utf8_until_quote_or_backslash(self.pos)
        self.pos += 1
        if self.pos >= self.end:
            raise _Refused(UNTERMINATED_STRING)

    def utf8_until_quote_or_backslash(self, start):
        """The offset of the next quote or backslash (or the end), checking the UTF-8 before it."""
        found = _QUOTE_OR_BACKSLASH.search(self.data, start)
        stop = found.start() if found else self.end
        try:
            self.data[start:stop].decode("utf-8")
        except UnicodeDecodeError as bad:
            # Qt stops at the first byte that does not start a well-formed sequence.
            self.pos = start + bad.start
            raise _Refused(ILLEGAL_UTF8) from None
        return stop

    def escape(self):
        """scanEscapeSequence(): any character may follow the backslash; \\u needs 4 hex digits."""
        self.pos += 1
        if self.pos >= self.end:
            raise _Refused(ILLEGAL_ESCAPE)
        escaped = self.data[self.pos]
        self.pos += 1
        if escaped != ord("u"):
            return
        if self.pos > self.end - 4:
            raise _Refused(ILLEGAL_ESCAPE)
        for _ in range(4):
            if self.data[self.pos] not in _HEX:
                raise _Refused(ILLEGAL_ESCAPE)
            self.pos += 1
