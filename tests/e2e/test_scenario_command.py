#!/usr/bin/env python3
"""wirebench-cli scenario: a recording, written here by hand as docs/recording.md describes it,
turned into a scenario that `wirebench-cli run` passes against the responder server it was
recorded from (and fails without --ignore on the field that changes); a damaged recording and
bad options named on stderr with exit 2."""

import json

import wbcli

# The server that was "recorded": a greeting, a json answer with a field that differs every time,
# and QUIT closing the connection.
RULES = {
    "on_connect": {"channel": "hello", "text": "welcome"},
    "rules": [
        {"when": {"channel": "time"},
         "reply": {"json": {"ok": True, "at": "{{random:1-1000000000}}", "echo": "{{text}}"}}},
        {"when": {"text": "^QUIT$"}, "reply": {"text": "BYE"}, "then": "close"},
    ],
}


def header(codec):
    return {"wirebench": "recording", "version": 1, "codec": codec, "started": "2026-01-01T00:00:00.000Z",
            "recorder": "serve"}


def message(t_us, conn, direction, channel, type_, payload, id_=0):
    data = payload.encode()
    return {"t_us": t_us, "conn": conn, "event": "message", "dir": direction, "channel": channel, "type": type_,
            "id": id_, "size": len(data), "payload_hex": data.hex()}


def connected(t_us, conn):
    return {"t_us": t_us, "conn": conn, "event": "connected", "peer": f"127.0.0.1:{40000 + conn}"}


def disconnected(t_us, conn, side):
    return {"t_us": t_us, "conn": conn, "event": "disconnected", "side": side, "reason": "PeerClosed"}


# Two connections as serve would record them against RULES: the second one connects while the
# first is open; the server closes the first after QUIT; "at" is whatever the server drew then.
RESPONDER_RECORDING = [
    header({"codec": "envelope"}),
    connected(0, 1),
    message(1000, 1, "s2c", "hello", "text", "welcome"),
    message(2000, 1, "c2s", "time", "json", '{"q":1}', 5),
    message(3000, 1, "s2c", "time", "json", '{"at":"4711","echo":"{\\"q\\":1}","ok":true}', 5),
    connected(50000, 2),
    message(51000, 2, "s2c", "hello", "text", "welcome"),
    message(120000, 1, "c2s", "", "text", "QUIT"),
    message(121000, 1, "s2c", "", "text", "BYE"),
    disconnected(122000, 1, "server"),
    message(130000, 2, "c2s", "time", "json", '{"q":2}', 6),
    message(131000, 2, "s2c", "time", "json", '{"at":"99","echo":"{\\"q\\":2}","ok":true}', 6),
    disconnected(140000, 2, "client"),
]


class ScenarioCommandTest(wbcli.CliTestCase):
    def convert(self, recording, *options, name="scenario.json"):
        """Runs `scenario`; asserts it succeeded; writes its stdout to @name; returns (path, stderr)."""
        result = self.run_cli("scenario", recording, *options)
        self.assertEqual(result.returncode, 0, result.stderr)
        path = self.path(name)
        with open(path, "w", encoding="utf-8") as file:
            file.write(result.stdout)
        return path, result.stderr

    def run_scenario(self, path):
        return self.run_cli("run", path, "--events", "text")

    def test_replays_against_the_recorded_responder(self):
        rules = self.write_lines("rules.json", [RULES])
        _, port = self.serve("--responder", rules)
        recording = self.write_lines("session.jsonl", RESPONDER_RECORDING)

        scenario, notes = self.convert(recording, "--connect", f"127.0.0.1:{port}", "--ignore", "/at",
                                       "--name", "responder")
        self.assertEqual(notes, "")
        with open(scenario, encoding="utf-8") as file:
            text = file.read()
        parsed = json.loads(text)
        self.assertEqual(parsed["name"], "responder")
        self.assertEqual(sorted(parsed["clients"]), ["c1", "c2"])
        self.assertEqual(parsed["clients"]["c1"], {"connect": f"127.0.0.1:{port}",
                                                   "codec": {"codec": "envelope", "max-frame": 16777216}})
        # One step a line, in the recording's order; the 69 ms pause before QUIT kept.
        step_lines = [line.strip().rstrip(",") for line in text.splitlines() if line.startswith("    {\"")]
        self.assertEqual([json.loads(line) for line in step_lines], parsed["steps"])
        self.assertEqual(parsed["steps"], [
            {"as": "c1", "expect": {"channel": "hello", "type": "text", "text": "^welcome$"}},
            {"as": "c1", "send": {"channel": "time", "id": 5, "json": {"q": 1}}},
            {"as": "c1", "expect": {"channel": "time", "type": "json", "json": {"/echo": '{"q":1}', "/ok": True}}},
            {"as": "c2", "expect": {"channel": "hello", "type": "text", "text": "^welcome$"}},
            {"sleep_ms": 69},
            {"as": "c1", "send": {"text": "QUIT"}},
            {"as": "c1", "expect": {"channel": "", "type": "text", "text": "^BYE$"}},
            {"as": "c1", "expect_closed": True},
            {"as": "c2", "send": {"channel": "time", "id": 6, "json": {"q": 2}}},
            {"as": "c2", "expect": {"channel": "time", "type": "json", "json": {"/echo": '{"q":2}', "/ok": True}}},
        ])

        result = self.run_scenario(scenario)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("passed: 10 passed, 0 failed, 0 skipped", result.stdout)

        # Without --ignore, "at" is checked: the server drew another number.
        strict, _ = self.convert(recording, "--connect", f"127.0.0.1:{port}", name="strict.json")
        result = self.run_scenario(strict)
        self.assertEqual(result.returncode, 3, result.stdout + result.stderr)
        self.assertIn('steps[2]: c1 expected channel "time", type json, json /at = "4711"', result.stderr)

    def test_an_ignored_channel_is_passed_over(self):
        rules = self.write_lines("rules.json", [RULES])
        _, port = self.serve("--responder", rules)
        recording = self.write_lines("session.jsonl", RESPONDER_RECORDING)
        scenario, _ = self.convert(recording, "--connect", f"127.0.0.1:{port}", "--ignore", "/at",
                                   "--ignore-channel", "hello")
        with open(scenario, encoding="utf-8") as file:
            steps = json.load(file)["steps"]
        # No greeting expected; every expectation of both clients lets the greeting pass.
        self.assertEqual(steps, [
            {"as": "c1", "send": {"channel": "time", "id": 5, "json": {"q": 1}}},
            {"as": "c1", "expect": {"channel": "time", "type": "json", "json": {"/echo": '{"q":1}', "/ok": True}},
             "skip_others": True},
            {"sleep_ms": 117},
            {"as": "c1", "send": {"text": "QUIT"}},
            {"as": "c1", "expect": {"channel": "", "type": "text", "text": "^BYE$"}, "skip_others": True},
            {"as": "c1", "expect_closed": True, "skip_others": True},
            {"as": "c2", "send": {"channel": "time", "id": 6, "json": {"q": 2}}},
            {"as": "c2", "expect": {"channel": "time", "type": "json", "json": {"/echo": '{"q":2}', "/ok": True}},
             "skip_others": True},
        ])
        result = self.run_scenario(scenario)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_a_text_a_send_would_template_goes_as_hex(self):
        # The line codec carries no type: the bytes as hex are the same line to the echo server.
        _, port = self.serve("--codec", "line", "--echo")
        recording = self.write_lines("echo.jsonl", [
            header({"codec": "line"}),
            connected(0, 1),
            message(100, 1, "c2s", "", "text", "a {{b}} c"),
            message(200, 1, "s2c", "", "text", "a {{b}} c"),
            message(400, 1, "c2s", "", "text", "end."),
            message(500, 1, "s2c", "", "text", "end."),
        ])
        scenario, notes = self.convert(recording, "--connect", f"127.0.0.1:{port}")
        self.assertEqual(notes.strip(), f"wirebench-cli: {recording}:3: its text holds \"{{{{\", which a send would "
                                        "read as a placeholder: sent as hex, a binary message")
        with open(scenario, encoding="utf-8") as file:
            steps = json.load(file)["steps"]
        self.assertEqual(steps, [
            {"send": {"hex": "a {{b}} c".encode().hex()}},
            {"expect": {"type": "text", "text": "^a \\{\\{b\\}\\} c$"}},
            {"send": {"text": "end."}},
            {"expect": {"type": "text", "text": "^end\\.$"}},
        ])
        result = self.run_scenario(scenario)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_a_damaged_recording_names_its_line(self):
        good = [header({"codec": "envelope"}), connected(0, 1), message(10, 1, "c2s", "", "text", "hi")]
        bad_hex = dict(message(20, 1, "s2c", "", "text", "hi"), payload_hex="6g")
        cases = {
            "bad hex": (good + [bad_hex], 4, '"payload_hex" must be a string of hex digit pairs'),
            "cut short": (good + ['{"t_us":20,"conn":1,"event":"mess'], 4, "cut short?"),
            "wrong version": ([dict(good[0], version=2)] + good[1:], 1, "recording version 2"),
        }
        for name, (lines, line, why) in cases.items():
            with self.subTest(name):
                recording = self.write_lines("damaged.jsonl", lines)
                result = self.run_cli("scenario", recording, "--connect", "127.0.0.1:7000")
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertEqual(result.stdout, "")
                self.assertIn(f"wirebench-cli: {recording}:{line}: ", result.stderr)
                self.assertIn(why, result.stderr)

    def test_usage_errors(self):
        recording = self.write_lines("ok.jsonl", [header({"codec": "envelope"}), connected(0, 1)])
        empty = self.write_lines("empty.jsonl", [header({"codec": "envelope"})])
        cases = [
            ((recording,), "--connect HOST:PORT is required"),
            ((recording, "--connect", "127.0.0.1"), "--connect: HOST:PORT needs a port"),
            ((recording, "--connect", "7000", "--unordered"), "--unordered does not apply"),
            ((recording, "--connect", "7000", "--ignore", "ts"), '--ignore: "ts" is not a JSON Pointer'),
            (("--connect", "7000"), "scenario needs exactly one RECORDING"),
            ((self.path("missing.jsonl"), "--connect", "7000"), "cannot read"),
            ((empty, "--connect", "7000"), "no connection in it"),
        ]
        for arguments, message_ in cases:
            with self.subTest(arguments=arguments):
                result = self.run_cli("scenario", *arguments)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(message_, result.stderr)
                self.assertEqual(result.stdout, "")

        # One connection: the client at the top, no "as"; ":PORT" means 127.0.0.1.
        result = self.run_cli("scenario", recording, "--connect", ":7000")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout), {"connect": "127.0.0.1:7000",
                                                     "codec": {"codec": "envelope", "max-frame": 16777216},
                                                     "steps": []})

        help_text = self.run_cli("help", "scenario")
        self.assertEqual(help_text.returncode, 0)
        self.assertIn("--ignore-channel NAME,...", help_text.stdout)
        self.assertNotIn("--unordered", help_text.stdout)


if __name__ == "__main__":
    wbcli.main()
