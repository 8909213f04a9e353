"""What a receiver checks in a payload (docs/protocol.md section 1), as netcore's validatePayload().

payload_problem() gives the frame error for a payload that is not what its
type promises, with netcore's words; None when it is. Binary is never
checked.
"""

from .cborreader import CborError, read_item
from .jsonpayload import read_document
from .qtjsonreader import QtJsonError

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
    try:
        read_document(payload)
    except QtJsonError as error:
        return str(error)
    return None


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

