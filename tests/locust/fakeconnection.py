"""A connection with the API of wirebench_locust.connection.Connection and no socket, for the runner's tests.

What the peer "sends" is a queue: answer(message) adds to it for each send, and the test may
put items there at once. An item is a Message, a FrameError (a bad frame), or Closed (the
peer ends the connection; with a cause, the StreamError that ended it, kept in stream_error
as Connection keeps it). An empty queue is a
timeout, said at once: the runner's words do not depend on waiting for real.
"""

from wirebench_locust.errors import ConnectionClosed


class Closed:
    def __init__(self, reason, cause=None):
        self.reason = reason
        self.cause = cause


class FakeConnection:
    def __init__(self, answer=None, arrivals=(), refuse_with=None):
        self.answer = answer  # message -> list of items the peer sends back
        self.queue = list(arrivals)
        self.refuse_with = refuse_with  # an exception every send raises
        self.sent = []
        self.timeouts = []  # each receive's timeout_seconds
        self.closed = False
        self.close_reason = ""
        self.stream_error = None
        self.closed_by_runner = False

    def send(self, message):
        if self.refuse_with is not None:
            raise self.refuse_with
        if self.closed:
            raise ConnectionClosed(self.close_reason)
        self.sent.append(message)
        if self.answer:
            self.queue.extend(self.answer(message))

    def receive(self, timeout_seconds):
        self.timeouts.append(timeout_seconds)
        if not self.queue:
            return None
        item = self.queue[0]
        if isinstance(item, Closed):
            self.closed, self.close_reason, self.stream_error = True, item.reason, item.cause
            raise ConnectionClosed(item.reason)
        return self.queue.pop(0)

    def close(self):
        self.closed_by_runner = True
