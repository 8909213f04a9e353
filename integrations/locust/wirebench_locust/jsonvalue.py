"""JSON values as Qt's QJsonValue holds, compares and writes them.

Values are plain Python: dict, list, str, int, float, bool, None. Qt keeps a
number that is whole and fits 64 bits as an integer (1.0 is 1, -0.0 is 0),
compares an integer with a double as doubles, and writes a double in the
shorter of its decimal and exponent forms ("1e+20", "0.001", "1e-04").
"""

import decimal
import math
import re

INT64_MIN = -(2 ** 63)
INT64_LIMIT = 2 ** 63  # exclusive


class Missing:
    """No value at all (QJsonValue::Undefined): a pointer that names nothing."""

    def __repr__(self):
        return "MISSING"

    def __bool__(self):
        return False


MISSING = Missing()


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def qt_number(value):
    """value as Qt keeps a number: an int when whole and within 64 bits, else a float.

    An int beyond 64 bits is a double first: -2**63 - 1 rounds to -2**63, an integer again.
    """
    if isinstance(value, int):
        if INT64_MIN <= value < INT64_LIMIT:
            return value
        value = float(value)
    if math.isfinite(value) and value == int(value) and INT64_MIN <= value < INT64_LIMIT:
        return int(value)
    return value


def normalized(value):
    """value with every number as Qt keeps it (qt_number), for a value made in Python."""
    if is_number(value):
        return qt_number(value)
    if isinstance(value, dict):
        return {key: normalized(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [normalized(item) for item in value]
    return value


def equal(a, b):
    """QJsonValue's ==: 1 == 1.0, 1 != "1", true != 1; objects and arrays member by member."""
    if is_number(a) and is_number(b):
        if isinstance(a, int) and isinstance(b, int):
            return a == b
        return float(a) == float(b)
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return type(a) is type(b) and a == b
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(equal(a[key], b[key]) for key in a)
    return False


def _shortest(number):
    """A double as Qt writes it: the shortest digits, decimal unless the exponent form is shorter."""
    sign = "-" if number < 0 else ""
    digits_tuple = decimal.Decimal(repr(abs(number))).normalize().as_tuple()
    digits = "".join(map(str, digits_tuple.digits))
    point = len(digits) + digits_tuple.exponent  # value = 0.DIGITS x 10^point
    exponent = point - 1
    exponent_text = ("e-" if exponent < 0 else "e+") + f"{abs(exponent):02d}"
    exponent_extra = (1 if len(digits) > 1 else 0) + len(exponent_text)
    if point <= 0:
        decimal_extra = 2 - point
    elif point <= len(digits):
        decimal_extra = 0
    else:
        decimal_extra = point - len(digits)
    if decimal_extra <= exponent_extra:
        if point <= 0:
            return sign + "0." + "0" * -point + digits
        if point >= len(digits):
            return sign + digits + "0" * (point - len(digits))
        return sign + digits[:point] + "." + digits[point:]
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return sign + mantissa + exponent_text


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f]')
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _string(text):
    text = _NEEDS_ESCAPE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text)
    return '"' + _LONE_SURROGATE.sub("\ufffd", text) + '"'


def compact(value):
    """value as compact JSON text, as QJsonDocument::Compact writes it: keys sorted, no spaces."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return _string(value)
    if is_number(value):
        number = qt_number(value)
        if isinstance(number, int):
            return str(number)
        return _shortest(number) if math.isfinite(number) else "null"
    if isinstance(value, dict):
        return "{" + ",".join(_string(key) + ":" + compact(value[key]) for key in sorted(value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(compact(item) for item in value) + "]"
    raise TypeError(f"not a JSON value: {value!r}")

