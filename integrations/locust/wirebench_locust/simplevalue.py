"""CBOR simple values that Python has no type for (RFC 8949 section 3.3)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SimpleValue:
    """Simple value `value` (0 to 255); false, true and null decode to Python's own."""

    value: int

    def __post_init__(self):
        if not 0 <= self.value <= 255:
            raise ValueError(f"a CBOR simple value is 0 to 255, not {self.value}")

    def __repr__(self):
        return "undefined" if self.value == 23 else f"simple({self.value})"


UNDEFINED = SimpleValue(23)
