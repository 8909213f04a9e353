"""A connection whose exchanges Locust counts as requests."""

import time

from .brief import bad_frame, describe
from .codecs import codec_from_json
from .connection import Connection
from .endpoint import format_endpoint
from .errors import ConnectionClosed, EncodeError, FrameError
from .matcher import Matcher
from .runner import CONNECT_TIMEOUT_MS


class WirebenchClient:
    """The `client` of a WirebenchUser: connects, sends, and reports request/answer pairs.

    A request is one message sent and the first answer that `expect` accepts.
    Its response time runs from the send to that answer. A request that gets
    something else, nothing in time, or a closed connection is a failure
    whose text says what came instead. The connection is made again, as a
    "connect" request, by the first request after it closed.
    """

    def __init__(self, reporter, host, port, codec="envelope", connect_timeout=CONNECT_TIMEOUT_MS / 1000):
        self._reporter = reporter
        self._host = host
        self._port = port
        self._codec = codec_from_json(codec)
        self._connect_timeout = connect_timeout
        self._connection = None

    @property
    def address(self):
        return format_endpoint(self._host, self._port)

    def connect(self):
        """Connects (a "connect" request); True when connected."""
        self.close()
        try:
            self._connection = self._reporter.timed(
                "connect", self.address,
                lambda: Connection(self._host, self._port, self._codec, self._connect_timeout))
        except Exception:
            return False
        return True

    def close(self):
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def send(self, message):
        """Sends without waiting for an answer (not a request). False if it could not be sent."""
        if not self._connected():
            return False
        try:
            self._connection.send(message)
        except (EncodeError, ConnectionClosed):
            return False
        return True

    def request(self, message, expect=None, name=None, timeout=5.0, skip_others=False):
        """Sends `message` and waits for an answer; returns it, or None after a failure (reported).

        `expect`: None (any message), a match as responder rules write it
        ({"channel": "login", "json": {"/ok": true}}) or a Matcher made of one
        once (Matcher.from_json), or a function of the message. `skip_others`
        passes over answers that do not match.
        """
        if expect is None or isinstance(expect, dict):
            expect = Matcher.from_json(expect or {})
        if isinstance(expect, Matcher):
            accepts, wanted = expect.matches, f"expected {expect.describe()}"
        else:
            accepts, wanted = expect, "expected an answer"
        name = name or (message.channel or message.type)
        if not self._connected():
            return None
        start = time.perf_counter()
        try:
            self._connection.send(message)
        except (EncodeError, ConnectionClosed) as error:
            self._reporter.report("request", name, 0.0, failure=f"could not send: {error}")
            return None
        deadline = start + timeout
        while True:
            failure, answer = self._next_answer(deadline, timeout, wanted)
            elapsed = (time.perf_counter() - start) * 1000.0
            if failure is None and accepts(answer):
                self._reporter.report("request", name, elapsed, len(answer.payload))
                return answer
            if failure is None and skip_others:
                continue
            self._reporter.report("request", name, elapsed,
                                  failure=failure or f"{wanted}; got {describe(answer)}")
            return None

    def _next_answer(self, deadline, timeout, wanted):
        """(None, message) or (failure text, None)."""
        try:
            arrival = self._connection.receive(max(0.0, deadline - time.perf_counter()))
        except ConnectionClosed as closed:
            stream_error = self._connection.stream_error
            self.close()
            if stream_error is not None:  # as a scenario says it: the frame refused, not the close after it
                return f"{wanted}; got {bad_frame(stream_error)}", None
            return f"{wanted}; got the connection closed: {closed}", None
        if arrival is None:
            return f"{wanted}; got nothing within {round(timeout * 1000)} ms", None
        if isinstance(arrival, FrameError):
            return f"{wanted}; got {bad_frame(arrival)}", None
        return None, arrival

    def _connected(self):
        """True with an open connection, made again (a "connect" request) if the last one ended."""
        if self._connection is not None and not self._connection.closed:
            return True
        return self.connect()
