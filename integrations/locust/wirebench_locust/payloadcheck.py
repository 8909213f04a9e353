"""What a receiver checks in a payload (docs/protocol.md section 1), as netcore's validatePayload().

payload_problem() gives the frame error for a payload that is not what its
type promises, with netcore's words; None when it is. Binary is never
checked.
"""

import json

from .cborreader import CborError, read_item
from .qtjsonsyntax import NESTING_LIMIT, json_syntax_problem, qt_accepts_number

_CODES = {"text": "InvalidText", "json": "InvalidJson", "cbor": "InvalidCbor"}


def payload_problem(type, payload):
    """(ErrorCode, why) if `payload` (bytes) breaks the promise of message type `type`, else None."""
    if type == "binary":
        return None
    check = _CHECKS.get(type)
    if check is None:
        return "UnknownMessageType", f"unknown message type {type}"
    why = check(payload)
    return None if why is None else (_CODES[type], why)


def text_problem(payload):
    """Well-formed UTF-8, as Qt's stateless decoder and Python's strict one read it: NUL is fine."""
    if payload.isascii():
        return None
    try:
        payload.decode("utf-8")
    except UnicodeDecodeError:
        return "text is not valid UTF-8"
    return None


def json_problem(payload):
    """A JSON object or array that Qt's parser takes, white space around it allowed."""
    if _python_accepts_json(payload):
        return None
    return json_syntax_problem(payload)


def cbor_problem(payload):
    """Exactly one well-formed CBOR item, as Qt's QCborValue::fromCbor() reads it."""
    try:
        _, end = read_item(payload)
    except CborError as error:
        return str(error)
    if end != len(payload):
        return f"cbor has {len(payload) - end} bytes after its first item"
    return None


_CHECKS = {"text": text_problem, "json": json_problem, "cbor": cbor_problem}


def _python_accepts_json(payload):
    """The fast path: Python's C parser, limited to what Qt's parser also accepts.

    Python refuses things Qt takes (control characters in strings, unknown
    escapes, "1."): those fall through to the exact port. What Python takes
    and Qt does not is refused here: NaN and Infinity, numbers a double
    cannot hold, a scalar top level, nesting deeper than Qt's limit.
    """
    if payload.count(b"[") + payload.count(b"{") > NESTING_LIMIT:
        return False
    try:
        document = json.loads(payload.decode("utf-8"), parse_constant=_refuse,
                              parse_float=_number_qt_accepts, parse_int=_integer_qt_accepts)
    except (ValueError, RecursionError):
        return False
    return isinstance(document, (dict, list))


def _refuse(constant):
    raise ValueError(constant)


def _number_qt_accepts(text):
    if not qt_accepts_number(text):
        raise ValueError(text)
    return None  # only the verdict matters


def _integer_qt_accepts(text):
    # Up to 300 digits a double holds any integer; beyond, Qt's toDouble() may overflow.
    if len(text) > 300 and not qt_accepts_number(text):
        raise ValueError(text)
    return None
