"""Runs a Scenario: port of ScenarioRunner, in blocking code.

Connects every client, then runs the steps in order. An expectation takes the
oldest message its client received and did not use yet, or waits for the next
one up to its timeout; a message that does not match fails it unless it skips
others. The first failure fails the repeats around it and skips the top-level
steps after it. Every wait is a socket timeout or a sleep: no threads, no
select, so under Locust gevent makes a run cooperative.
"""

import re
import time

from .brief import describe
from .codecs import codec_from_json
from .connection import Connection
from .endpoint import format_endpoint
from .scenarioconnection import BAD_FRAME, CLOSED, ScenarioConnection, SendError
from .stepresult import CONNECT_FAILED, FAILED, PASSED, SKIPPED, RunResult, StepResult

CONNECT_TIMEOUT_MS = 10000  # netcore::Client's, so a connect that hangs fails after the same time


class _StepFailed(Exception):
    def __init__(self, failure):
        super().__init__(failure)
        self.failure = failure  # "<place>: <detail>"


def _default_connect(client, host, port):
    return Connection(host, port, codec_from_json(client.codec), connect_timeout=CONNECT_TIMEOUT_MS / 1000)


def _elapsed_ms(since):
    return (time.perf_counter() - since) * 1000.0


def _connect_reason(error, address):
    """ "cannot connect to HOST:PORT: why", as netcore::Client words it."""
    text = re.sub(r"^cannot connect to \S+: ", "", str(error))
    if error.strerror:  # an OSError of its own, not a ConnectError that words it
        text = error.strerror
    text = re.sub(r"^\[Errno -?\d+\] ", "", text)
    if text in ("timed out", "TimeoutError"):
        text = f"no answer within {CONNECT_TIMEOUT_MS} ms"
    return f"cannot connect to {address}: {text}"


class ScenarioRunner:
    def __init__(self, scenario, *, connect=None, host_override=None, sends=None, on_step=None):
        """scenario: a scenario.Scenario.

        connect(client, host, port) -> Connection makes each client's connection (default:
        connection.Connection with codecs.codec_from_json(client.codec)); a test fakes it, Locust
        times it. host_override: a (host, port) every client connects to instead of its own.
        sends: client name -> sends so far, the {{seq}} of the last send. The C++ runner counts
        a client's sends from 1 in each run; pass the same dict to every run of one Locust user
        and {{seq}} goes on counting across its runs (None: a new count for each run).
        on_step(StepResult) is called as each step ends: every step that ran (those inside
        repeats, each pass), then the skipped top-level ones.
        """
        self.scenario = scenario
        self._connect = connect or _default_connect
        self._host_override = host_override
        self._sends = sends
        self._on_step = on_step
        self._links = []
        self._results = []

    def run(self):
        """Runs the scenario once, to its end; returns a RunResult. Closes every connection."""
        started = time.perf_counter()
        self._links, self._results = [], []
        sends = self._sends if self._sends is not None else {}
        try:
            failure = self._connect_all(sends)
            if failure:
                self._skip_from(0)
                return RunResult(CONNECT_FAILED, failure, _elapsed_ms(started), self._results)
            outcome, failure = self._run_top_level()
            return RunResult(outcome, failure, _elapsed_ms(started), self._results)
        finally:
            for link in self._links:
                link.close()

    def _connect_all(self, sends):
        """Connects every client in order; the failure's words if one cannot connect, else ""."""
        for client in self.scenario.clients:
            host, port = self._host_override or (client.host, client.port)
            address = format_endpoint(host, port)
            try:
                connection = self._connect(client, host, port)
            except OSError as error:  # a ConnectError, or any OSError from a factory of the caller's
                reason = _connect_reason(error, address)
                return f'client "{client.name}": {reason}' if client.name else reason
            self._links.append(ScenarioConnection(client, connection, address, sends))
        return ""

    def _run_top_level(self):
        for index, step in enumerate(self.scenario.steps):
            try:
                self._run_step(step, ())
            except _StepFailed as failed:
                self._skip_from(index + 1)
                return FAILED, failed.failure
        return PASSED, ""

    def _skip_from(self, index):
        for step in self.scenario.steps[index:]:
            self._report(StepResult(step.path, step.summary, "", step.action, SKIPPED), top_level=True)

    def _report(self, result, top_level):
        if top_level:
            self._results.append(result)
        if self._on_step:
            self._on_step(result)
        return result

    def _run_step(self, step, passes):
        """Runs step inside the repeats passes ((pass, count), ...); raises _StepFailed."""
        started = time.perf_counter()
        iteration = ", ".join(f"repeat {done} of {count}" for done, count in passes)

        def finish(status, detail="", size=0):
            result = StepResult(step.path, step.summary, iteration, step.action, status, _elapsed_ms(started),
                                detail, size)
            self._report(result, top_level=not passes)
            if status == FAILED and step.action != "repeat":
                raise _StepFailed(f"{result.place()}: {detail}")

        if step.action == "repeat":
            try:
                for done in range(1, step.repeat_count + 1):
                    for inner in step.steps:
                        self._run_step(inner, passes + ((done, step.repeat_count),))
            except _StepFailed as failed:
                finish(FAILED, failed.failure)  # where inside it failed, as the C++ report shows
                raise
            finish(PASSED)
        elif step.action == "sleep":
            time.sleep(step.sleep_ms / 1000.0)
            finish(PASSED)
        elif step.action == "send":
            link = self._links[step.client]
            try:
                link.send(step.reply)
            except SendError as error:
                name = link.client.name
                finish(FAILED, f"{name} could not send: {error}" if name else f"could not send: {error}")
            else:
                finish(PASSED)
        else:
            detail, size = self._expect(step, started)
            if detail:
                finish(FAILED, detail)
            else:
                finish(PASSED, size=size)

    def _expect(self, step, started):
        """(failure detail or "", matched payload size) of an expect or expect_closed step."""
        link = self._links[step.client]
        closing = step.action == "expect_closed"
        what = "the connection to close" if closing else step.matcher.describe()
        expectation = f"{link.client.name} expected {what}" if link.client.name else f"expected {what}"
        deadline = started + step.timeout_ms / 1000.0
        while True:
            arrival = link.receive(max(0.0, deadline - time.perf_counter()))
            if arrival is None:
                if closing:
                    return f"{expectation}; it was still open after {step.timeout_ms} ms", 0
                return f"{expectation}; got nothing within {step.timeout_ms} ms", 0
            if arrival.kind == BAD_FRAME:
                return f"{expectation}; got {arrival.text}", 0
            if arrival.kind == CLOSED:
                return ("", 0) if closing else (f"{expectation}; got the connection closed: {arrival.text}", 0)
            if not closing and step.matcher.matches(arrival.message):
                return "", len(arrival.message.payload)
            if not step.skip_others:
                return f"{expectation}; got {describe(arrival.message)}", 0
