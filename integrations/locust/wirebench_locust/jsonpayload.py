"""The document a json payload holds, as Qt reads it, by the fastest way that gives Qt's verdict.

Python's C parser reads most payloads many times faster than the port of
Qt's parser (qtjsonreader), so it goes first, limited to what Qt also
accepts: what Python refuses and Qt takes (unknown escapes such as "\\q",
"1.", lone bytes after a backslash) falls through to the port, and what
Python takes and Qt refuses is refused here: NaN and Infinity, numbers a
double cannot hold, a scalar top level, nesting deeper than Qt's limit.
Either way the value is the same, as qtjsonreader builds it.
"""

import json
import operator

from .jsonvalue import MISSING
from .qtjsonreader import NESTING_LIMIT, QtJsonError, QtJsonReader, json_number


def read_document(payload):
    """The object or array `payload` (bytes) holds; QtJsonError with Qt's words and offset if none."""
    document = _python_document(payload)
    if document is None:
        document = QtJsonReader(payload).read()
    return document


def parse_document(payload):
    """The object or array `payload` holds, or MISSING where Qt finds none."""
    try:
        return read_document(payload)
    except QtJsonError:
        return MISSING


def _python_document(payload):
    """The fast path: Python's reading where it is Qt's, else None (the port decides)."""
    if payload.count(b"[") + payload.count(b"{") > NESTING_LIMIT:
        return None
    try:
        # utf-8-sig: Qt too skips a byte order mark in front of a document.
        document = json.loads(bytes(payload).decode("utf-8-sig"), strict=False, parse_constant=_refuse,
                              parse_float=_qt_number, parse_int=_qt_number, object_pairs_hook=_qt_object)
    except (ValueError, RecursionError):
        return None
    return document if isinstance(document, (dict, list)) else None


def _refuse(constant):
    raise ValueError(f"{constant} is not JSON")


def _qt_number(text):
    value = json_number(text)
    if value is None:
        raise ValueError(f"Qt refuses the number {text}")
    return value


_KEY = operator.itemgetter(0)


def _qt_object(pairs):
    # QJsonObject's order, by key; the sort is stable, so a repeated key keeps its last value.
    return dict(sorted(pairs, key=_KEY))
