"""RFC 6901 JSON Pointers, as JsonPointer reads them.

"/user/name", "/items/0", "" for the whole value; "~1" is "/" and "~0" is "~"
within a name. Values are those of jsonvalue (a cbor message's payload is
turned into one by facts.cbor_to_json first, as Qt's QCborValue::toJsonValue).
"""

from .jsonvalue import MISSING
from .qtinteger import to_long_long


def validate(pointer):
    """"" when pointer is a valid pointer, else why not (the C++ words)."""
    if pointer == "":
        return ""
    if not pointer.startswith("/"):
        return f'"{pointer}" is not a JSON Pointer: it must be empty or start with /'
    for i, c in enumerate(pointer):
        if c == "~" and (i + 1 >= len(pointer) or pointer[i + 1] not in "01"):
            return f'"{pointer}" is not a JSON Pointer: ~ must be followed by 0 or 1'
    return ""


def _unescaped(token):
    return token.replace("~1", "/").replace("~0", "~")


def steps(pointer):
    """A valid pointer's steps, escapes undone: "/a~1b/0" is ["a/b", "0"], "" is []."""
    return [] if pointer == "" else [_unescaped(token) for token in pointer[1:].split("/")]


def step(name):
    """The pointer step to the member name: "a/b" is "/a~1b"."""
    return "/" + name.replace("~", "~0").replace("/", "~1")


def _array_index(token, size):
    """The index token names in an array of size, or None; Qt takes " 1" and "+1", not "01"."""
    index = to_long_long(token)
    if index is None or (len(token) > 1 and token.startswith("0")):
        return None
    return index if 0 <= index < size else None


def resolve(root, pointer):
    """The value pointer names in root, or MISSING when there is none."""
    current = root
    for name in steps(pointer):
        if isinstance(current, dict):
            if name not in current:
                return MISSING
            current = current[name]
        elif isinstance(current, list):
            index = _array_index(name, len(current))
            if index is None:
                return MISSING
            current = current[index]
        else:
            return MISSING
    return current
