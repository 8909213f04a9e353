"""The envelope codec, envelope version 1 (docs/protocol.md section 3): type, channel, id, payload.

    offset  0               1               2               3
          +---------------+---------------+---------------+---------------+
        0 |         N: length (u32), the bytes that follow this field     |
          +---------------+---------------+---------------+---------------+
        4 |   type (u8)   | version (u8)  |    C: channel length (u16)    |
          +---------------+---------------+---------------+---------------+
        8 |                            id (u32)                           |
          +---------------+---------------+---------------+---------------+
       12 |  channel name: C bytes of UTF-8, then the payload: N - 8 - C  |
          +---------------------------------------------------------------+
"""

import struct

from .codec import DEFAULT_MAX_FRAME_SIZE, Codec, is_int
from .errors import CodecConfigError, EncodeError, StreamError
from .message import MESSAGE_TYPES
from .payloadcheck import text_problem
from .qtutf8 import encode_utf8
from .streamdecoder import StreamDecoder

VERSION = 1
_LENGTH_SIZE = 4   # N itself, not counted in N
_HEADER_SIZE = 8   # type, version, C, id: counted in N
_MAX_CHANNEL_SIZE = 0xFFFF
_HEADER = struct.Struct(">IBBHI")


class EnvelopeCodec(Codec):
    """netcore's own format; `max_frame_size` is the largest N accepted and sent (8 to 4294967295)."""

    kind = "envelope"

    def __init__(self, max_frame_size=DEFAULT_MAX_FRAME_SIZE):
        if not is_int(max_frame_size) or not 8 <= max_frame_size <= 0xFFFFFFFF:
            raise CodecConfigError("max frame size must be between 8 and 4294967295 bytes")
        self.max_frame_size = max_frame_size

    def encode(self, message):
        """All four fields; MessageTooLarge for a channel above 65535 bytes or N above the maximum.

        The payload is not checked against the type: a test bench sends malformed frames on purpose.
        """
        channel = encode_utf8(message.channel)
        n = _HEADER_SIZE + len(channel) + len(message.payload)
        if len(channel) > _MAX_CHANNEL_SIZE:
            raise EncodeError(f"channel name is {len(channel)} bytes; "
                              f"the envelope carries at most {_MAX_CHANNEL_SIZE}")
        if n > self.max_frame_size:
            raise EncodeError(f"frame length {n} exceeds the maximum of {self.max_frame_size}")
        header = _HEADER.pack(n, MESSAGE_TYPES.index(message.type), VERSION, len(channel), message.id)
        return b"".join((header, channel, message.payload))

    def decoder(self):
        return EnvelopeDecoder(self.max_frame_size)

    def _parameters(self):
        return {"max_frame_size": self.max_frame_size}


class EnvelopeDecoder(StreamDecoder):
    """Checks N with its own 4 bytes and version and C with the first 12, before the rest arrives."""

    def __init__(self, max_frame_size):
        super().__init__()
        self._max_frame_size = max_frame_size

    def _next(self):
        buffer, start = self._buffer, self._pos
        available = len(buffer) - start
        if available < _LENGTH_SIZE:
            return None
        n = int.from_bytes(buffer[start:start + _LENGTH_SIZE], "big")
        if n < _HEADER_SIZE:
            raise StreamError("FrameTooShort", f"frame length {n} is shorter than the 8-byte header")
        if n > self._max_frame_size:
            raise StreamError("FrameTooLarge", f"frame length {n} exceeds the maximum of {self._max_frame_size}")
        if available < _LENGTH_SIZE + _HEADER_SIZE:
            return None
        _, type_value, version, channel_size, id_ = _HEADER.unpack_from(buffer, start)
        if version != VERSION:
            raise StreamError("UnsupportedVersion", f"envelope version {version} is not supported (expected 1)")
        if channel_size > n - _HEADER_SIZE:
            raise StreamError("ChannelTooLong", f"channel length {channel_size} exceeds the frame's "
                                                f"{n - _HEADER_SIZE} bytes after the header")
        end = start + _LENGTH_SIZE + n
        if len(buffer) < end:
            return None

        channel_start = start + _LENGTH_SIZE + _HEADER_SIZE
        channel = bytes(buffer[channel_start:channel_start + channel_size])
        if type_value >= len(MESSAGE_TYPES):
            return self._frame_error("UnknownMessageType", f"unknown message type {type_value}", start, end)
        if channel and text_problem(channel) is not None:
            return self._frame_error("InvalidChannelName", "channel name is not valid UTF-8", start, end)
        payload = bytes(buffer[channel_start + channel_size:end])
        return self._message(MESSAGE_TYPES[type_value], payload, start, end, channel.decode("utf-8"), id_)
