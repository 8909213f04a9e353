"""A blocking TCP client that speaks one codec: send a message, receive the next one.

Only the `socket` module, with socket timeouts: no select, no threads.
Under Locust, gevent patches `socket`, so each wait here yields to the
other users instead of blocking the process.
"""

import collections
import socket
import time

from .endpoint import format_endpoint
from .errors import ConnectError, ConnectionClosed, StreamError

READ_SIZE = 64 * 1024
# The words of netcore's Client for the end of a connection (clientprivate.cpp).
PEER_CLOSED = "the peer closed the connection (FIN: an orderly close, or a half-close)"
PEER_RESET = "the peer reset the connection (RST)"
CLOSED_LOCALLY = "closed locally"


class Connection:
    """One TCP connection to `host`:`port` speaking `codec` (a Codec such as EnvelopeCodec()).

    Connecting happens here: ConnectError if the peer refuses or does not
    answer within `connect_timeout` seconds. `send_timeout` bounds one
    send() to a peer that does not read (None: wait as long as it takes).
    """

    def __init__(self, host, port, codec, connect_timeout=5.0, send_timeout=None):
        self.host, self.port, self.codec = host, port, codec
        self.send_timeout = send_timeout
        self._decoder = codec.decoder()
        self._arrived = collections.deque()  # decoded, not yet returned by receive()
        self._close_reason = None
        self._stream_error = None
        self._socket = _connect(host, port, connect_timeout)
        self._socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    @property
    def closed(self):
        """True once the connection ended, whoever ended it; receive() may still return what came before."""
        return self._close_reason is not None

    @property
    def close_reason(self):
        """Why the connection ended (netcore's words where they apply), or None while it is open."""
        return self._close_reason

    @property
    def stream_error(self):
        """The StreamError that ended the connection, or None."""
        return self._stream_error

    def send(self, message):
        """Encodes `message` and writes it all.

        EncodeError (nothing written, the connection goes on) if the codec
        cannot frame it; ConnectionClosed if the connection has ended or
        ends while writing.
        """
        if self.closed:
            raise ConnectionClosed(f"the connection is closed: {self._close_reason}")
        frame = self.codec.encode(message)
        try:
            self._socket.settimeout(self.send_timeout)
            self._socket.sendall(frame)
        except socket.timeout:
            # Part of the frame may be out: the peer's framing cannot be trusted any more.
            self._end(f"the peer read nothing for {self.send_timeout} s while a frame waited to be sent")
            raise ConnectionClosed(f"the connection is closed: {self._close_reason}") from None
        except OSError as error:
            self._read_what_the_peer_sent_before(_reason_of(error))
            raise ConnectionClosed(f"the connection is closed: {self._close_reason}") from None

    def receive(self, timeout):
        """The next Message or FrameError; None if nothing came within `timeout` seconds (None: no limit).

        Once the connection has ended (the peer closed or reset it, a stream
        error, close()), what was decoded before is returned first, one item
        per call; then ConnectionClosed, whose text says why.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self._arrived:
            if self.closed:
                raise ConnectionClosed(self._close_reason)
            # With no time left the read still happens, without waiting: what is there counts.
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                self._socket.settimeout(remaining)
                data = self._socket.recv(READ_SIZE)
            except (socket.timeout, BlockingIOError):
                return None
            except OSError as error:
                self._end(_reason_of(error))
                continue
            if not data:
                self._end(PEER_CLOSED)
                continue
            self._take(data)
        return self._arrived.popleft()

    def close(self):
        """Ends the connection from this side; harmless when it has ended already."""
        self._end(CLOSED_LOCALLY)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def _take(self, data):
        try:
            self._arrived.extend(self._decoder.feed(data))
        except StreamError as error:
            self._arrived.extend(error.decoded)
            self._stream_error = error
            self._end(f"stream error: {error}")

    def _read_what_the_peer_sent_before(self, reason):
        """After a failed write, what the kernel still holds from the peer, so no message is lost.

        The write took the socket's error: the reads that follow see a
        plain end, and `reason`, the write's, says what it was.
        """
        try:
            self._socket.settimeout(0)
            while not self.closed:
                data = self._socket.recv(READ_SIZE)
                if not data:
                    break
                self._take(data)
        except OSError:  # nothing more to read now, or the end once more
            pass
        self._end(reason)

    def _end(self, reason):
        if self._close_reason is not None:
            return
        self._close_reason = reason
        self._socket.close()


def _connect(host, port, timeout):
    try:
        return socket.create_connection((host, port), timeout=timeout)
    except socket.timeout:
        why = f"no answer within {round(timeout * 1000)} ms"
    except socket.gaierror as error:
        why = f"host not found ({error.strerror})"
    except ConnectionRefusedError:
        why = "Connection refused"  # Qt's words, as a scenario's connect failure says them
    except OSError as error:
        why = error.strerror or str(error)
    raise ConnectError(f"cannot connect to {format_endpoint(host, port)}: {why}")


def _reason_of(error):
    if isinstance(error, (ConnectionResetError, BrokenPipeError)):
        return PEER_RESET
    return f"socket error: {error.strerror or error}"
