#!/usr/bin/env python3
"""wirebench-cli run: scenarios against real servers (serve, and a small Python server), exit
codes, what stderr names, the step events and the JUnit report read back with xml.etree."""

import json
import os
import socket
import struct
import tempfile
import threading
import xml.etree.ElementTree as ET

import wbcli
from wbcli import envelope


class LoginServer:
    """A server speaking the envelope codec, written here apart from the C++ code:

    channel "login" with json {"user": U}  ->  channel "login", json {"ok": U == "alice"}
    text "ping N"                           ->  text "pong N" ("nope N" for N in `wrong`)
    text "bye"                              ->  closes the connection
    """

    def __init__(self, wrong=()):
        self.wrong = {str(n) for n in wrong}
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections = []
        self.threads = [threading.Thread(target=self._accept, daemon=True)]
        self.threads[0].start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return  # closed
            self.connections.append(conn)
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self.threads.append(thread)
            thread.start()

    @staticmethod
    def _read_exactly(conn, count):
        data = b""
        while len(data) < count:
            chunk = conn.recv(count - len(data))
            if not chunk:
                return None
            data += chunk
        return data

    def _serve(self, conn):
        try:
            while True:
                header = self._read_exactly(conn, 4)
                if header is None:
                    return
                body = self._read_exactly(conn, struct.unpack(">I", header)[0])
                type_, _, name_length, id_ = struct.unpack(">BBHI", body[:8])
                channel = body[8:8 + name_length].decode()
                payload = body[8 + name_length:]
                if channel == "login":
                    user = json.loads(payload).get("user")
                    conn.sendall(envelope(json.dumps({"ok": user == "alice"}, separators=(",", ":")), type_=2,
                                          channel="login"))
                elif payload.startswith(b"ping "):
                    number = payload[5:].decode()
                    word = "nope" if number in self.wrong else "pong"
                    conn.sendall(envelope(f"{word} {number}"))
                elif payload == b"bye":
                    conn.close()
                    return
        except OSError:
            return

    def close(self):
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() that close() alone would not
        except OSError:
            pass
        self.listener.close()
        for conn in self.connections:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            conn.close()
        for thread in self.threads:
            thread.join(timeout=wbcli.WAIT)


def issue_scenario(port):
    """The example of the issue, as written there."""
    return {"clients": {"alice": {"connect": f"127.0.0.1:{port}", "codec": "envelope"},
                        "bob": {"connect": f"127.0.0.1:{port}"}},
            "steps": [
                {"as": "alice", "send": {"channel": "login", "json": {"user": "alice"}}},
                {"as": "alice", "expect": {"channel": "login", "json": {"/ok": True}}, "timeout_ms": 2000},
                {"sleep_ms": 100},
                {"repeat": 3, "steps": [{"as": "bob", "send": {"text": "ping {{seq}}"}},
                                        {"as": "bob", "expect": {"text": "^pong"}}]},
                {"as": "bob", "send": {"text": "bye"}},
                {"as": "bob", "expect_closed": True, "timeout_ms": 1000},
            ]}


RULES = r"""{"on_connect": {"channel": "hello", "text": "welcome {{peer}}"},
 "rules": [
  {"when": {"channel": "login", "json": {"/user": "alice"}}, "reply": {"json": {"ok": true}}},
  {"when": {"channel": "login"}, "reply": {"json": {"ok": false}}},
  {"when": {"text": "^ping (\\d+)$"}, "reply": {"text": "pong {{1}}"}},
  {"when": {"text": "^quit$"}, "reply": {"text": "bye"}, "then": "close"}
 ]}
"""


class RunTest(wbcli.CliTestCase):
    def setUp(self):
        super().setUp()
        self.folder = tempfile.TemporaryDirectory()
        self.addCleanup(self.folder.cleanup)

    def login_server(self, **options):
        server = LoginServer(**options)
        self.addCleanup(server.close)
        return server

    def write(self, scenario, name="scenario.json"):
        """@p scenario (a dict, or text as is) in a file; its path."""
        path = os.path.join(self.folder.name, name)
        with open(path, "w", encoding="utf-8") as file:
            file.write(scenario if isinstance(scenario, str) else json.dumps(scenario, indent=1))
        return path

    def junit(self, path):
        """(testsuite element, [(name, outcome element or None)]) of a JUnit report."""
        root = ET.parse(path).getroot()
        self.assertEqual(root.tag, "testsuites")
        suite = root.find("testsuite")
        cases = [(case.get("name"), next(iter(case), None)) for case in suite.findall("testcase")]
        return suite, cases

    def test_the_issues_scenario_passes_against_a_server_that_answers(self):
        server = self.login_server()
        report = os.path.join(self.folder.name, "report.xml")
        result = self.run_cli("run", self.write(issue_scenario(server.port)), "--junit", report)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")

        events = self.events(result.stdout)
        steps = [(e["path"], e.get("repeat"), e["status"]) for e in events if e["event"] == "step"]
        self.assertEqual(steps, [
            ("steps[0]", None, "passed"), ("steps[1]", None, "passed"), ("steps[2]", None, "passed"),
            ("steps[3].steps[0]", "1 of 3", "passed"), ("steps[3].steps[1]", "1 of 3", "passed"),
            ("steps[3].steps[0]", "2 of 3", "passed"), ("steps[3].steps[1]", "2 of 3", "passed"),
            ("steps[3].steps[0]", "3 of 3", "passed"), ("steps[3].steps[1]", "3 of 3", "passed"),
            ("steps[3]", None, "passed"), ("steps[4]", None, "passed"), ("steps[5]", None, "passed")])
        self.assertEqual(events[1]["name"], 'expect alice channel "login", json /ok = true')
        self.assertGreaterEqual(events[2]["ms"], 100)  # the sleep
        self.assertEqual({k: events[-1][k] for k in ("event", "status", "passed", "failed", "skipped")},
                         {"event": "finished", "status": "passed", "passed": 6, "failed": 0, "skipped": 0})

        suite, cases = self.junit(report)
        self.assertEqual((suite.get("tests"), suite.get("failures"), suite.get("skipped"), suite.get("errors")),
                         ("6", "0", "0", "0"))
        self.assertEqual(suite.get("name"), "scenario")
        self.assertEqual(cases[1][0], 'steps[1] expect alice channel "login", json /ok = true')
        self.assertEqual([outcome for _, outcome in cases], [None] * 6)

    def test_against_serve_with_rules(self):
        # The greeting comes at the connect, before any step: the expectations find it kept.
        _, port = self.serve("--responder", self.write(RULES, "rules.json"), "--events", "none")
        scenario = {"clients": {"alice": {"connect": f"127.0.0.1:{port}"}, "bob": {"connect": f"127.0.0.1:{port}"}},
                    "steps": [
                        {"as": "bob", "expect": {"channel": "hello", "text": "^welcome 127\\.0\\.0\\.1:\\d+$"}},
                        {"as": "alice", "expect": {"channel": "hello"}},
                        {"as": "alice", "send": {"channel": "login", "json": {"user": "alice"}}},
                        {"as": "alice", "expect": {"json": {"/ok": True}}},
                        {"repeat": 3, "steps": [{"as": "bob", "send": {"text": "ping {{seq}}"}},
                                                {"as": "bob", "expect": {"text": "^pong [123]$"}}]},
                        {"as": "bob", "send": {"text": "quit"}},
                        {"as": "bob", "expect": {"text": "^bye$"}},
                        {"as": "bob", "expect_closed": True},
                    ]}
        result = self.run_cli("run", self.write(scenario))
        self.assertEqual(result.returncode, 0, result.stderr + result.stdout)

        scenario["steps"][4]["steps"][1]["expect"]["text"] = "^pong [12]$"
        result = self.run_cli("run", self.write(scenario))
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertEqual(result.stderr, "wirebench-cli: steps[4].steps[1] (repeat 3 of 3): bob expected text matching "
                                        '/^pong [12]$/; got text "pong 3"\n')

    def test_echo_server_with_a_line_codec_given_as_an_object(self):
        _, port = self.serve("--echo", "--codec", "line", "--delimiter", r"\r\n")
        scenario = {"connect": f"127.0.0.1:{port}", "codec": {"codec": "line", "delimiter": "\\r\\n"},
                    "steps": [{"repeat": 2, "steps": [{"send": {"text": "line {{seq}}"}},
                                                      {"expect": {"text": "^line [12]$"}}]}]}
        result = self.run_cli("run", self.write(scenario), "--events", "text")
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(len(lines), 6, result.stdout)
        self.assertRegex(lines[1], r"PASS steps\[0\]\.steps\[1\] \(repeat 1 of 2\) expect text matching /\^line \[12\]\$/ \(\d+ ms\)$")
        self.assertRegex(lines[-1], r"passed: 1 passed, 0 failed, 0 skipped in \d+ ms$")

    def test_a_wrong_answer_fails_at_its_step_and_says_what_came(self):
        server = self.login_server(wrong=[2])
        report = os.path.join(self.folder.name, "report.xml")
        result = self.run_cli("run", self.write(issue_scenario(server.port)), "--junit", report)
        self.assertEqual(result.returncode, 3, result.stderr)
        failure = 'steps[3].steps[1] (repeat 2 of 3): bob expected text matching /^pong/; got text "nope 2"'
        self.assertEqual(result.stderr, f"wirebench-cli: {failure}\n")

        events = [e for e in self.events(result.stdout) if e["event"] == "step"]
        failed = [e for e in events if e["status"] == "failed"]
        self.assertEqual([(e["path"], e.get("repeat")) for e in failed],
                         [("steps[3].steps[1]", "2 of 3"), ("steps[3]", None)])
        self.assertEqual(failed[0]["message"], 'bob expected text matching /^pong/; got text "nope 2"')
        self.assertEqual([(e["path"], e["status"]) for e in events[-2:]],
                         [("steps[4]", "skipped"), ("steps[5]", "skipped")])

        suite, cases = self.junit(report)
        self.assertEqual((suite.get("tests"), suite.get("failures"), suite.get("skipped"), suite.get("errors")),
                         ("6", "1", "2", "0"))
        self.assertEqual([name.split(" ")[0] for name, _ in cases],
                         ["steps[0]", "steps[1]", "steps[2]", "steps[3]", "steps[4]", "steps[5]"])
        self.assertEqual([None if o is None else o.tag for _, o in cases],
                         [None, None, None, "failure", "skipped", "skipped"])
        self.assertEqual(cases[3][1].get("message"), failure)
        self.assertEqual(cases[3][0], "steps[3] repeat 3 times")

    def test_a_refused_login_fails_naming_the_json_that_came(self):
        server = self.login_server()
        scenario = issue_scenario(server.port)
        scenario["steps"][0]["send"]["json"]["user"] = "mallory"
        result = self.run_cli("run", self.write(scenario))
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertEqual(result.stderr, 'wirebench-cli: steps[1]: alice expected channel "login", json /ok = true; '
                                        'got json #login {"ok":false}\n')

    def test_silence_fails_with_nothing_within_the_timeout(self):
        _, port = self.serve()  # no echo: nothing ever comes back
        scenario = {"connect": f"127.0.0.1:{port}",
                    "steps": [{"send": {"text": "hello"}}, {"expect": {"text": "hello"}, "timeout_ms": 300},
                              {"expect_closed": True}]}
        report = os.path.join(self.folder.name, "report.xml")
        result = self.run_cli("run", self.write(scenario), "--junit", report)
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertEqual(result.stderr, "wirebench-cli: steps[1]: expected text matching /hello/; "
                                        "got nothing within 300 ms\n")
        suite, cases = self.junit(report)
        self.assertGreaterEqual(float(suite.findall("testcase")[1].get("time")), 0.3)
        self.assertEqual([None if o is None else o.tag for _, o in cases], [None, "failure", "skipped"])

    def test_a_client_that_cannot_connect_exits_1_naming_it(self):
        _, port = self.serve()
        scenario = issue_scenario(port)
        scenario["clients"]["bob"]["connect"] = f"127.0.0.1:{self.free_port()}"
        report = os.path.join(self.folder.name, "report.xml")
        result = self.run_cli("run", self.write(scenario), "--junit", report)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertRegex(result.stderr, r'^wirebench-cli: client "bob": cannot connect to 127\.0\.0\.1:\d+: '
                                        r'Connection refused\n$')
        events = self.events(result.stdout)
        self.assertEqual({e["status"] for e in events if e["event"] == "step"}, {"skipped"})
        self.assertEqual(events[-1]["status"], "connect_failed")
        suite, cases = self.junit(report)
        self.assertEqual((suite.get("tests"), suite.get("errors"), suite.get("skipped")), ("7", "1", "6"))
        self.assertEqual(cases[0][0], "connect")
        self.assertEqual(cases[0][1].tag, "error")

    def test_invalid_files_exit_2_with_the_line_and_the_key(self):
        port = self.free_port()  # never reached: the file is read first
        two = f'{{"clients": {{"alice": {{"connect": "{port}"}}, "bob": {{"connect": "{port}"}}}},\n "steps": [\n'
        cases = [
            ("unknown key", f'{{"connect": "{port}",\n "stpes": []}}', 2, 'unknown key "stpes"'),
            ("wrong type", two + '  {"sleep_ms": 10},\n  {"as": "bob", "expect": {}, "timeout_ms": "soon"}]}',
             4, '"timeout_ms" must be an integer from 1 to 3600000 (ms)'),
            ("unknown client", two + '  {"as": "carol",\n   "send": {"text": "x"}}]}', 3,
             'unknown client "carol" in "as": the clients are "alice", "bob"'),
            ("missing as", two + '  {"sleep_ms": 10},\n  {"send": {"text": "x"}}]}', 4,
             'which client? This step needs "as": one of "alice", "bob"'),
            ("codec option", f'{{"connect": "{port}", "codec": {{"codec": "envelope",\n "delimiter": "x"}},'
                             ' "steps": []}', 2, '"delimiter" does not apply to the codec "envelope"'),
            ("not JSON", '{"steps": [\n}', 2, ""),
        ]
        for name, text, line, message in cases:
            with self.subTest(name):
                path = self.write(text, name.replace(" ", "_") + ".json")
                result = self.run_cli("run", path)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertTrue(result.stderr.startswith(f"wirebench-cli: {path}:{line}: {message}"), result.stderr)
                self.assertEqual(result.stdout, "")

    def test_bad_arguments_exit_2(self):
        for args, message in ((["run"], "run needs exactly one SCENARIO.json"),
                              (["run", "a.json", "--events", "xml"], "--events must be jsonl, text or none"),
                              (["run", "a.json", "--junit"], "--junit needs a value (FILE)")):
            with self.subTest(args=args):
                result = self.run_cli(*args)
                self.assertEqual(result.returncode, 2)
                self.assertIn(message, result.stderr)
                self.assertIn("Usage: wirebench-cli run", result.stderr)
        missing = os.path.join(self.folder.name, "missing.json")
        result = self.run_cli("run", missing)
        self.assertEqual(result.returncode, 2)
        self.assertTrue(result.stderr.startswith(f"wirebench-cli: {missing}: cannot read"), result.stderr)

    def test_help_names_the_options(self):
        result = self.run_cli("help", "run")
        self.assertEqual(result.returncode, 0)
        for option in ("--junit FILE", "--events FORMAT"):
            self.assertIn(option, result.stdout)


if __name__ == "__main__":
    wbcli.main()
