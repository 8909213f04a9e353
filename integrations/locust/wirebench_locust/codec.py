"""What every codec offers: one framing with its parameters, for either direction."""


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
