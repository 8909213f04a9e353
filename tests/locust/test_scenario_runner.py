#!/usr/bin/env python3
"""runner: the cases of tests/engine/tst_scenariorunner.cpp against fake connections, each failure
with its exact words, and what Locust adds (seq across runs, host_override, the connect factory)."""

import json
import unittest

import locustpath  # noqa: F401

from fakeconnection import Closed, FakeConnection
from wirebench_locust.errors import EncodeError, FrameError, StreamError
from wirebench_locust.message import Message
from wirebench_locust.runner import ScenarioRunner
from wirebench_locust.scenario import parse_scenario

PEER_CLOSED = "the peer closed the connection (FIN: an orderly close, or a half-close)"


def text(value, channel=""):
    return Message("text", value.encode(), channel)


class RunnerTestCase(unittest.TestCase):
    def run_scenario(self, scenario, connections, sends=None, host_override=None, refuse=()):
        """Runs scenario (a dict) with the fakes of connections (client name -> FakeConnection)."""
        self.steps, self.connected = [], []

        def connect(client, host, port):
            self.connected.append((client.name, host, port))
            if client.name in refuse:  # as a factory of the caller's may fail: an OSError
                raise ConnectionRefusedError(111, "Connection refused")
            return connections[client.name]

        parsed = parse_scenario(json.dumps(scenario), "test.json")
        runner = ScenarioRunner(parsed, connect=connect, host_override=host_override, sends=sends,
                                on_step=self.steps.append)
        return runner.run()

    def trace(self):
        return [(step.place(), step.status) for step in self.steps]


def login_and_ping(message):
    """The server of passesEveryStepInOrder: a login is answered, "ping N" gets "pong N", "bye" closes."""
    if message.channel == "login":
        return [Message("json", b'{"ok":true}', "login")]
    body = message.payload.decode()
    if body.startswith("ping"):
        return [text(body.replace("ping", "pong"))]
    return [Closed(PEER_CLOSED)] if body == "bye" else []


class PassingTest(RunnerTestCase):
    def test_passes_every_step_in_order(self):
        alice, bob = FakeConnection(login_and_ping), FakeConnection(login_and_ping)
        run = self.run_scenario(
            {"clients": {"alice": {"connect": "7000"}, "bob": {"connect": "127.0.0.1:7000"}},
             "steps": [{"as": "alice", "send": {"channel": "login", "json": {"user": "alice"}}},
                       {"as": "alice", "expect": {"channel": "login", "json": {"/ok": True}}, "timeout_ms": 5000},
                       {"sleep_ms": 1},
                       {"repeat": 2, "steps": [{"as": "bob", "send": {"text": "ping {{seq}}"}},
                                               {"as": "bob", "expect": {"text": "^pong \\d$"}}]},
                       {"as": "bob", "send": {"text": "bye"}},
                       {"as": "bob", "expect_closed": True}]},
            {"alice": alice, "bob": bob})
        self.assertEqual((run.outcome, run.failure), ("passed", ""))
        self.assertEqual(self.trace(), [
            ("steps[0]", "passed"), ("steps[1]", "passed"), ("steps[2]", "passed"),
            ("steps[3].steps[0] (repeat 1 of 2)", "passed"), ("steps[3].steps[1] (repeat 1 of 2)", "passed"),
            ("steps[3].steps[0] (repeat 2 of 2)", "passed"), ("steps[3].steps[1] (repeat 2 of 2)", "passed"),
            ("steps[3]", "passed"), ("steps[4]", "passed"), ("steps[5]", "passed")])
        self.assertEqual([r.path for r in run.results], [f"steps[{i}]" for i in range(6)])
        self.assertEqual((run.results[3].summary, run.results[3].action), ("repeat 2 times", "repeat"))
        self.assertEqual([r.size for r in run.results], [0, 11, 0, 0, 0, 0])  # the matched payload's bytes
        self.assertGreaterEqual(run.results[2].elapsed_ms, 1)  # the sleep, at least
        self.assertGreaterEqual(run.elapsed_ms, run.results[2].elapsed_ms)
        self.assertEqual(bob.sent, [text("ping 1"), text("ping 2"), text("bye")])
        self.assertTrue(alice.closed_by_runner and bob.closed_by_runner)

    def test_nothing_is_lost_between_steps(self):
        connection = FakeConnection(lambda message: [text("one"), text("two"), text("three")])
        run = self.run_scenario({"connect": "7000", "steps": [{"send": {"text": "go"}}, {"expect": {"text": "^one$"}},
                                                              {"expect": {"text": "^two$"}},
                                                              {"expect": {"text": "^three$"}}]}, {"": connection})
        self.assertEqual((run.outcome, len(run.results)), ("passed", 4))

    def test_nested_repeats_name_every_pass_and_zero_passes_pass(self):
        run = self.run_scenario({"connect": "7000", "steps": [
            {"repeat": 2, "steps": [{"repeat": 3, "steps": [{"sleep_ms": 0}]}]}, {"repeat": 0, "steps": [{"sleep_ms": 0}]}]},
            {"": FakeConnection()})
        self.assertEqual(run.outcome, "passed")
        places = [place for place, _ in self.trace()]
        self.assertEqual(places[:4], ["steps[0].steps[0].steps[0] (repeat 1 of 2, repeat 1 of 3)",
                                      "steps[0].steps[0].steps[0] (repeat 1 of 2, repeat 2 of 3)",
                                      "steps[0].steps[0].steps[0] (repeat 1 of 2, repeat 3 of 3)",
                                      "steps[0].steps[0] (repeat 1 of 2)"])
        self.assertEqual(places[-3:], ["steps[0].steps[0] (repeat 2 of 2)", "steps[0]", "steps[1]"])
        self.assertEqual(len(places), 10)

    def test_skip_others_passes_over_what_does_not_match(self):
        noisy = lambda message: [text("noise"), text("more noise"), text("ok")]  # noqa: E731
        run = self.run_scenario({"connect": "7000", "steps": [{"send": {"text": "go"}},
                                                              {"expect": {"text": "^ok$"}, "skip_others": True}]},
                                {"": FakeConnection(noisy)})
        self.assertEqual(run.outcome, "passed")
        run = self.run_scenario({"connect": "7000", "steps": [{"send": {"text": "go"}}, {"expect": {"text": "^ok$"}}]},
                                {"": FakeConnection(noisy)})
        self.assertEqual((run.outcome, run.failure), ("failed", 'steps[1]: expected text matching /^ok$/; got text "noise"'))

    def test_expect_closed(self):
        last_words = lambda message: [text("last words")] + ([Closed(PEER_CLOSED)] if message.payload == b"bye" else [])  # noqa: E731
        run = self.run_scenario({"connect": "7000", "steps": [{"send": {"text": "bye"}}, {"expect": {"text": "last"}},
                                                              {"expect_closed": True}]}, {"": FakeConnection(last_words)})
        self.assertEqual(run.outcome, "passed", run.failure)
        # Unread messages before the close pass with skip_others.
        run = self.run_scenario({"connect": "7000", "steps": [{"send": {"text": "bye"}},
                                                              {"expect_closed": True, "skip_others": True}]},
                                {"": FakeConnection(last_words)})
        self.assertEqual(run.outcome, "passed", run.failure)


class SeqTest(RunnerTestCase):
    SCENARIO = {"clients": {"alice": {"connect": "7000"}, "bob": {"connect": "7000"}},
                "steps": [{"as": "alice", "send": {"text": "a{{seq}}"}}, {"as": "bob", "send": {"text": "b{{seq}}"}},
                          {"as": "alice", "send": {"text": "a{{seq}}"}}, {"as": "bob", "send": {"text": "b{{seq}}"}},
                          {"as": "alice", "send": {"text": "a{{seq}}", "id": "{{seq}}"}}]}

    def sent(self, sends=None):
        alice, bob = FakeConnection(), FakeConnection()
        self.assertEqual(self.run_scenario(self.SCENARIO, {"alice": alice, "bob": bob}, sends=sends).outcome, "passed")
        return [(m.payload.decode(), m.id) for m in alice.sent + bob.sent]

    def test_seq_counts_each_clients_sends(self):
        self.assertEqual(self.sent(), [("a1", 0), ("a2", 0), ("a3", 3), ("b1", 0), ("b2", 0)])
        self.assertEqual(self.sent(), [("a1", 0), ("a2", 0), ("a3", 3), ("b1", 0), ("b2", 0)])  # each run anew

    def test_a_shared_sends_dict_counts_on_across_runs(self):
        sends = {}
        self.sent(sends)
        self.assertEqual(sends, {"alice": 3, "bob": 2})
        self.assertEqual(self.sent(sends), [("a4", 0), ("a5", 0), ("a6", 6), ("b3", 0), ("b4", 0)])


class FailingTest(RunnerTestCase):
    def test_a_mismatch_fails_naming_the_pass_and_what_came(self):
        answer = lambda m: [text("nope 2" if m.payload == b"ping 2" else "pong")]  # noqa: E731
        run = self.run_scenario({"clients": {"bob": {"connect": "7000"}},
                                 "steps": [{"sleep_ms": 0},
                                           {"repeat": 3, "steps": [{"send": {"text": "ping {{seq}}"}},
                                                                   {"expect": {"text": "^pong"}}]},
                                           {"expect_closed": True}]}, {"bob": FakeConnection(answer)})
        detail = 'bob expected text matching /^pong/; got text "nope 2"'
        self.assertEqual((run.outcome, run.failure), ("failed", f"steps[1].steps[1] (repeat 2 of 3): {detail}"))
        self.assertEqual(self.trace(), [
            ("steps[0]", "passed"), ("steps[1].steps[0] (repeat 1 of 3)", "passed"),
            ("steps[1].steps[1] (repeat 1 of 3)", "passed"), ("steps[1].steps[0] (repeat 2 of 3)", "passed"),
            ("steps[1].steps[1] (repeat 2 of 3)", "failed"), ("steps[1]", "failed"), ("steps[2]", "skipped")])
        self.assertEqual(self.steps[4].detail, detail)
        # The repeat, a report's one testcase for it, says where inside it failed.
        self.assertEqual([r.status for r in run.results], ["passed", "failed", "skipped"])
        self.assertEqual(run.results[1].detail, run.failure)
        self.assertEqual((run.results[2].elapsed_ms, run.results[2].iteration), (0, ""))

    def test_timeout_says_nothing_came(self):
        connection = FakeConnection()
        run = self.run_scenario({"connect": "7000", "steps": [{"expect": {"channel": "never"}, "timeout_ms": 200}]},
                                {"": connection})
        self.assertEqual(run.failure, 'steps[0]: expected channel "never"; got nothing within 200 ms')
        self.assertAlmostEqual(connection.timeouts[0], 0.2, delta=0.05)  # the step's timeout, in seconds

    def test_expect_closed_fails_on_a_message_or_an_open_connection(self):
        run = self.run_scenario({"connect": "7000", "steps": [{"send": {"text": "x"}}, {"expect_closed": True}]},
                                {"": FakeConnection(lambda m: [text("still here")])})
        self.assertEqual(run.failure, 'steps[1]: expected the connection to close; got text "still here"')
        run = self.run_scenario({"clients": {"carol": {"connect": "7000"}},
                                 "steps": [{"expect_closed": True, "timeout_ms": 150}]}, {"carol": FakeConnection()})
        self.assertEqual(run.failure, "steps[0]: carol expected the connection to close; it was still open after 150 ms")

    def test_a_close_fails_an_expectation_and_a_later_send(self):
        run = self.run_scenario({"connect": "7000", "steps": [{"send": {"text": "x"}}, {"expect": {}},
                                                              {"send": {"text": "y"}}]},
                                {"": FakeConnection(lambda m: [Closed(PEER_CLOSED)])})
        self.assertEqual(run.failure, f"steps[1]: expected any message; got the connection closed: {PEER_CLOSED}")
        self.assertEqual(run.results[2].status, "skipped")
        run = self.run_scenario({"connect": "7000", "steps": [{"send": {"text": "x"}},
                                                              {"expect_closed": True}, {"send": {"text": "y"}}]},
                                {"": FakeConnection(lambda m: [Closed(PEER_CLOSED)])})
        self.assertEqual(run.failure, f"steps[2]: could not send: the connection is closed: {PEER_CLOSED}")

    def test_a_bad_frame_fails_an_expectation_even_skipping_others(self):
        bad = FrameError("UnknownMessageType", "unknown message type 9", b"")
        run = self.run_scenario({"connect": "7000", "steps": [{"expect": {}, "skip_others": True}]},
                                {"": FakeConnection(arrivals=[bad])})
        self.assertEqual(run.failure, "steps[0]: expected any message; got a frame the codec refused: "
                                      "unknown message type 9")

    def test_a_stream_error_is_a_refused_frame_then_the_close(self):
        stream = StreamError("FrameTooLarge", "frame length 99 exceeds the maximum of 8")
        closing = [Closed("frame length 99 exceeds the maximum of 8", cause=stream)]
        run = self.run_scenario({"connect": "7000", "steps": [{"expect_closed": True}]},
                                {"": FakeConnection(arrivals=closing)})
        self.assertEqual(run.failure, "steps[0]: expected the connection to close; got a frame the codec refused: "
                                      "frame length 99 exceeds the maximum of 8")

    def test_sends_that_cannot_go(self):
        run = self.run_scenario({"clients": {"alice": {"connect": "7000"}}, "steps": [{"send": {"text": "x"}}]},
                                {"alice": FakeConnection(refuse_with=EncodeError("frame length 9 exceeds the maximum of 8"))})
        self.assertEqual(run.failure, "steps[0]: alice could not send: frame length 9 exceeds the maximum of 8")
        run = self.run_scenario({"connect": "7000", "steps": [{"send": {"id": "{{seq}}x", "text": ""}}]},
                                {"": FakeConnection()})
        self.assertEqual(run.failure, 'steps[0]: could not send: the id "1x" is not an integer from 0 to 4294967295')


class ConnectTest(RunnerTestCase):
    def test_a_connect_failure_names_the_client_and_skips_all(self):
        alice = FakeConnection()
        run = self.run_scenario({"clients": {"alice": {"connect": "7000"}, "bob": {"connect": "127.0.0.1:7009"}},
                                 "steps": [{"as": "alice", "send": {"text": "x"}}, {"sleep_ms": 1}]},
                                {"alice": alice}, refuse=("bob",))
        self.assertEqual((run.outcome, run.failure),
                         ("connect_failed", 'client "bob": cannot connect to 127.0.0.1:7009: Connection refused'))
        self.assertEqual(self.trace(), [("steps[0]", "skipped"), ("steps[1]", "skipped")])
        self.assertEqual((alice.sent, alice.closed_by_runner), ([], True))

    def test_the_one_client_at_the_top_is_not_named(self):
        run = self.run_scenario({"connect": "7000", "steps": []}, {}, refuse=("",))
        self.assertEqual(run.failure, "cannot connect to 127.0.0.1:7000: Connection refused")

    def test_host_override_replaces_every_address(self):
        alice, bob = FakeConnection(), FakeConnection()
        run = self.run_scenario({"clients": {"alice": {"connect": "10.0.0.1:7000"}, "bob": {"connect": "example.org:1"}},
                                 "steps": [{"as": "bob", "send": {"text": "{{peer}}"}}]},
                                {"alice": alice, "bob": bob}, host_override=("::1", 9000))
        self.assertEqual(run.outcome, "passed")
        self.assertEqual(self.connected, [("alice", "::1", 9000), ("bob", "::1", 9000)])
        self.assertEqual(bob.sent, [text("[::1]:9000")])


if __name__ == "__main__":
    unittest.main()
