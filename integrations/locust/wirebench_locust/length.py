"""The length codec (docs/protocol.md section 4): a length field in front of each frame, Netty-style.

    +---------------------+-----------------------+----------------------------------+
    | offset bytes        | the length field      | field value + adjust bytes       |
    | (zero on send)      | `length` bytes        |                                  |
    +---------------------+-----------------------+----------------------------------+
    |<------------------------------ frameLength ----------------------------------->|
    |<----------- strip ------------->|<------------- the payload on receive ------->|

    frameLength = field value + adjust + offset + length

The parameters are Netty's LengthFieldBasedFrameDecoder's: `offset` is
lengthFieldOffset, `length` lengthFieldLength, `adjust` lengthAdjustment,
`strip` initialBytesToStrip, `order` the field's byte order and
`max_frame_size` maxFrameLength (the whole frame, header included).
"""

from .codec import DEFAULT_MAX_FRAME_SIZE, PAYLOAD_TYPES, Codec, is_int
from .errors import CodecConfigError, EncodeError, StreamError
from .streamdecoder import StreamDecoder

FIELD_SIZES = (1, 2, 3, 4, 8)
_LARGEST_LENGTH = (1 << 63) - 1  # frame sizes are signed 64-bit in netcore


class LengthCodec(Codec):
    """A `length`-byte unsigned field at `offset`; `strip` None strips the header (offset + length)."""

    kind = "length"

    def __init__(self, offset=0, length=4, adjust=0, strip=None, order="big", payload="binary",
                 max_frame_size=DEFAULT_MAX_FRAME_SIZE):
        # The checks and words of CodecConfig::validate(), in its order.
        if not is_int(length) or length not in FIELD_SIZES:
            raise CodecConfigError("length field length must be 1, 2, 3, 4 or 8 bytes")
        if not is_int(offset) or not 0 <= offset <= 65535:
            raise CodecConfigError("length field offset must be between 0 and 65535")
        if strip is not None and (not is_int(strip) or strip < 0):
            raise CodecConfigError("bytes to strip must not be negative")
        if not is_int(adjust) or not -0x7FFFFFFF <= adjust <= 0x7FFFFFFF:
            raise CodecConfigError("length adjustment is out of range")
        if not is_int(max_frame_size) or max_frame_size < offset + length:
            raise CodecConfigError("max frame size is smaller than the length field's end")
        if payload not in PAYLOAD_TYPES:
            raise CodecConfigError("payload type must be binary, text or json")
        if order not in ("big", "little"):
            raise CodecConfigError(f'byte order must be big or little, not "{order}"')
        self.offset, self.length, self.adjust, self.strip = offset, length, adjust, strip
        self.order, self.payload, self.max_frame_size = order, payload, max_frame_size

    @property
    def effective_strip(self):
        """The bytes stripped on receive, the default resolved."""
        return self.offset + self.length if self.strip is None else self.strip

    def encode(self, message):
        """`offset` zero bytes, the field (payload size - adjust), the payload: the bytes after the field.

        With the default strip the same parameters give the payload back;
        with another, the receiver sees the frame cut elsewhere.
        """
        payload = message.payload
        value = len(payload) - self.adjust
        largest = _LARGEST_LENGTH if self.length == 8 else (1 << (8 * self.length)) - 1
        if not 0 <= value <= largest:
            raise EncodeError(f"a payload of {len(payload)} bytes needs a length of {value}, "
                              f"which a {self.length}-byte field cannot carry")
        frame_size = self.offset + self.length + len(payload)
        if frame_size > self.max_frame_size:
            raise EncodeError(f"frame of {frame_size} bytes exceeds the maximum of {self.max_frame_size}")
        return b"".join((bytes(self.offset), value.to_bytes(self.length, self.order), payload))

    def decoder(self):
        return LengthDecoder(self)

    def _parameters(self):
        return {"offset": self.offset, "length": self.length, "adjust": self.adjust, "strip": self.strip,
                "order": self.order, "payload": self.payload, "max_frame_size": self.max_frame_size}


class LengthDecoder(StreamDecoder):
    """Judges frameLength as soon as the field is in, before the frame arrives."""

    def __init__(self, codec):
        super().__init__()
        self._field_start = codec.offset
        self._field_end = codec.offset + codec.length
        self._order = codec.order
        self._adjust = codec.adjust
        self._strip = codec.effective_strip
        self._type = codec.payload
        self._max_frame_size = codec.max_frame_size

    def _next(self):
        buffer, start = self._buffer, self._pos
        field_end = self._field_end
        if len(buffer) - start < field_end:
            return None
        field = int.from_bytes(buffer[start + self._field_start:start + field_end], self._order)
        frame_length = field + self._adjust + field_end
        overflow = field > _LARGEST_LENGTH or frame_length > _LARGEST_LENGTH
        if not overflow and frame_length < field_end:
            raise StreamError("FrameTooShort", f"frame length {frame_length} ends before the length field "
                                               f"({field_end} bytes)")
        if overflow or frame_length > self._max_frame_size:
            raise StreamError("FrameTooLarge", f"length field {field} gives a frame above the maximum of "
                                               f"{self._max_frame_size} bytes")
        end = start + frame_length
        if len(buffer) < end:
            return None
        if self._strip > frame_length:
            return self._frame_error("StripBeyondFrame",
                                     f"cannot strip {self._strip} bytes from a frame of {frame_length}", start, end)
        return self._message(self._type, bytes(buffer[start + self._strip:end]), start, end)
