"""A JSON file a user wrote, read so that what is wrong in it can be told by line.

Port of JsonSource: "scenario.json:12: unknown match key "txt"". Python's json
module keeps no positions and words its errors its own way, so this reads the
text as Qt's QJsonDocument parser does (same leniencies: unknown escapes such as
"\\q" stand for the character, control characters may sit in strings; same error
words: "illegal value", "unterminated object", ...), noting the line where each
value starts by JSON Pointer. A member's line is its key's, as JsonSource has it.
"""

import bisect

from .jsonvalue import qt_number
from .problem import JsonProblem

_WHITESPACE = " \t\r\n"
_STRUCTURAL = '[{:,]}"'
_SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_NESTING_LIMIT = 1024

ILLEGAL_VALUE = "illegal value"
UNTERMINATED_OBJECT = "unterminated object"
MISSING_NAME_SEPARATOR = "missing name separator"
UNTERMINATED_ARRAY = "unterminated array"
MISSING_VALUE_SEPARATOR = "missing value separator"
TERMINATION_BY_NUMBER = "invalid termination by number"
ILLEGAL_NUMBER = "illegal number"
ILLEGAL_ESCAPE = "invalid escape sequence"
ILLEGAL_UTF8 = "invalid UTF8 string"
UNTERMINATED_STRING = "unterminated string"
MISSING_OBJECT = "object is missing after a comma"
DEEP_NESTING = "too deeply nested document"
GARBAGE_AT_END = "garbage at the end of the document"


class JsonSourceError(ValueError):
    """The file cannot be read or is not JSON; the text is "NAME:LINE: what" or "NAME: cannot read: why"."""


class _SyntaxError(Exception):
    def __init__(self, message, offset):
        super().__init__(message)
        self.message = message
        self.offset = offset


class _Parser:
    """Qt's qjsonparser.cpp step by step, on text decoded with surrogateescape."""

    def __init__(self, text):
        self.text = text
        self.at = 0
        self.end = len(text)
        self.depth = 0
        self.lines = {}
        self.newlines = [i for i, c in enumerate(text) if c == "\n"]

    def line(self, offset):
        return bisect.bisect_left(self.newlines, offset) + 1

    def fail(self, message):
        raise _SyntaxError(message, self.at)

    def eat_space(self):
        while self.at < self.end and self.text[self.at] in _WHITESPACE:
            self.at += 1
        return self.at < self.end

    def next_token(self):
        if not self.eat_space():
            return None
        token = self.text[self.at]
        self.at += 1  # taken even when it is not a token, as Qt does
        return token if token in _STRUCTURAL else None

    def parse(self):
        if self.text.startswith("\ufeff"):
            self.at = 1
        token = self.next_token()
        self.lines[""] = self.line(self.at - 1)
        if token == "[":
            document = self.parse_array("")
        elif token == "{":
            document = self.parse_object("")
        else:
            self.fail(ILLEGAL_VALUE)
        self.eat_space()
        if self.at < self.end:
            self.fail(GARBAGE_AT_END)
        return document

    def nest(self):
        self.depth += 1
        if self.depth > _NESTING_LIMIT:
            self.fail(DEEP_NESTING)

    def parse_object(self, path):
        self.nest()
        members = {}
        token = self.next_token()
        while token == '"':
            key_line = self.line(self.at - 1)
            key = self.parse_string()
            if self.next_token() != ":":
                self.fail(MISSING_NAME_SEPARATOR)
            if not self.eat_space():
                self.fail(UNTERMINATED_OBJECT)
            child = path + JsonProblem.key(key)
            members[key] = self.parse_value(child)
            self.lines[child] = key_line  # a key's line reads better than its value's
            token = self.next_token()
            if token != ",":
                break
            token = self.next_token()
            if token == "}":
                self.fail(MISSING_OBJECT)
        if token != "}":
            self.fail(UNTERMINATED_OBJECT)
        self.depth -= 1
        return dict(sorted(members.items()))  # QJsonObject's order: by key

    def parse_array(self, path):
        self.nest()
        items = []
        if not self.eat_space():
            self.fail(UNTERMINATED_ARRAY)
        if self.text[self.at] == "]":
            self.next_token()
        else:
            while True:
                if not self.eat_space():
                    self.fail(UNTERMINATED_ARRAY)
                items.append(self.parse_value(path + JsonProblem.index(len(items))))
                token = self.next_token()
                if token == "]":
                    break
                if token != ",":
                    self.fail(UNTERMINATED_ARRAY if not self.eat_space() else MISSING_VALUE_SEPARATOR)
        self.depth -= 1
        return items

    def parse_value(self, path):
        self.lines[path] = self.line(self.at)
        c = self.text[self.at]
        self.at += 1
        for word, value in (("null", None), ("true", True), ("false", False)):
            if c == word[0]:
                return self.parse_literal(word[1:], value)
        if c == '"':
            return self.parse_string()
        if c == "[":
            return self.parse_array(path)
        if c == "{":
            return self.parse_object(path)
        if c == ",":
            self.fail(ILLEGAL_VALUE)
        if c in "]}":
            self.fail(MISSING_OBJECT)
        self.at -= 1
        return self.parse_number()

    def parse_literal(self, rest, value):
        # Qt wants one character more than the word: a closing bracket always follows.
        if self.end - self.at < len(rest) + 1:
            self.fail(ILLEGAL_VALUE)
        for expected in rest:
            c = self.text[self.at]
            self.at += 1
            if c != expected:
                self.fail(ILLEGAL_VALUE)
        return value

    def skip_digits(self):
        while self.at < self.end and "0" <= self.text[self.at] <= "9":
            self.at += 1

    def parse_number(self):
        start = self.at
        if self.at < self.end and self.text[self.at] == "-":
            self.at += 1
        if self.at < self.end and self.text[self.at] == "0":
            self.at += 1
        else:
            self.skip_digits()
        if self.at < self.end and self.text[self.at] == ".":
            self.at += 1
            self.skip_digits()
        if self.at < self.end and self.text[self.at] in "eE":
            self.at += 1
            if self.at < self.end and self.text[self.at] in "+-":
                self.at += 1
            self.skip_digits()
        if self.at >= self.end:
            self.fail(TERMINATION_BY_NUMBER)
        number = self.text[start:self.at]
        try:
            if number.lstrip("-").isdigit():
                return qt_number(int(number))
            value = float(number)
        except (ValueError, OverflowError):
            self.fail(ILLEGAL_NUMBER)
        if value in (float("inf"), float("-inf")):
            self.fail(ILLEGAL_NUMBER)
        return qt_number(value)

    def parse_string(self):
        chars = []
        while self.at < self.end:
            c = self.text[self.at]
            if c == '"':
                break
            if c == "\\":
                chars.append(self.parse_escape())
            elif "\udc80" <= c <= "\udcff":  # a byte that is not UTF-8, kept by surrogateescape
                self.fail(ILLEGAL_UTF8)
            else:
                chars.append(c)
                self.at += 1
        self.at += 1
        if self.at >= self.end:
            self.fail(UNTERMINATED_STRING)
        # \ud834\udd1e written as two escapes is one character, as in Qt's UTF-16.
        return "".join(chars).encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")

    def parse_escape(self):
        self.at += 1
        if self.at >= self.end:
            self.fail(ILLEGAL_ESCAPE)
        escaped = self.text[self.at]
        self.at += 1
        if escaped != "u":
            # Qt: "not as strict as one could be": an unknown escape is the character itself.
            return _SIMPLE_ESCAPES.get(escaped, escaped)
        digits = self.text[self.at:self.at + 4]
        if len(digits) < 4 or any(d not in "0123456789abcdefABCDEF" for d in digits):
            self.fail(ILLEGAL_ESCAPE)
        self.at += 4
        return chr(int(digits, 16))


class JsonSource:
    """A parsed JSON document with the line of every value; `document` is its root."""

    def __init__(self, text, name):
        """Parses text (bytes or str), named name in errors; raises JsonSourceError."""
        if isinstance(text, (bytes, bytearray)):
            text = bytes(text).decode("utf-8", "surrogateescape")
        self.name = name
        parser = _Parser(text)
        try:
            self.document = parser.parse()
        except _SyntaxError as error:
            line = text.count("\n", 0, max(0, error.offset)) + 1
            raise JsonSourceError(f"{name}:{line}: {error.message}") from None
        except RecursionError:
            raise JsonSourceError(f"{name}:{parser.line(parser.at)}: {DEEP_NESTING}") from None
        self._lines = parser.lines

    @classmethod
    def load(cls, file_name):
        try:
            with open(file_name, "rb") as file:
                text = file.read()
        except OSError as error:
            raise JsonSourceError(f"{file_name}: cannot read: {error.strerror or error}") from None
        return cls(text, str(file_name))

    def line_of(self, path):
        """The line (from 1) where the value at path starts, or its nearest enclosing value's."""
        while True:
            if path in self._lines:
                return self._lines[path]
            if not path:
                return 1
            path = path[:path.rfind("/")]

    def describe(self, problem):
        """ "NAME:LINE: message" for problem, its path taken from the document's root."""
        return f"{self.name}:{self.line_of(problem.path)}: {problem.message}"
