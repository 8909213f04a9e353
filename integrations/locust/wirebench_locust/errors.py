"""What goes wrong on the wire, typed as docs/protocol.md section 2 names it."""


class ProtocolError(Exception):
    """Bad input from the peer: `code` is the ErrorCode name ("InvalidJson")."""

    def __init__(self, code, message, raw=b""):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.raw = bytes(raw)


class StreamError(ProtocolError):
    """The frame boundary can no longer be trusted: the connection must close."""


class FrameError(ProtocolError):
    """One bad frame, dropped; `raw` holds its first 4096 bytes. The connection lives on."""

    RAW_LIMIT = 4096


class EncodeError(ValueError):
    """A message the codec cannot frame (MessageTooLarge): nothing was written."""

    def __init__(self, message, code="MessageTooLarge"):
        super().__init__(f"{code}: {message}")
        self.code = code


class ConnectionClosed(Exception):
    """The connection ended; the message says why (the peer closed, a stream error, a reset)."""


class CodecConfigError(ValueError):
    """Codec parameters that do not validate; `parameter` names the one at fault ("codec" for the whole)."""

    def __init__(self, message, parameter="codec"):
        super().__init__(message)
        self.parameter = parameter


class ConnectError(OSError):
    """No connection: the peer refused, did not answer in time, or the name did not resolve."""
