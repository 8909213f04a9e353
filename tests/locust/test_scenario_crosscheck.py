#!/usr/bin/env python3
"""The Python ScenarioRunner against the C++ one: the same scenario files, run by `wirebench-cli run
FILE --events jsonl` and by runner.ScenarioRunner against the same `wirebench-cli serve --responder`,
give the same steps (path, pass, summary, status, detail), the same outcome and the same failure.

WIREBENCH_CLI names the binary (as for tests/e2e); the test fails without it.
"""

import json
import unittest

import locustpath  # noqa: F401

from wbcli import envelope
from clitestcase import CliTestCase
from rawupstream import RawUpstream

from wirebench_locust.runner import ScenarioRunner
from wirebench_locust.scenario import load_scenario

RULES = r"""{"on_connect": {"channel": "hello", "text": "welcome"},
 "rules": [
  {"when": {"channel": "login", "json": {"/user": "alice"}},
   "reply": {"json": {"ok": true, "user": "{{json:/user}}", "n": 1.5}}},
  {"when": {"channel": "login"}, "reply": {"json": {"ok": false}}},
  {"when": {"text": "^ping (\\d+)$"}, "reply": {"text": "pong {{1}}"}},
  {"when": {"channel": "data"}, "reply": [{"text": "noise"}, {"cbor": {"k": [1, {"z": "q"}]}}, {"hex": "00ff10"}]},
  {"when": {"text": "^quit$"}, "reply": {"text": "bye"}, "then": "close"},
  {"when": {"text": "^boom$"}, "then": "reset"}
 ]}
"""

HELLO = {"expect": {"channel": "hello", "text": "^welcome$"}}


def scenarios(port, free_port, raw_port, stream_error_port):
    """name -> scenario: passing and failing ones, with repeats, skip_others, expect_closed, pointers, templates."""
    here = f"127.0.0.1:{port}"
    two = {"alice": {"connect": here}, "bob": {"connect": str(port), "codec": "envelope"}}
    return {
        "the issue's flow passes": {"clients": two, "timeout_ms": 3000, "steps": [
            dict(HELLO, **{"as": "alice"}), dict(HELLO, **{"as": "bob"}),
            {"as": "alice", "send": {"channel": "login", "json": {"user": "alice", "n": 1.0}}},
            {"as": "alice", "expect": {"channel": "login", "type": "json",
                                       "json": {"/ok": True, "/user": "alice", "/n": 1.5}}},
            {"as": "alice", "send": {"channel": "login", "cbor": {"user": "alice"}, "id": "{{seq}}"}},
            {"as": "alice", "expect": {"json": {"/ok": True}}, "timeout_ms": 2000},
            {"sleep_ms": 20},
            {"repeat": 3, "steps": [{"as": "bob", "send": {"text": "ping {{seq}}"}},
                                    {"as": "bob", "expect": {"text": "^pong [123]$"}}]},
            {"as": "bob", "send": {"text": "quit"}},
            {"as": "bob", "expect": {"text": "^bye$"}},
            {"as": "bob", "expect_closed": True}]},
        "a wrong answer in nested repeats": {"clients": {"bob": {"connect": here}}, "steps": [
            HELLO,
            {"repeat": 2, "steps": [{"repeat": 2, "steps": [{"send": {"text": "ping {{seq}}"}},
                                                            {"expect": {"text": "^pong [12]$"}}]}]},
            {"expect_closed": True}]},
        "skip_others, cbor pointers, then still open": {"connect": here, "steps": [
            {"send": {"channel": "data", "hex": "01"}},
            {"expect": {"type": "cbor", "json": {"/k/1/z": "q", "/k/0": 1.0}}, "skip_others": True},
            {"expect": {"hex": "00 FF"}},
            {"expect_closed": True, "timeout_ms": 300}]},
        "a refused login": {"clients": two, "steps": [
            dict(HELLO, **{"as": "alice"}),
            {"as": "alice", "send": {"channel": "login", "json": {"user": "mallory"}}},
            {"as": "alice", "expect": {"channel": "login", "json": {"/ok": True}}},
            {"as": "bob", "send": {"text": "never sent"}}]},
        "silence": {"connect": here, "steps": [HELLO, {"expect": {"channel": "never"}, "timeout_ms": 200},
                                               {"sleep_ms": 1}]},
        "the greeting is not what was expected": {"connect": here, "steps": [{"expect": {"text": "^pong"}}]},
        "a close fails an expectation": {"connect": here, "steps": [
            {"send": {"text": "quit"}}, {"expect": {}, "skip_others": True}, {"expect": {"text": "^bye$"}},
            {"expect": {}}, {"send": {"text": "too late"}}]},
        "a reset fails an expectation": {"connect": here, "steps": [
            HELLO, {"send": {"text": "boom"}}, {"expect": {}, "timeout_ms": 3000}]},
        "expect_closed gets a message": {"connect": here, "steps": [
            HELLO, {"send": {"text": "ping 7"}}, {"expect_closed": True}]},
        "a client cannot connect": {"clients": {"alice": {"connect": here},
                                                "bob": {"connect": f"127.0.0.1:{free_port}"}},
                                    "steps": [{"as": "alice", "send": {"text": "x"}}, {"sleep_ms": 1}]},
        "a bad frame": {"connect": f"127.0.0.1:{raw_port}", "steps": [
            {"expect": {}, "skip_others": True}, {"expect": {"text": "^after$"}}]},
        "a stream error": {"connect": f"127.0.0.1:{stream_error_port}", "steps": [
            {"expect": {"text": "^first$"}}, {"expect": {}}, {"expect_closed": True}]},
    }


# Message type 9: a frame error, dropped; the text after it still arrives.
BAD_FRAME = envelope(b"?", 9) + envelope(b"after")
# N = 7, shorter than an envelope's header: a stream error, and the client closes.
STREAM_ERROR = envelope(b"first") + bytes.fromhex("00000007 01010000 000000")


class CrossCheckTest(CliTestCase):
    def setUp(self):
        super().setUp()
        _server, self.port = self.serve("--responder", self.write_text("rules.json", RULES), "--events", "none")
        self.raw = RawUpstream(BAD_FRAME)
        self.addCleanup(self.raw.close)
        self.stream_error = RawUpstream(STREAM_ERROR)
        self.addCleanup(self.stream_error.close)

    def run_by_cli(self, path):
        """((path, pass, summary, status, detail) of each step, outcome, failure) from wirebench-cli run."""
        done = self.run_cli("run", path, "--events", "jsonl")
        events = self.events(done.stdout)
        steps = [(e["path"], e.get("repeat", ""), e["name"], e["status"], e.get("message", ""))
                 for e in events if e["event"] == "step"]
        self.assertEqual(events[-1]["event"], "finished", done.stdout + done.stderr)
        outcome = events[-1]["status"]
        self.assertEqual(done.returncode, {"passed": 0, "failed": 3, "connect_failed": 1}[outcome], done.stderr)
        failure = done.stderr.rstrip("\n")
        prefix = "wirebench-cli: "
        return steps, outcome, failure[len(prefix):] if failure.startswith(prefix) else failure

    def run_by_python(self, path):
        steps = []
        run = ScenarioRunner(load_scenario(path), on_step=steps.append).run()
        rows = [(s.path, s.iteration.replace("repeat ", ""), s.summary, s.status, s.detail) for s in steps]
        self.assertEqual([r.status for r in run.results], [row[3] for row in rows if "." not in row[0]])
        return rows, run.outcome, run.failure

    def test_both_runners_agree(self):
        free_port = self.free_port()
        outcomes = set()
        for name, scenario in scenarios(self.port, free_port, self.raw.port, self.stream_error.port).items():
            with self.subTest(name):
                file_name = name.replace(" ", "_").replace(",", "") + ".json"
                path = self.write_text(file_name, json.dumps(scenario, indent=1))
                cli_steps, cli_outcome, cli_failure = self.run_by_cli(path)
                python_steps, python_outcome, python_failure = self.run_by_python(path)
                self.assertEqual(python_steps, cli_steps)
                self.assertEqual((python_outcome, python_failure), (cli_outcome, cli_failure))
                outcomes.add(cli_outcome)
        self.assertEqual(outcomes, {"passed", "failed", "connect_failed"})  # the cases cover each outcome


if __name__ == "__main__":
    unittest.main()
