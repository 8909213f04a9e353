"""The raw codec (docs/protocol.md section 6): no framing, for poking at any protocol."""

from .codec import Codec
from .message import Message
from .streamdecoder import StreamDecoder

READ_SIZE = 64 * 1024  # netcore's largest read, so its largest raw message


class RawCodec(Codec):
    """Sends the payload as it is (whatever the type, channel and id); receives bytes as they come."""

    kind = "raw"

    def encode(self, message):
        """The payload's bytes; an empty payload writes nothing."""
        return bytes(message.payload)

    def decoder(self):
        return RawDecoder()


class RawDecoder(StreamDecoder):
    """Each chunk fed is one binary message (64 KiB at most, as netcore's reads): nothing can be wrong.

    The boundaries mean nothing: TCP and the reads cut the stream wherever they like.
    """

    def feed(self, data):
        data = bytes(data)
        return [Message("binary", data[start:start + READ_SIZE]) for start in range(0, len(data), READ_SIZE)]

    def _next(self):
        return None
