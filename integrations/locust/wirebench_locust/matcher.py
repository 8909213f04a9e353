"""The "expect" of a scenario (and the "when" of a rule): port of MessageMatcher.

Every key given must hold, and {} matches every message:

    channel   the channel, exactly
    type      "binary", "text", "json" or "cbor"
    text      a regular expression (Perl syntax, see perlregex) searched in the text
    json      {"/pointer": expected value, ...}
    hex       the payload starts with these bytes
"""

from . import jsonpointer
from .escapes import parse_spaced_hex
from .facts import MessageFacts
from .jsonvalue import MISSING, compact, equal
from .message import MESSAGE_TYPES
from .perlregex import RegexError, compile_perl
from .problem import JsonProblem

class Matcher:
    """A parsed match; make one with Matcher.from_json()."""

    def __init__(self):
        self.channel = None
        self.type = None
        self.text = None  # the pattern as written
        self._expression = None
        self.json = []  # (pointer, expected value), in the pointers' order
        self.hex_prefix = None

    @classmethod
    def from_json(cls, when):
        """The match when describes; raises JsonProblem (its path relative to when) with the C++ words."""
        if not isinstance(when, dict):
            raise JsonProblem("", 'a match is an object such as {"channel": "login", "text": "^PING"}; '
                                  "{} matches every message")
        matcher = cls()
        for key in sorted(when):  # QJsonObject's order, so the first mistake is the same one
            matcher._read(key, when[key])
        return matcher

    def _read(self, key, value):
        path = JsonProblem.key(key)
        if key == "channel":
            if not isinstance(value, str):
                raise JsonProblem(path, '"channel" must be a string')
            self.channel = value
        elif key == "type":
            if not isinstance(value, str) or value not in MESSAGE_TYPES:
                raise JsonProblem(path, '"type" must be "binary", "text", "json" or "cbor"')
            self.type = value
        elif key == "text":
            if not isinstance(value, str):
                raise JsonProblem(path, '"text" must be a regular expression, as a string')
            try:
                self._expression = compile_perl(value)
            except RegexError as error:
                raise JsonProblem(path, f'"{value}" is not a regular expression: {error}') from None
            self.text = value
        elif key == "json":
            if not isinstance(value, dict):
                raise JsonProblem(path, '"json" maps JSON Pointers to the values expected there: {"/user": "alice"}')
            for pointer in sorted(value):
                why = jsonpointer.validate(pointer)
                if why:
                    raise JsonProblem(path + JsonProblem.key(pointer), why)
                self.json.append((pointer, value[pointer]))
        elif key == "hex":
            prefix = parse_spaced_hex(value)
            if prefix is None:
                raise JsonProblem(path, '"hex" must be bytes in hex, pairs of 0-9 a-f: "0102"')
            self.hex_prefix = prefix
        else:
            raise JsonProblem(path, f'unknown match key "{key}": a match has "channel", "type", "text", '
                                    '"json" and "hex"')

    def matches(self, message):
        """Whether message (a Message, or MessageFacts of one) holds to every key."""
        facts = MessageFacts.of(message)
        if self.type is not None and facts.type != self.type:
            return False
        if self.channel is not None and facts.channel != self.channel:
            return False
        if self.hex_prefix is not None and not facts.payload.startswith(self.hex_prefix):
            return False
        for pointer, expected in self.json:
            if not facts.has_json():
                return False
            actual = jsonpointer.resolve(facts.json, pointer)
            if actual is MISSING or not equal(actual, expected):
                return False
        if self._expression is not None:
            if not facts.has_text() or not self._expression.search(facts.text):
                return False
        return True

    def describe(self):
        """What it expects, in words: `channel "login", json /ok = true`; "any message" for {}."""
        parts = []
        if self.channel is not None:
            parts.append(f'channel "{self.channel}"')
        if self.type is not None:
            parts.append(f"type {self.type}")
        if self.text is not None:
            parts.append(f"text matching /{self.text}/")
        for pointer, expected in self.json:
            parts.append(f'json {pointer or chr(34) * 2} = {compact(expected)}')
        if self.hex_prefix is not None:
            parts.append(f"payload starting {self.hex_prefix.hex()}")
        return ", ".join(parts) if parts else "any message"
