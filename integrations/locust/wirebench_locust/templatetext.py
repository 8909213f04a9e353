"""A string with placeholders, parsed once and rendered per send: port of TemplateText.

    {{1}}..{{9}}      a group of a rule's regular expression
    {{json:/ptr}}     a value in the message's JSON (a string as it is, anything else as JSON text)
    {{channel}} {{id}} {{text}} {{hex}}   of the message
    {{conn}} {{peer}} {{seq}}             of the connection
    {{now}}           ms since the epoch
    {{random:A-B}}    an integer from A to B, both included

"{{" that does not open one of these is an error, so a typo is reported when the
file is read instead of sent to a peer. What is missing renders as "".
"""

import random
import re
import time
from dataclasses import dataclass
from typing import Any, Sequence

from . import jsonpointer
from .facts import MessageFacts
from .jsonvalue import MISSING, compact, is_number

REPLY = "reply"  # a reply has a message and a connection
SEND = "send"  # a send of its own has neither: only {{seq}}, {{now}} and {{random:A-B}}

_SIMPLE = ("channel", "id", "text", "hex", "conn", "peer", "seq", "now")
_RANGE = re.compile(r"(-?[0-9]{1,15})-(-?[0-9]{1,15})")


class TemplateError(ValueError):
    """A placeholder that is not known, or not known where it is."""


@dataclass
class TemplateContext:
    """What placeholders are filled from. A scenario's send has no message: seq and peer only."""

    message: Any = None  # a Message or MessageFacts: the one answered; None for a send
    groups: Sequence[str] = ()
    connection: int = 0
    peer: str = ""  # "HOST:PORT"
    seq: int = 0


def as_text(value):
    """A JSON value as a template shows it: a string as it is, anything else as compact JSON."""
    if isinstance(value, str):
        return value
    if is_number(value):
        number = float(value)
        if number == int(number) and abs(number) < 9007199254740992.0:
            return str(int(number))
        return format(number, ".17g")
    return compact(value)


class TemplateText:
    def __init__(self, pieces):
        self._pieces = pieces  # (kind, text or pointer, low, high); kind "literal" for plain text

    @staticmethod
    def has_placeholders(text):
        return "{{" in text

    @classmethod
    def literal(cls, text):
        """A text with no placeholders: text as it is, braces and all."""
        return cls([("literal", text, 0, 0)])

    @classmethod
    def parse(cls, text, scope=REPLY):
        """The template text; raises TemplateError naming the placeholder that is wrong in scope."""
        pieces, literal, at = [], "", 0
        while at < len(text):
            opening = text.find("{{", at)
            if opening < 0:
                literal += text[at:]
                break
            literal += text[at:opening]
            closing = text.find("}}", opening + 2)
            if closing < 0:
                raise TemplateError(f'"{{{{" without a closing "}}}}" in "{text}"')
            name = text[opening + 2:closing].strip()
            piece = cls._placeholder(name, scope)
            if scope == SEND and piece[0] not in ("seq", "now", "random"):
                raise TemplateError(f"{{{{{name}}}}} means nothing here: a send has no message or connection to "
                                    "take it from; use {{seq}}, {{now}} or {{random:A-B}}")
            if literal:
                pieces.append(("literal", literal, 0, 0))
                literal = ""
            pieces.append(piece)
            at = closing + 2
        if literal or not pieces:
            pieces.append(("literal", literal, 0, 0))
        return cls(pieces)

    @staticmethod
    def _placeholder(name, scope):
        if name in _SIMPLE:
            return (name, "", 0, 0)
        if len(name) == 1 and "1" <= name <= "9":
            return ("group", "", int(name), 0)
        if name.startswith("json:"):
            why = jsonpointer.validate(name[5:])
            if why:
                raise TemplateError(f"{{{{{name}}}}}: {why}")
            return ("json", name[5:], 0, 0)
        if name.startswith("random:"):
            match = _RANGE.fullmatch(name[7:])
            if not match or int(match.group(1)) > int(match.group(2)):
                raise TemplateError(f"{{{{{name}}}}}: a range is written A-B with integers A <= B, "
                                    "e.g. {{random:1-100}}")
            return ("random", "", int(match.group(1)), int(match.group(2)))
        if scope == SEND:
            raise TemplateError(f"unknown template {{{{{name}}}}}: use {{{{seq}}}}, {{{{now}}}} or {{{{random:A-B}}}}")
        raise TemplateError(f"unknown template {{{{{name}}}}}: use {{{{1}}}}..{{{{9}}}}, {{{{json:/pointer}}}}, "
                            "{{channel}}, {{id}}, {{text}}, {{hex}}, {{conn}}, {{peer}}, {{seq}}, {{now}} "
                            "or {{random:A-B}}")

    def is_plain(self):
        return len(self._pieces) == 1 and self._pieces[0][0] == "literal"

    def is_whole(self, kind):
        """Whether the whole text is one placeholder of kind ("hex", "text", "json", ...)."""
        return len(self._pieces) == 1 and self._pieces[0][0] == kind

    def uses_connection_state(self):
        return any(piece[0] in ("seq", "peer") for piece in self._pieces)

    def render(self, context):
        return "".join(self._render_piece(piece, context) for piece in self._pieces)

    def render_typed_json(self, context):
        """When the whole text is one {{json:/ptr}}: the value it names, typed; else MISSING."""
        facts = MessageFacts.of(context.message)
        if not self.is_whole("json") or facts is None or not facts.has_json():
            return MISSING
        return jsonpointer.resolve(facts.json, self._pieces[0][1])

    @staticmethod
    def _render_piece(piece, context):
        kind, text, low, high = piece
        facts = MessageFacts.of(context.message)
        if kind == "literal":
            return text
        if kind == "group":
            return context.groups[low] if low < len(context.groups) else ""
        if kind == "json":
            value = jsonpointer.resolve(facts.json, text) if facts is not None and facts.has_json() else MISSING
            return "" if value is MISSING else as_text(value)
        if kind in ("channel", "id", "text", "hex"):
            return "" if facts is None else str(getattr(facts, kind))
        if kind == "conn":
            return str(context.connection)
        if kind == "peer":
            return context.peer
        if kind == "seq":
            return str(context.seq)
        if kind == "now":
            return str(time.time_ns() // 1_000_000)
        return str(random.randint(low, high))
