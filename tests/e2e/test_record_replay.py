#!/usr/bin/env python3
"""Recording, replay and diff (docs/recording.md): --record on serve, send, proxy and run writes the
conversation as it happens; `replay --to` plays its client side against a server and exits 0 when
the answers are the same, 3 with a readable diff when they are not, 1 when it cannot connect and
2 for a damaged file naming the line; `diff` compares two recordings."""

import json
import time

import wbcli

# A server with a login answer that carries a field differing every time.
RULES = {"rules": [
    {"when": {"channel": "login"}, "reply": {"json": {"ok": True, "user": "{{json:/user}}", "at": "{{now}}"}}},
    {"when": {"text": "^QUIT$"}, "reply": {"text": "BYE"}, "then": "close"},
    {"when": {"channel": "blob"}, "reply": {"hex": "000102030405060708090a0b0c0d0e0f10111213"}},
    {"when": {}, "reply": {"text": "#{{seq}} {{text}}"}},
]}
# The same server after a change: the login says no, a byte of the blob differs, QUIT no longer closes.
CHANGED_RULES = {"rules": [
    {"when": {"channel": "login"}, "reply": {"json": {"ok": False, "user": "{{json:/user}}", "at": "{{now}}"}}},
    {"when": {"text": "^QUIT$"}, "reply": {"text": "BYE"}},
    {"when": {"channel": "blob"}, "reply": {"hex": "00010203040506070809ff0b0c0d0e0f10111213"}},
    {"when": {}, "reply": {"text": "#{{seq}} {{text}}"}},
]}

HEADER = {"wirebench": "recording", "version": 1, "codec": {"codec": "line"}, "started": "2026-12-07T14:00:00.000Z"}


def read_recording(path):
    with open(path, encoding="utf-8") as file:
        lines = [json.loads(line) for line in file]
    return lines[0], lines[1:]


def messages(events, direction):
    return [event for event in events if event["event"] == "message" and event["dir"] == direction]


class RecordReplayTest(wbcli.CliTestCase):
    def responder(self, rules, *args):
        return self.serve("--responder", self.write_lines(f"rules{len(self.processes)}.json", [rules]), *args)

    def stop(self, process):
        """SIGINT, then the exit code: the recording is complete once the process has ended."""
        process.signal(wbcli.SIGINT)
        return process.wait()

    def send(self, port, *args):
        result = self.run_cli("send", f"127.0.0.1:{port}", *args)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result

    def replay(self, recording, port, *args):
        return self.run_cli("replay", recording, "--to", f"127.0.0.1:{port}", "--timeout", "2000", *args)

    def record_login_session(self):
        """serve --record with RULES while a client logs in, fetches the blob and quits; returns the file."""
        recording = self.path("session.jsonl")
        server, port = self.responder(RULES, "--record", recording, "--events", "none")
        self.send(port, "--channel", "login", "--json", '{"user":"alice"}', "--expect", "1")
        self.send(port, "--channel", "blob", "--text", "give", "--expect", "1")
        self.send(port, "--text", "hello", "--text", "QUIT", "--expect", "2")
        self.assertEqual(self.stop(server), 0)
        return recording

    def test_serve_records_every_connection_in_order(self):
        recording = self.record_login_session()
        header, events = read_recording(recording)
        self.assertEqual(header["wirebench"], "recording")
        self.assertEqual(header["version"], 1)
        self.assertEqual(header["recorder"], "serve")
        self.assertEqual(header["codec"], {"codec": "envelope", "max-frame": 16777216})
        self.assertRegex(header["started"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        times = [event["t_us"] for event in events]
        self.assertEqual(times, sorted(times))
        self.assertEqual([event["event"] for event in events if event["conn"] == 1],
                         ["connected", "message", "message", "disconnected"])
        login_in, login_out = [event for event in events if event["conn"] == 1 and event["event"] == "message"]
        self.assertEqual((login_in["dir"], login_in["channel"], login_in["type"]), ("c2s", "login", "json"))
        self.assertEqual(bytes.fromhex(login_in["payload_hex"]), b'{"user":"alice"}')
        self.assertEqual(login_out["dir"], "s2c")
        self.assertEqual(json.loads(bytes.fromhex(login_out["payload_hex"]))["user"], "alice")
        ends = {event["conn"]: event for event in events if event["event"] == "disconnected"}
        self.assertEqual(ends[1]["side"], "client")
        self.assertEqual((ends[3]["side"], ends[3]["reason"]), ("server", "ClosedLocally"))
        self.assertEqual([bytes.fromhex(event["payload_hex"]) for event in messages(events, "s2c") if event["conn"] == 3],
                         [b"#1 hello", b"BYE"])

    def test_replay_against_the_same_server_is_the_same_once_the_clock_is_ignored(self):
        recording = self.record_login_session()
        _, port = self.responder(RULES)
        result = self.replay(recording, port, "--speed", "max", "--ignore", "/at")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(result.stdout.strip(), "same: 4 messages in 3 connections")

        result = self.replay(recording, port, "--speed", "max")
        self.assertEqual(result.returncode, 3, result.stdout + result.stderr)
        self.assertRegex(result.stdout, r'connection 1 \(conn 1, 127\.0\.0\.1:\d+\), s2c message 1: at /at: "\d+", then "\d+"')
        self.assertTrue(result.stdout.rstrip().endswith("1 difference in 1 of 3 connections"), result.stdout)

    def test_replay_against_a_changed_server_prints_each_difference(self):
        recording = self.record_login_session()
        _, port = self.responder(CHANGED_RULES)
        result = self.replay(recording, port, "--speed", "max", "--ignore", "/at")
        self.assertEqual(result.returncode, 3, result.stdout + result.stderr)
        blocks = result.stdout.split("\n\n")
        self.assertEqual(len(blocks), 4, result.stdout)
        # The login: JSON shown as JSON, with where it differs.
        login = blocks[0].splitlines()
        self.assertRegex(login[0], r"^connection 1 \(conn 1, 127\.0\.0\.1:\d+\), s2c message 1: at /ok: true, then false$")
        self.assertRegex(login[1], r'^  expected: json #login \{"at":"\d+","ok":true,"user":"alice"\}$')
        self.assertRegex(login[2], r'^  got:      json #login \{"at":"\d+","ok":false,"user":"alice"\}$')
        # The blob: hex, with the first differing byte marked under what came.
        blob = blocks[1].splitlines()
        self.assertRegex(blob[0], r"^connection 2 \(conn 2, .*\), s2c message 1: first difference at byte 10$")
        self.assertEqual(blob[1], "  expected: binary #blob (20 B) 00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10 11 12 13")
        self.assertEqual(blob[2], "  got:      binary #blob (20 B) 00 01 02 03 04 05 06 07 08 09 ff 0b 0c 0d 0e 0f 10 11 12 13")
        self.assertEqual(blob[3].index("^^"), blob[2].index("ff"))
        self.assertTrue(blob[3].endswith("^^ byte 10"))
        # QUIT no longer closes: a connection the server closed in the recording must close again.
        self.assertRegex(blocks[2], r"^connection 3 \(conn 3, .*\): the server closed the connection in the "
                                    r"recording \(ClosedLocally\); this time it did not$")
        self.assertEqual(blocks[3].strip(), "3 differences in 3 of 3 connections")

        # What may change is left out: the login's answer and the blob's channel.
        result = self.replay(recording, port, "--speed", "max", "--ignore", "/at,/ok", "--ignore-channel", "blob")
        self.assertEqual(result.returncode, 3, result.stdout)  # the close still differs
        self.assertNotIn("s2c message", result.stdout)
        self.assertIn("1 difference in 1 of 3 connections", result.stdout)

    def test_junit_report_has_a_testcase_per_connection(self):
        recording = self.record_login_session()
        _, port = self.responder(CHANGED_RULES)
        report = self.path("replay.xml")
        result = self.replay(recording, port, "--speed", "max", "--ignore", "/at", "--junit", report)
        self.assertEqual(result.returncode, 3, result.stderr)
        with open(report, encoding="utf-8") as file:
            xml = file.read()
        self.assertIn('tests="3" failures="3" errors="0"', xml)
        self.assertEqual(xml.count("<testcase "), 3)
        self.assertIn("at /ok: true, then false", xml)

    def test_proxy_records_both_directions_and_the_replay_is_the_same(self):
        upstream, upstream_port = self.serve("--echo", "--events", "none")
        recording = self.path("proxied.jsonl")
        proxy, port = self.proxy(upstream_port, "--record", recording, "--events", "none")
        self.send(port, "--channel", "a", "--text", "one", "--json", '{"n":[1,2]}', "--hex", "00ff10",
                  "--cbor", '{"k":true}', "--expect", "4")
        self.assertEqual(self.stop(proxy), 0)
        header, events = read_recording(recording)
        self.assertEqual(header["recorder"], "proxy")
        sent = messages(events, "c2s")
        self.assertEqual([(event["type"], event["payload_hex"]) for event in sent],
                         [("text", b"one".hex()), ("json", b'{"n":[1,2]}'.hex()), ("binary", "00ff10"),
                          ("cbor", "a1616bf5")])
        self.assertEqual([event["payload_hex"] for event in messages(events, "s2c")],
                         [event["payload_hex"] for event in sent])
        self.assertIn("upstream-connected", [event["event"] for event in events])

        result = self.replay(recording, upstream_port)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(result.stdout.strip(), "same: 4 messages in 1 connection")

    def test_every_codec_records_exact_bytes_and_replays_the_same(self):
        payloads = [b"first line", b"x" * 300, bytes(range(1, 40))]
        json_payloads = [b'{"n":1}', b'{"text":"' + b"x" * 300 + b'"}', b"[1,2,3]"]  # python-comms carries JSON
        for codec in (["--codec", "envelope"], ["--codec", "length", "--length-bytes", "2"],
                      ["--codec", "line", "--delimiter", "\\r\\n"], ["--codec", "python-comms"]):
            with self.subTest(codec=codec[1]):
                recording = self.path(f"{codec[1]}.jsonl")
                server, port = self.serve("--echo", "--events", "none", "--record", recording, *codec)
                args = []
                if codec[1] == "python-comms":
                    payloads = json_payloads
                for payload in payloads:
                    args += ["--hex", payload.hex()] if codec[1] != "line" else ["--text", payload.decode("latin-1")]
                self.send(port, *codec, *args, "--expect", "3")
                self.assertEqual(self.stop(server), 0)
                header, events = read_recording(recording)
                self.assertEqual(header["codec"]["codec"], "line" if codec[1] == "line" else
                                 "length" if codec[1] != "envelope" else "envelope")
                if codec[1] != "line":  # a line codec's text is the same bytes in UTF-8
                    self.assertEqual([bytes.fromhex(event["payload_hex"]) for event in messages(events, "c2s")], payloads)
                    self.assertEqual([bytes.fromhex(event["payload_hex"]) for event in messages(events, "s2c")], payloads)
                _, replay_port = self.serve("--echo", "--events", "none", *codec)
                result = self.replay(recording, replay_port, "--speed", "max")
                self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
                self.assertEqual(result.stdout.strip(), "same: 3 messages in 1 connection")

    def test_raw_codec_records_what_each_read_brought(self):
        recording = self.path("raw.jsonl")
        server, port = self.serve("--echo", "--events", "none", "--record", recording, "--codec", "raw")
        sock = self.connect(port)
        sock.sendall(b"\x00\x01raw bytes")
        self.assertEqual(self.recv_exactly(sock, 11), b"\x00\x01raw bytes")
        sock.close()
        self.assertEqual(self.stop(server), 0)
        _, events = read_recording(recording)
        self.assertEqual(b"".join(bytes.fromhex(event["payload_hex"]) for event in messages(events, "c2s")),
                         b"\x00\x01raw bytes")

    def test_send_and_serve_record_the_same_conversation(self):
        server_file, client_file = self.path("server.jsonl"), self.path("client.jsonl")
        server, port = self.serve("--echo", "--events", "none", "--record", server_file)
        self.send(port, "--text", "a", "--json", '{"b":2}', "--expect", "2", "--record", client_file)
        self.assertEqual(self.stop(server), 0)
        header, events = read_recording(client_file)
        self.assertEqual(header["recorder"], "send")
        self.assertEqual(events[-1]["side"], "client")
        result = self.run_cli("diff", server_file, client_file)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(result.stdout.strip(), "same: 4 messages in 1 connection")

    def test_run_records_the_scenario_and_diff_tells_two_runs_apart(self):
        _, port = self.responder(RULES)
        scenario = self.write_lines("scenario.json", [{
            "connect": f"127.0.0.1:{port}",
            "steps": [{"send": {"channel": "x", "text": "ping"}}, {"expect": {"text": "^#1 ping$"}},
                      {"send": {"channel": "x", "text": "pong"}}, {"expect": {"text": "^#2 pong$"}}]}])
        first, second = self.path("run1.jsonl"), self.path("run2.jsonl")
        for path in (first, second):
            result = self.run_cli("run", scenario, "--record", path)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        header, events = read_recording(first)
        self.assertEqual(header["recorder"], "run")
        self.assertEqual([bytes.fromhex(event["payload_hex"]) for event in messages(events, "s2c")], [b"#1 ping", b"#2 pong"])
        self.assertEqual(self.run_cli("diff", first, second).returncode, 0)

        # A third run against another server differs in what came back, not in what went.
        _, other = self.serve("--echo", "--events", "none")
        with open(scenario, encoding="utf-8") as file:
            text = file.read().replace(str(port), str(other))
        changed = self.write_lines("other.json", [text.strip()])
        third = self.path("run3.jsonl")
        self.assertEqual(self.run_cli("run", changed, "--record", third).returncode, 3)
        result = self.run_cli("diff", first, third)
        self.assertEqual(result.returncode, 3, result.stdout)
        # The run stopped at its failed expectation, so its second send is missing too.
        self.assertIn("c2s message 2: did not come", result.stdout)
        self.assertIn("s2c message 1: 7 bytes, then 4; first difference at byte 0", result.stdout)
        self.assertIn('expected: text #x "#1 ping"', result.stdout)
        self.assertIn('got:      text #x "ping"', result.stdout)
        self.assertNotIn("c2s message 1", result.stdout)

    def test_unordered_and_ignored_channels(self):
        recording = self.write_lines("two-channels.jsonl", [
            HEADER | {"codec": {"codec": "envelope"}},
            {"t_us": 0, "conn": 1, "event": "connected", "peer": "127.0.0.1:40000"},
            {"t_us": 10, "conn": 1, "event": "message", "dir": "c2s", "channel": "q", "type": "text", "payload_hex": b"go".hex()},
            {"t_us": 20, "conn": 1, "event": "message", "dir": "s2c", "channel": "a", "type": "text", "payload_hex": b"A".hex()},
            {"t_us": 30, "conn": 1, "event": "message", "dir": "s2c", "channel": "b", "type": "text", "payload_hex": b"B".hex()},
            {"t_us": 40, "conn": 1, "event": "message", "dir": "s2c", "channel": "tick", "type": "text", "payload_hex": b"t".hex()},
        ])
        # This server answers b before a, and has no tick.
        _, port = self.responder({"rules": [{"when": {"channel": "q"},
                                             "reply": [{"channel": "b", "text": "B"}, {"channel": "a", "text": "A"}]}]})
        ordered = self.replay(recording, port, "--speed", "max")
        self.assertEqual(ordered.returncode, 3)
        self.assertIn('s2c message 1: channel "a", then "b"', ordered.stdout)
        self.assertIn("s2c message 3: did not come", ordered.stdout)
        unordered = self.replay(recording, port, "--speed", "max", "--unordered")
        self.assertEqual(unordered.returncode, 3)
        self.assertNotIn('channel "a", then "b"', unordered.stdout)
        passing = self.replay(recording, port, "--speed", "max", "--unordered", "--ignore-channel", "tick")
        self.assertEqual(passing.returncode, 0, passing.stdout)
        self.assertEqual(passing.stdout.strip(), "same: 2 messages in 1 connection")

    def test_speed_divides_the_recorded_gaps(self):
        recording = self.write_lines("paced.jsonl", [
            HEADER,
            {"t_us": 5000000, "conn": 1, "event": "connected", "peer": "127.0.0.1:40000"},
            {"t_us": 5000100, "conn": 1, "event": "message", "dir": "c2s", "type": "text", "payload_hex": b"a".hex()},
            {"t_us": 5000200, "conn": 1, "event": "message", "dir": "s2c", "type": "text", "payload_hex": b"a".hex()},
            {"t_us": 5600000, "conn": 1, "event": "message", "dir": "c2s", "type": "text", "payload_hex": b"b".hex()},
            {"t_us": 5600100, "conn": 1, "event": "message", "dir": "s2c", "type": "text", "payload_hex": b"b".hex()},
        ])
        _, port = self.serve("--echo", "--events", "none", "--codec", "line")
        started = time.monotonic()
        self.assertEqual(self.replay(recording, port).returncode, 0)
        # 0.6 s between the sends at speed 1 (the 5 s before the first connect are not waited).
        self.assertGreaterEqual(time.monotonic() - started, 0.55)
        result = self.replay(recording, port, "--speed", "2")
        self.assertEqual((result.returncode, result.stdout.strip()), (0, "same: 2 messages in 1 connection"))

    def test_a_damaged_recording_is_refused_naming_its_line(self):
        good_event = {"t_us": 1, "conn": 1, "event": "message", "dir": "c2s", "type": "text", "payload_hex": "6869"}
        cases = {
            "truncated": [HEADER, good_event, '{"t_us":2,"conn":1,"event":"mess'],
            "bad hex": [HEADER, good_event, good_event | {"payload_hex": "6g69"}],
            "odd hex": [HEADER, good_event | {"payload_hex": "686"}],
            "wrong version": [HEADER | {"version": 2}, good_event],
            "not a recording": [{"event": "message"}],
            "size": [HEADER, good_event | {"size": 3}],
            "time backwards": [HEADER, good_event | {"t_us": 10}, good_event | {"t_us": 5}],
            "bad dir": [HEADER, good_event | {"dir": "up"}],
        }
        expected = {"truncated": (3, "not JSON"), "bad hex": (3, '"payload_hex" must be'),
                    "odd hex": (2, '"payload_hex" must be'), "wrong version": (1, "recording version 2"),
                    "not a recording": (1, "not a Wirebench recording"), "size": (2, '"size" says 3 bytes'),
                    "time backwards": (3, "before the line above"), "bad dir": (2, '"dir" must be')}
        port = self.free_port()
        for name, lines in cases.items():
            with self.subTest(name):
                path = self.write_lines(name.replace(" ", "-") + ".jsonl", lines)
                for command in (["replay", path, "--to", f"127.0.0.1:{port}"], ["diff", path, path]):
                    result = self.run_cli(*command)
                    self.assertEqual(result.returncode, 2, result.stderr)
                    line, words = expected[name]
                    self.assertIn(f"{path}:{line}: ", result.stderr)
                    self.assertIn(words, result.stderr)

    def test_exit_codes_for_connect_failure_and_bad_options(self):
        recording = self.write_lines("one.jsonl", [
            HEADER, {"t_us": 0, "conn": 1, "event": "message", "dir": "c2s", "type": "text", "payload_hex": "6869"}])
        result = self.replay(recording, self.free_port())
        self.assertEqual(result.returncode, 1)
        self.assertIn("Connection refused", result.stderr)
        for options in (["--speed", "0"], ["--speed", "fast"], ["--ignore", "no-slash"]):
            with self.subTest(options=options):
                self.assertEqual(self.replay(recording, 1, *options).returncode, 2)
        self.assertEqual(self.run_cli("replay", recording).returncode, 2)
        self.assertEqual(self.run_cli("diff", recording).returncode, 2)

    def test_a_recording_reaches_the_disk_while_the_server_runs(self):
        recording = self.path("live.jsonl")
        server, port = self.serve("--echo", "--events", "none", "--record", recording)
        self.send(port, "--text", "kept", "--expect", "1")
        sent = time.monotonic()
        # The writer flushes at least every 200 ms: the line is there well within a second, and a
        # server killed without warning (no clean exit) leaves it behind.
        deadline = sent + 1.0 * wbcli.TIME_FACTOR
        text = ""
        while time.monotonic() < deadline and '"dir":"s2c"' not in text:
            with open(recording, encoding="utf-8") as file:
                text = file.read()
            time.sleep(0.02)
        server.kill()
        self.assertIn('"dir":"s2c"', text)
        _, events = read_recording(recording)
        self.assertEqual([bytes.fromhex(event["payload_hex"]) for event in messages(events, "s2c")], [b"kept"])

    def test_every_message_of_a_flood_is_in_the_file(self):
        recording = self.path("flood.jsonl")
        server, port = self.serve("--echo", "--events", "none", "--record", recording)
        count = 100000
        frames = b"".join(wbcli.envelope(b"%08d" % i, type_=0) for i in range(count))
        sock = self.connect(port)
        sock.sendall(frames)  # the echoes are read below: the server's socket buffer cannot block it for long
        self.assertEqual(self.recv_exactly(sock, len(frames)), frames)
        sock.close()
        self.assertEqual(self.stop(server), 0)
        _, events = read_recording(recording)
        for direction in ("c2s", "s2c"):
            sent = messages(events, direction)
            self.assertEqual(len(sent), count)
            self.assertEqual(bytes.fromhex(sent[0]["payload_hex"]), b"00000000")
            self.assertEqual(bytes.fromhex(sent[-1]["payload_hex"]), b"%08d" % (count - 1))


if __name__ == "__main__":
    wbcli.main()
