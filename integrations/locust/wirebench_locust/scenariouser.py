"""A Locust user that runs a Wirebench scenario, again and again."""

import time

from locust import User, constant, task

from .codecs import codec_from_json
from .connection import Connection
from .endpoint import format_endpoint
from .hostport import parse_host_port
from .requestreporter import RequestReporter
from .runner import CONNECT_TIMEOUT_MS, ScenarioRunner
from .stepresult import CONNECT_FAILED, FAILED, SKIPPED

# The steps Locust counts as requests, their type being the action.
REQUEST_ACTIONS = ("expect", "expect_closed")


class ScenarioUser(User):
    """Each user runs `scenario()` from its start to its end, then again.

    Every expectation is one request named after its step
    (`steps[2].steps[1] expect text matching /^PONG/`): its response time is how long the step
    waited, from its start (right after the send before it) to the message
    that matched. A failed expectation is a failure whose text says what came
    instead; that pass ends there, and the next begins with new connections.
    A step that could not send is a failure of type "send"; each connection
    is a "connect" request. `{{seq}}` counts a user's sends over all its passes.
    --host, when given, replaces the address of every client of the scenario.
    """

    abstract = True
    wait_time = constant(0)
    connect_timeout = CONNECT_TIMEOUT_MS / 1000  # seconds, as wirebench-cli run waits for a connect
    # After a pass that could not connect: not a loop of refused connects as fast as the CPU goes.
    connect_failure_pause = 1.0

    def __init__(self, environment):
        super().__init__(environment)
        self._reporter = RequestReporter(environment.events)
        self._sends = {}
        self._address = parse_host_port(self.host) if self.host else None

    def scenario(self):
        """The Scenario to run; the locustfile's user gives it."""
        raise NotImplementedError

    @task
    def run_scenario(self):
        runner = ScenarioRunner(self.scenario(), connect=self._connect, host_override=self._address,
                                sends=self._sends, on_step=self._report)
        if runner.run().outcome == CONNECT_FAILED:
            time.sleep(self.connect_failure_pause)

    def _connect(self, client, host, port):
        codec = codec_from_json(client.codec)
        return self._reporter.timed("connect", client.name or format_endpoint(host, port),
                                    lambda: Connection(host, port, codec, self.connect_timeout))

    def _report(self, result):
        name = f"{result.path} {result.summary}"
        failure = result.detail if result.status == FAILED else None
        if result.action in REQUEST_ACTIONS and result.status != SKIPPED:
            self._reporter.report(result.action, name, result.elapsed_ms, result.size, failure)
        elif result.action == "send" and failure:
            self._reporter.report("send", name, result.elapsed_ms, failure=failure)
