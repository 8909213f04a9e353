"""What every codec offers: one framing with its parameters, for either direction."""

# What a codec without a type field (length, line) may be set to carry.
PAYLOAD_TYPES = ("binary", "text", "json")
# CodecConfig::defaultMaxFrameSize: the largest frame the envelope and length codecs take and send.
DEFAULT_MAX_FRAME_SIZE = 16 * 1024 * 1024


def is_int(value):
    """An integer parameter: bool is an int to Python, not to a codec's parameters."""
    return isinstance(value, int) and not isinstance(value, bool)


class Codec:
    """Turns messages into bytes (encode) and bytes into messages (decoder); no socket.

    A codec holds only its parameters, so one instance serves any number of
    connections; each stream needs a decoder() of its own.
    """

    #: "envelope", "length", "line" or "raw": the codec's name in files and on the CLI.
    kind = ""

    def encode(self, message):
        """The bytes of `message` on the wire; EncodeError if the codec cannot frame it."""
        raise NotImplementedError

    def decoder(self):
        """A fresh StreamDecoder for one stream."""
        raise NotImplementedError

    def _parameters(self):
        return {}

    def __eq__(self, other):
        return type(self) is type(other) and self._parameters() == other._parameters()

    def __hash__(self):
        return hash((type(self), tuple(sorted(self._parameters().items()))))

    def __repr__(self):
        arguments = ", ".join(f"{name}={value!r}" for name, value in self._parameters().items())
        return f"{type(self).__name__}({arguments})"
