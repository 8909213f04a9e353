"""What a matcher or a template may ask of one received message (MessageFacts).

Its payload as hex, as text and as a JSON value, each worked out once, when
first asked: a match on the channel alone decodes nothing.
"""

import base64
import math

from . import cbor
from .jsonpayload import parse_document
from .jsonvalue import MISSING, compact, qt_number

_NOT_YET = object()


def _base64url(data):
    return base64.urlsafe_b64encode(bytes(data)).rstrip(b"=").decode("ascii")


def _json_key(key):
    if isinstance(key, str):
        return key
    if isinstance(key, (bytes, bytearray)):
        return _base64url(key)
    converted = cbor_to_json(key)
    return converted if isinstance(converted, str) else compact(converted)


def cbor_to_json(value):
    """A decoded CBOR value as Qt's QCborValue::toJsonValue() gives it.

    Byte strings become base64url text, a tag is dropped for the value it tags,
    NaN, infinities, undefined and other simple values become null, and a map
    key that is not a string becomes its text.
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return qt_number(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (bytes, bytearray, memoryview)):
        return _base64url(value)
    if isinstance(value, (list, tuple)):
        return [cbor_to_json(item) for item in value]
    if isinstance(value, dict):
        return dict(sorted(((_json_key(key), cbor_to_json(item)) for key, item in value.items()), key=lambda kv: kv[0]))
    return None


def _decode_utf8(payload, strict):
    text = payload.decode("utf-8", "strict" if strict else "replace")
    return text[1:] if text.startswith("\ufeff") else text  # Qt's decoder drops a leading BOM


class MessageFacts:
    """One message (wirebench_locust.message.Message) with its derived forms, made when asked."""

    def __init__(self, message):
        self.message = message
        self._hex = None
        self._text = None
        self._json = _NOT_YET

    @classmethod
    def of(cls, message):
        """The facts of message (a Message), or message itself when it is MessageFacts already (or None)."""
        return message if message is None or isinstance(message, cls) else cls(message)

    @property
    def type(self):
        return self.message.type

    @property
    def channel(self):
        return self.message.channel

    @property
    def id(self):
        return self.message.id

    @property
    def payload(self):
        return bytes(self.message.payload)

    @property
    def size(self):
        return len(self.message.payload)

    @property
    def hex(self):
        """The payload in lower-case hex, no spaces."""
        if self._hex is None:
            self._hex = self.payload.hex()
        return self._hex

    def has_text(self):
        """Text and json messages, and binary ones that are valid UTF-8."""
        if self.type in ("text", "json"):
            return True
        if self.type != "binary":
            return False
        return self.text != "" or self.size == 0

    @property
    def text(self):
        """The payload as UTF-8 ("" when has_text() is false)."""
        if self._text is None:
            if self.type == "cbor":
                self._text = ""
            elif self.type == "binary":
                # Binary counts as text only when it decodes cleanly: a regex on garbage would mislead.
                try:
                    self._text = _decode_utf8(self.payload, strict=True)
                except UnicodeDecodeError:
                    self._text = ""
            else:
                self._text = _decode_utf8(self.payload, strict=False)
        return self._text

    def has_json(self):
        return self.json is not MISSING

    @property
    def json(self):
        """The value of a json or cbor payload, or MISSING."""
        if self._json is _NOT_YET:
            self._json = MISSING
            if self.type == "json":
                self._json = parse_document(self.payload)
            elif self.type == "cbor":
                try:
                    self._json = cbor_to_json(cbor.decode(self.payload))
                except Exception:  # not CBOR: the message simply has no JSON
                    self._json = MISSING
        return self._json
