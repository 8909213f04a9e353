"""One client of a running scenario: its connection, what it received and whether it closed.

Port of ScenarioConnection for blocking code: what the peer sends waits in the
socket (and the connection's decoder) until an expectation reads it, so nothing
that came while earlier steps ran is lost, and each client's arrivals stay its own.
"""

from dataclasses import dataclass
from typing import Optional

from .brief import bad_frame, error_text
from .errors import ConnectionClosed, EncodeError, ProtocolError
from .message import Message
from .template import RenderError
from .templatetext import TemplateContext

MESSAGE, BAD_FRAME, CLOSED = "message", "bad_frame", "closed"


class SendError(Exception):
    """A send that did not go out; the text says why, as the C++ words it."""


@dataclass
class Arrival:
    kind: str  # MESSAGE, BAD_FRAME or CLOSED
    message: Optional[Message] = None
    text: str = ""  # BAD_FRAME: "a frame the codec refused: ..."; CLOSED: why it closed


class ScenarioConnection:
    def __init__(self, client, connection, address, sends):
        """client: a ScenarioClient; connection: a connected Connection (or one like it);
        address: "HOST:PORT" it went to ({{peer}}); sends: client name -> sends so far."""
        self.client = client
        self.connection = connection
        self.address = address
        self._sends = sends
        self._close_reason = None  # set once a receive saw the end
        self._pending = []  # a stream error is a refused frame, then the close

    def _closed_reason(self):
        if self._close_reason is not None:
            return self._close_reason
        return self.connection.close_reason if self.connection.closed else None

    def send(self, reply):
        """Renders reply with {{seq}} this client's next send and {{peer}} its address, and sends it."""
        reason = self._closed_reason()
        if reason is not None:
            raise SendError(f"the connection is closed: {reason}")
        seq = self._sends.get(self.client.name, 0) + 1
        self._sends[self.client.name] = seq
        try:
            self.connection.send(reply.render(TemplateContext(seq=seq, peer=self.address)))
        except RenderError as error:
            raise SendError(str(error)) from None
        except EncodeError as error:
            raise SendError(error_text(error)) from None
        except ConnectionClosed as closed:
            raise SendError(f"the connection is closed: {self.connection.close_reason or closed}") from None

    def receive(self, timeout_seconds):
        """The next Arrival, or None when nothing came within timeout_seconds."""
        if self._pending:
            return self._pending.pop(0)
        if self._close_reason is not None:
            return Arrival(CLOSED, text=self._close_reason)
        try:
            item = self.connection.receive(timeout_seconds)
        except ConnectionClosed as closed:
            self._close_reason = str(closed)
            ended = Arrival(CLOSED, text=self._close_reason)
            if self.connection.stream_error is not None:
                # The C++ client reports the stream error as a refused frame before the close.
                self._pending.append(ended)
                return Arrival(BAD_FRAME, text=bad_frame(self.connection.stream_error))
            return ended
        if item is None:
            return None
        if isinstance(item, ProtocolError):
            return Arrival(BAD_FRAME, text=bad_frame(item))
        return Arrival(MESSAGE, message=item)

    def close(self):
        self.connection.close()
