"""The line codec (docs/protocol.md section 5): frames end with a delimiter.

    +-------------------------------------+-------------+
    | line: 0 to max_line_length bytes    | delimiter   |   stripped on receive, appended on send
    +-------------------------------------+-------------+
"""

from .codec import PAYLOAD_TYPES, Codec, is_int
from .errors import CodecConfigError, EncodeError, StreamError
from .streamdecoder import StreamDecoder

DEFAULT_MAX_LINE_LENGTH = 64 * 1024


class LineCodec(Codec):
    """Lines ended by `delimiter` (bytes, not empty), of at most `max_line_length` bytes before it."""

    kind = "line"

    def __init__(self, delimiter=b"\n", max_line_length=DEFAULT_MAX_LINE_LENGTH, payload="text"):
        if not isinstance(delimiter, (bytes, bytearray)):
            raise TypeError("the line delimiter is bytes (codec_from_json() reads escapes like \\r\\n)")
        # The checks and words of CodecConfig::validate(), in its order.
        if not delimiter:
            raise CodecConfigError("the line delimiter must not be empty")
        if not is_int(max_line_length) or max_line_length < 1:
            raise CodecConfigError("max line length must be at least 1")
        if payload not in PAYLOAD_TYPES:
            raise CodecConfigError("payload type must be binary, text or json")
        self.delimiter = bytes(delimiter)
        self.max_line_length = max_line_length
        self.payload = payload

    def encode(self, message):
        """The payload, then the delimiter; a payload that holds the delimiter goes out as it is.

        The peer then sees several lines, which lets a test bench probe its line handling.
        """
        if len(message.payload) > self.max_line_length:
            raise EncodeError(f"a line of {len(message.payload)} bytes exceeds the maximum of {self.max_line_length}")
        return b"".join((message.payload, self.delimiter))

    def decoder(self):
        return LineDecoder(self)

    def _parameters(self):
        return {"delimiter": self.delimiter, "max_line_length": self.max_line_length, "payload": self.payload}


class LineDecoder(StreamDecoder):
    """Ends a line at the first delimiter; LineTooLong as soon as no delimiter can end it in time."""

    def __init__(self, codec):
        super().__init__()
        self._delimiter = codec.delimiter
        self._max = codec.max_line_length
        self._type = codec.payload
        self._scanned = 0  # bytes after _pos already searched: a slow line is not searched again

    def _next(self):
        buffer, start, delimiter = self._buffer, self._pos, self._delimiter
        available = len(buffer) - start
        # A delimiter starting beyond the maximum ends a line that is too long: never search further.
        window_end = start + min(available, self._max + len(delimiter))
        line_end = buffer.find(delimiter, start + self._scanned, window_end)
        if line_end < 0:
            # Exactly the maximum plus the first bytes of a delimiter is still a good line.
            if available - self._partial_delimiter_at_end() > self._max:
                raise StreamError("LineTooLong", self._too_long())
            # The last len(delimiter) - 1 bytes may begin a delimiter the next chunk completes.
            self._scanned = max(0, available - (len(delimiter) - 1))
            return None
        self._scanned = 0
        if line_end - start > self._max:
            raise StreamError("LineTooLong", self._too_long())
        return self._message(self._type, bytes(buffer[start:line_end]), start, line_end + len(delimiter))

    def _partial_delimiter_at_end(self):
        """How many bytes at the buffer's end could be the start of a delimiter still arriving."""
        buffer, delimiter = self._buffer, self._delimiter
        for size in range(min(len(delimiter) - 1, len(buffer) - self._pos), 0, -1):
            if buffer[len(buffer) - size:] == delimiter[:size]:
                return size
        return 0

    def _too_long(self):
        return f"no delimiter within the maximum line length of {self._max} bytes"
