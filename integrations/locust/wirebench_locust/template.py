"""One message to send as rules and scenarios write it: port of ReplyTemplate.

    {"channel"?: "...", "id"?: N, "text" | "json" | "hex" | "cbor": ...}

with exactly one payload key: text (a string, sent as text), json (an object or
array, sent as json), hex (bytes, sent as binary) or cbor (any JSON value, one
CBOR item). Channel and id default to the answered message's (none for a
scenario's send: "" and 0). Every string may hold placeholders (templatetext);
a string in json or cbor that is one whole {{json:/ptr}} takes that value with
its type. A scenario's send reads them as the C++ does, in the scope of a
reply: every placeholder parses, and those with nothing to take from render ""
({{channel}} {{id}} {{text}} {{hex}} {{json:..}} {{1}}..{{9}}), {{conn}} "0".
"""

from . import cbor
from .escapes import parse_spaced_hex
from .facts import MessageFacts
from .jsonvalue import MISSING, compact, is_number, normalized
from .message import Message
from .problem import JsonProblem
from .qtinteger import to_long_long
from .qtutf16 import utf16_left
from .qtutf8 import encode_utf8
from .templatetext import REPLY, TemplateContext, TemplateError, TemplateText

PAYLOAD_KEYS = ("text", "json", "hex", "cbor")
_MESSAGE_TYPE_OF = {"text": "text", "json": "json", "hex": "binary", "cbor": "cbor"}  # by payload key


class RenderError(ValueError):
    """What the placeholders made cannot be sent: a hex that is not hex, an id that is not a number."""


def _is_valid_id(number):
    return 0 <= number <= 0xFFFFFFFF and number == int(number)


class ReplyTemplate:
    def __init__(self):
        self.payload_key = "text"
        self.body = ""  # the payload key's value as written
        self.channel = None  # None: the answered message's
        self.id = None  # None: the answered message's; else an int, or a template string
        self._templates = {}  # every string with placeholders, parsed, by its text

    @classmethod
    def from_json(cls, reply, literal=False):
        """The reply written as reply; raises JsonProblem (its path relative to reply).

        literal: strings are sent as they are, braces and all (a script's replies).
        """
        if not isinstance(reply, dict):
            raise JsonProblem("", 'a reply is an object: {"channel"?, "id"?, and one of "text", "json", "hex", '
                                  '"cbor"}')
        parsed = cls()
        payloads = []
        for key in sorted(reply):
            value = reply[key]
            if key == "channel":
                if not isinstance(value, str):
                    raise JsonProblem(JsonProblem.key(key), '"channel" must be a string')
                parsed.channel = value
            elif key == "id":
                if not (is_number(value) and _is_valid_id(value)) and not (isinstance(value, str) and not literal):
                    raise JsonProblem(JsonProblem.key(key), '"id" must be an integer from 0 to 4294967295')
                parsed.id = int(value) if is_number(value) else value
            elif key in PAYLOAD_KEYS:
                payloads.append(key)
                parsed.payload_key, parsed.body = key, value
                if key in ("text", "hex") and not isinstance(value, str):
                    raise JsonProblem(JsonProblem.key(key), f'"{key}" must be a string')
                if key == "json" and not isinstance(value, (dict, list)):
                    raise JsonProblem(JsonProblem.key(key),
                                      '"json" must be an object or an array (what a json message holds)')
            else:
                raise JsonProblem(JsonProblem.key(key), f'unknown reply key "{key}": a reply has "channel", "id" '
                                                        'and one of "text", "json", "hex", "cbor"')
        if len(payloads) != 1:
            raise JsonProblem("", 'a reply needs one of "text", "json", "hex" or "cbor"' if not payloads else
                              f"a reply has exactly one payload key, this one has {', '.join(payloads)}")
        if not literal:
            parsed._parse_strings(reply, "")
        if parsed.payload_key == "hex" and parsed.body not in parsed._templates:
            if parse_spaced_hex(parsed.body) is None:
                raise JsonProblem(JsonProblem.key("hex"), f'"{parsed.body}" is not hex: pairs of 0-9 a-f')
        return parsed

    def _parse_strings(self, value, path):
        if isinstance(value, str):
            if TemplateText.has_placeholders(value) and value not in self._templates:
                try:
                    self._templates[value] = TemplateText.parse(value, REPLY)
                except TemplateError as error:
                    raise JsonProblem(path, str(error)) from None
        elif isinstance(value, dict):
            for key in sorted(value):
                self._parse_strings(value[key], path + JsonProblem.key(key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self._parse_strings(item, path + JsonProblem.index(index))

    def _text(self, text):
        return self._templates.get(text) or TemplateText.literal(text)

    def uses_connection_state(self):
        """Whether rendering needs the connection's {{seq}} or {{peer}}."""
        return any(text.uses_connection_state() for text in self._templates.values())

    def render(self, context=None):
        """The Message to send; raises RenderError when the placeholders made something unsendable."""
        context = context or TemplateContext()
        facts = MessageFacts.of(context.message)
        if facts is not context.message:  # worked out once, for every placeholder
            context = TemplateContext(facts, context.groups, context.connection, context.peer, context.seq)
        answering = context.message
        if self.channel is not None:
            channel = self._text(self.channel).render(context)
        else:
            channel = answering.channel if answering is not None else ""
        if self.id is None:
            message_id = answering.id if answering is not None else 0
        elif isinstance(self.id, int):
            message_id = self.id
        else:
            rendered = self._text(self.id).render(context)
            message_id = to_long_long(rendered)
            if message_id is None or not _is_valid_id(message_id):
                raise RenderError(f'the id "{rendered}" is not an integer from 0 to 4294967295')
        return Message(_MESSAGE_TYPE_OF[self.payload_key], self._payload(context), channel, message_id)

    def _payload(self, context):
        if self.payload_key == "text":
            return encode_utf8(self._text(self.body).render(context))
        if self.payload_key == "hex":
            body = self._text(self.body)
            if body.is_whole("hex") and context.message is not None:
                return context.message.payload  # {{hex}} alone: the bytes as they are
            rendered = body.render(context)
            data = parse_spaced_hex(rendered)
            if data is None:
                raise RenderError(f'the hex reply "{utf16_left(rendered, 200)}" is not hex: pairs of 0-9 a-f')
            return data
        value = self._render_json(self.body, context)
        if self.payload_key == "json":
            return encode_utf8(compact(value))
        return cbor.encode(normalized(value))  # 1.0 is the integer 1, as QJsonValue holds it

    def _render_json(self, value, context):
        if isinstance(value, str):
            text = self._templates.get(value)
            if text is None:
                return value
            typed = text.render_typed_json(context)
            return text.render(context) if typed is MISSING else typed
        if isinstance(value, dict):
            return {key: self._render_json(item, context) for key, item in value.items()}
        if isinstance(value, list):
            return [self._render_json(item, context) for item in value]
        return value
