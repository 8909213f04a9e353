"""Private stand-ins for the modules another branch writes (cbor, codecs, connection).

install() puts one in place only where the package has none, so once the real
modules are merged the tests run against them and this file is unused. They do
just what these tests need: CBOR of plain values, codec_from_json() with the
C++ words for the mistakes the scenario tests make, the envelope codec, and a
blocking Connection with the API the runner programs against.
"""

import importlib.util
import socket
import struct
import sys
import time
import types

from wirebench_locust.errors import ConnectionClosed, EncodeError, FrameError, StreamError
from wirebench_locust.message import MESSAGE_TYPES, Message

# ---- cbor -----------------------------------------------------------------------------------


def _head(major, length):
    if length < 24:
        return bytes([major << 5 | length])
    for extra, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if length < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | extra]) + struct.pack(fmt, length)
    raise ValueError("too large for CBOR")


def cbor_encode(value):
    if value is None:
        return b"\xf6"
    if isinstance(value, bool):
        return b"\xf5" if value else b"\xf4"
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, (bytes, bytearray)):
        return _head(2, len(value)) + bytes(value)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(cbor_encode(item) for item in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(cbor_encode(k) + cbor_encode(value[k]) for k in sorted(value))
    raise TypeError(f"no CBOR for {value!r}")


def _decode_at(data, at):
    initial = data[at]
    major, info = initial >> 5, initial & 31
    at += 1
    if info < 24:
        length = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        length = int.from_bytes(data[at:at + size], "big")
        if major == 7 and info == 27:
            return struct.unpack(">d", data[at:at + 8])[0], at + 8
        if major == 7 and info == 26:
            return struct.unpack(">f", data[at:at + 4])[0], at + 4
        at += size
    else:
        raise ValueError("indefinite lengths are not in this stand-in")
    if major == 0:
        return length, at
    if major == 1:
        return -1 - length, at
    if major in (2, 3):
        chunk = data[at:at + length]
        if len(chunk) < length:
            raise ValueError("cut short")
        return (bytes(chunk) if major == 2 else chunk.decode("utf-8")), at + length
    if major == 4:
        items = []
        for _ in range(length):
            item, at = _decode_at(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = {}
        for _ in range(length):
            key, at = _decode_at(data, at)
            pairs[key], at = _decode_at(data, at)
        return pairs, at
    if major == 7:
        return {20: False, 21: True, 22: None, 23: None}.get(length), at
    raise ValueError("tags are not in this stand-in")


def cbor_decode(data):
    value, at = _decode_at(bytes(data), 0)
    if at != len(data):
        raise ValueError("bytes after the item")
    return value


# ---- codecs -------------------------------------------------------------------------------

_NAMES = ("codec", "length-bytes", "length-offset", "length-adjust", "strip", "byte-order", "payload",
          "delimiter", "max-frame")
_KINDS = {"length-bytes": ("length",), "length-offset": ("length",), "length-adjust": ("length",),
          "strip": ("length",), "byte-order": ("length",), "payload": ("length", "line"), "delimiter": ("line",),
          "max-frame": ("envelope", "length", "line")}
_RANGES = {"length-bytes": (1, 8), "length-offset": (0, 65535), "length-adjust": (-0x7FFFFFFF, 0x7FFFFFFF),
           "strip": (0, 65535 + 8), "max-frame": (1, 0xFFFFFFFF)}


class CodecConfigError(ValueError):
    def __init__(self, message, name=""):
        super().__init__(message)
        self.name = name


def _unescape_problem(text):
    i = 0
    while i < len(text):
        if text[i] == "\\":
            if i + 1 >= len(text):
                return f"trailing backslash at position {i}"
            if text[i + 1] == "x":
                if not all(c in "0123456789abcdefABCDEF" for c in text[i + 2:i + 4]) or len(text[i + 2:i + 4]) < 2:
                    return f"\\x at position {i} needs two hex digits"
                i += 2
            elif text[i + 1] not in "nrt0\\":
                return f"unknown escape \\{text[i + 1]} at position {i}"
            i += 2
        else:
            i += 1
    return ""


def codec_from_json(value):
    if isinstance(value, str):
        values = {"codec": value}
    elif isinstance(value, dict):
        values = {}
        for key, parameter in value.items():
            if isinstance(parameter, str):
                values[key] = parameter
            elif isinstance(parameter, (int, float)) and not isinstance(parameter, bool):
                values[key] = str(int(parameter)) if parameter == int(parameter) else format(parameter, "g")
            else:
                raise CodecConfigError(f'"{key}" must be a string or a number', key)
    else:
        raise CodecConfigError('"codec" is a codec\'s name ("line") or an object: '
                               '{"codec": "line", "delimiter": "\\\\r\\\\n"}')
    name = values.get("codec", "envelope")
    kind = "length" if name == "python-comms" else name
    if kind not in ("envelope", "length", "line", "raw"):
        raise CodecConfigError(f'unknown codec "{name}" (envelope, length, line, raw or python-comms)', "codec")
    for key in values:
        if key not in _NAMES:
            raise CodecConfigError(f'unknown codec parameter "{key}": there are {", ".join(_NAMES)}', key)
    for key in _NAMES:
        if key in values and key in _KINDS and kind not in _KINDS[key]:
            raise CodecConfigError(f'"{key}" does not apply to the codec "{name}"', key)
    for key, (low, high) in _RANGES.items():
        if key in values and not (values[key].lstrip("-").isdigit() and low <= int(values[key]) <= high):
            raise CodecConfigError(f'"{key}" must be an integer from {low} to {high}, not "{values[key]}"', key)
    if values.get("byte-order", "big") not in ("big", "little"):
        raise CodecConfigError(f'"byte-order" must be big or little, not "{values["byte-order"]}"', "byte-order")
    if "delimiter" in values and _unescape_problem(values["delimiter"]):
        raise CodecConfigError(f'"delimiter": {_unescape_problem(values["delimiter"])}', "delimiter")
    return EnvelopeCodec() if kind == "envelope" else types.SimpleNamespace(kind=kind)


class EnvelopeDecoder:
    def __init__(self):
        self.buffer = b""

    def feed(self, data):
        self.buffer += data
        out = []
        while len(self.buffer) >= 4:
            length = struct.unpack(">I", self.buffer[:4])[0]
            if length < 8:
                raise StreamError("FrameTooShort", f"frame length {length} is shorter than the 8-byte header")
            if len(self.buffer) < 4 + length:
                break
            body, self.buffer = self.buffer[4:4 + length], self.buffer[4 + length:]
            kind, _, name_length, message_id = struct.unpack(">BBHI", body[:8])
            if kind >= len(MESSAGE_TYPES):
                out.append(FrameError("UnknownMessageType", f"unknown message type {kind}", body))
                continue
            channel = body[8:8 + name_length].decode("utf-8")
            out.append(Message(MESSAGE_TYPES[kind], body[8 + name_length:], channel, message_id))
        return out


class EnvelopeCodec:
    def encode(self, message):
        name = message.channel.encode("utf-8")
        body = struct.pack(">BBHI", MESSAGE_TYPES.index(message.type), 1, len(name), message.id)
        body += name + bytes(message.payload)
        if len(body) > 16 * 1024 * 1024:
            raise EncodeError(f"frame length {len(body)} exceeds the maximum of {16 * 1024 * 1024}")
        return struct.pack(">I", len(body)) + body

    def decoder(self):
        return EnvelopeDecoder()


# ---- connection ---------------------------------------------------------------------------

PEER_CLOSED = "the peer closed the connection (FIN: an orderly close, or a half-close)"
PEER_RESET = "the peer reset the connection (RST)"


class ConnectError(ConnectionError):
    pass


class Connection:
    def __init__(self, host, port, codec, connect_timeout=5.0):
        try:
            self._socket = socket.create_connection((host, port), timeout=connect_timeout)
        except OSError as error:
            raise ConnectError(f"could not connect to {host}:{port}: {error.strerror or error}") from None
        self._codec, self._decoder, self._ready = codec, codec.decoder(), []
        self.closed, self.close_reason, self._stream_error = False, "", None

    def send(self, message):
        if self.closed:
            raise ConnectionClosed(self.close_reason)
        frame = self._codec.encode(message)
        try:
            self._socket.sendall(frame)
        except OSError as error:
            self._end(PEER_RESET if isinstance(error, ConnectionResetError) else str(error))
            raise ConnectionClosed(self.close_reason) from None

    def _end(self, reason, stream_error=None):
        if not self.closed:
            self.closed, self.close_reason, self._stream_error = True, reason, stream_error
            self._socket.close()

    def receive(self, timeout_seconds):
        deadline = time.monotonic() + timeout_seconds
        while not self._ready and not self.closed:
            self._socket.settimeout(max(0.0, deadline - time.monotonic()) or 1e-6)
            try:
                data = self._socket.recv(65536)
            except (socket.timeout, BlockingIOError):
                return None
            except ConnectionResetError:
                self._end(PEER_RESET)
                break
            if not data:
                self._end(PEER_CLOSED)
                break
            try:
                self._ready.extend(self._decoder.feed(data))
            except StreamError as error:
                self._end(str(error).split(": ", 1)[-1], error)
        if self._ready:
            return self._ready.pop(0)
        if self._stream_error is not None:
            raise ConnectionClosed(self.close_reason) from self._stream_error
        raise ConnectionClosed(self.close_reason)

    def close(self):
        self._end("closed here")


def install():
    """Puts each stand-in where the package has no module of that name; returns the names used."""
    package = sys.modules["wirebench_locust"]
    used = []
    for name, members in (("cbor", {"encode": cbor_encode, "decode": cbor_decode}),
                          ("codecs", {"codec_from_json": codec_from_json, "CodecConfigError": CodecConfigError}),
                          ("connection", {"Connection": Connection, "ConnectError": ConnectError})):
        full = f"wirebench_locust.{name}"
        if full in sys.modules or importlib.util.find_spec(full) is not None:
            continue
        module = types.ModuleType(full, "a test's stand-in (tests/locust/standins.py)")
        module.__dict__.update(members)
        sys.modules[full] = module
        setattr(package, name, module)
        used.append(name)
    return used

