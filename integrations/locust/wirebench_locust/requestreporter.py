"""Tells Locust what happened, as `request` events: its stats, CSV and web UI count them."""

import time


class RequestFailed(Exception):
    """A request that did not get what it expected; the text says what came instead."""


class RequestReporter:
    """Fires Locust `request` events for one user's exchanges."""

    def __init__(self, events):
        self._events = events

    def report(self, request_type, name, elapsed_ms, size=0, failure=None):
        """One request: `failure` is None or the text of what went wrong."""
        self._events.request.fire(
            request_type=request_type,
            name=name,
            response_time=elapsed_ms,
            response_length=size,
            exception=None if failure is None else RequestFailed(failure),
            context={},
        )

    def timed(self, request_type, name, action):
        """Runs `action()`, reports it, and returns its result or raises what it raised."""
        start = time.perf_counter()
        try:
            result = action()
        except Exception as error:
            self.report(request_type, name, (time.perf_counter() - start) * 1000.0, failure=str(error))
            raise
        self.report(request_type, name, (time.perf_counter() - start) * 1000.0)
        return result
