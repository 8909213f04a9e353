"""An integer written in text, as QString::toLongLong() reads it: the C++ checks this package ports call it."""

import re

from .jsonvalue import INT64_LIMIT, INT64_MIN

# ASCII white space around, a sign, decimal digits: wirebench-cli refuses "\u00a04" and "0x4".
_INTEGER = re.compile(r"[ \t\n\v\f\r]*[+-]?[0-9]+[ \t\n\v\f\r]*", re.ASCII)


def to_long_long(text):
    """The integer text holds, or None where Qt's `ok` would be false (a 64-bit overflow included)."""
    if not _INTEGER.fullmatch(text):
        return None
    number = int(text)
    return number if INT64_MIN <= number < INT64_LIMIT else None
