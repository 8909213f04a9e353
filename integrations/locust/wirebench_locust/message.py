"""A message of docs/protocol.md, section 1: type, channel, id and payload."""

from dataclasses import dataclass

# The envelope's type byte is the index in this tuple.
MESSAGE_TYPES = ("binary", "text", "json", "cbor")


@dataclass(frozen=True)
class Message:
    """One message as a codec delivers or sends it.

    Codecs other than the envelope carry the payload only: they deliver
    channel "" and id 0, and ignore both (and the type) on send.
    """

    type: str
    payload: bytes
    channel: str = ""
    id: int = 0

    def __post_init__(self):
        if self.type not in MESSAGE_TYPES:
            raise ValueError(f"unknown message type {self.type!r}: one of {', '.join(MESSAGE_TYPES)}")
        if not isinstance(self.payload, (bytes, bytearray)):
            raise TypeError("a message's payload is bytes")
        if not 0 <= self.id <= 0xFFFFFFFF:
            raise ValueError(f"a message id is 0 to 4294967295, not {self.id}")

    @classmethod
    def text(cls, text, channel="", id=0):
        return cls("text", text.encode("utf-8"), channel, id)
