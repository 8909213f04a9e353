"""The part every framing decoder shares: a buffer, the feed loop, and the end at a stream error."""

from .errors import FrameError, StreamError
from .message import Message
from .payloadcheck import payload_problem


class StreamDecoder:
    """Bytes in, messages and frame errors out, for one stream; a codec's decoder() makes one.

    The buffer keeps a read offset instead of cutting each frame off its
    front; what is consumed goes at the end of each feed(), at once:

        _buffer: | consumed ... | unread bytes ...................... |
                 0            _pos                          len(_buffer)

    Subclasses implement _next(), which reads at most one frame at _pos.
    """

    def __init__(self):
        self._buffer = bytearray()
        self._pos = 0
        self._stream_error = None

    @property
    def stream_error(self):
        """The StreamError that ended this stream, or None."""
        return self._stream_error

    def feed(self, data):
        """Everything that `data` completes, in order: Message and FrameError objects.

        Raises StreamError when the framing breaks; its `decoded` attribute
        holds what this call decoded before it, for the caller to deliver
        first. After that, every call raises a StreamError again.
        """
        if self._stream_error is not None:
            raise StreamError(self._stream_error.code, "nothing is read after the stream error "
                                                       f"({self._stream_error})")
        self._buffer += data
        decoded = []
        try:
            while True:
                item = self._next()
                if item is None:
                    break
                decoded.append(item)
        except StreamError as error:
            error.decoded = decoded
            self._stream_error = error
            self._buffer = bytearray()
            self._pos = 0
            raise
        if self._pos:
            del self._buffer[:self._pos]  # cheap: CPython moves the bytearray's start
            self._pos = 0
        return decoded

    @property
    def buffered(self):
        """Bytes received and not yet part of a whole frame."""
        return len(self._buffer) - self._pos

    def _next(self):
        """Reads one frame at _pos and moves _pos past it: a Message, a FrameError, or None for more."""
        raise NotImplementedError

    def _message(self, type, payload, start, end, channel="", id=0):
        """The frame at [start, end) as a Message, or its frame error if the payload breaks the promise of its type."""
        problem = payload_problem(type, payload)
        if problem is not None:
            return self._frame_error(*problem, start, end)
        self._pos = end
        return Message(type, payload, channel, id)

    def _frame_error(self, code, why, start, end):
        """The error of a bad frame at [start, end), which is dropped: only its first 4096 bytes stay."""
        raw = bytes(self._buffer[start:min(end, start + FrameError.RAW_LIMIT)])
        self._pos = end
        return FrameError(code, why, raw)
