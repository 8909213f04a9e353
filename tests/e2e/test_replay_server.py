#!/usr/bin/env python3
"""wirebench-cli replay RECORDING --as-server: a recording's server side answering real clients
(wirebench-cli send and Python sockets) with the envelope and line codecs, mismatches as
ReplayMismatch events, the recorded gaps and close, conversations taken in turn, and a
damaged recording or bad options refused with exit 2."""

import json
import time

import wbcli
from wbcli import envelope

STARTED = "2026-12-07T14:00:00.000Z"


def header(codec):
    return {"wirebench": "recording", "version": 1, "codec": codec, "started": STARTED}


def connected(t_us, conn=1):
    return {"t_us": t_us, "conn": conn, "event": "connected", "peer": "127.0.0.1:50000"}


def message(t_us, direction, payload, type_="text", channel="", conn=1):
    if isinstance(payload, str):
        payload = payload.encode()
    return {"t_us": t_us, "conn": conn, "event": "message", "dir": direction, "channel": channel,
            "type": type_, "id": 0, "size": len(payload), "payload_hex": payload.hex()}


def server_closed(t_us, conn=1):
    return {"t_us": t_us, "conn": conn, "event": "disconnected", "side": "server", "reason": "ClosedLocally"}


# A login over the envelope codec: a greeting, the request, its answer.
LOGIN = [
    header({"codec": "envelope"}),
    connected(0),
    message(500, "s2c", '{"hello":"wirebench"}', "json", "sys"),
    message(2000, "c2s", '{"user":"alice","ts":17}', "json", "login"),
    message(3000, "s2c", '{"ok":true}', "json", "login"),
]

# An SMTP-like talk over the line codec that the server ends.
SMTP = [
    header({"codec": "line"}),
    connected(0),
    message(100, "s2c", "220 ready"),
    message(1000, "c2s", "HELO there"),
    message(1200, "s2c", "250 hi"),
    message(2000, "c2s", "QUIT"),
    message(2100, "s2c", "221 bye"),
    server_closed(2200),
]


class ReplayServerTest(wbcli.CliTestCase):
    def recording(self, lines):
        """Writes @lines (dicts, or raw strings kept as they are) to a file of its own; returns its path."""
        self._recordings = getattr(self, "_recordings", 0) + 1
        return self.write_lines(f"recording{self._recordings}.jsonl", lines)

    def replay_server(self, lines, *args):
        """Starts `replay RECORDING --as-server` (lines, or a file's path) on any port; returns (process, port)."""
        path = lines if isinstance(lines, str) else self.recording(lines)
        process = self.start("replay", path, "--as-server", "--listen", "127.0.0.1:0", *args)
        first = process.readline()
        match = wbcli.LISTENING.match(first or "")
        if not match:
            self.fail(f"first line {first!r}; stderr: {process.stderr_text()}")
        return process, int(match.group(1))

    def read_line(self, sock):
        data = b""
        while not data.endswith(b"\n"):
            chunk = sock.recv(1)
            if not chunk:
                raise AssertionError(f"connection closed after {data!r}")
            data += chunk
        return data[:-1].decode()

    def test_send_gets_the_greeting_and_the_answer_over_the_envelope_codec(self):
        server, port = self.replay_server(LOGIN)
        result = self.run_cli("send", f"127.0.0.1:{port}", "--channel", "login",
                              "--json", '{"user":"alice","ts":17}', "--expect", "2", "--events", "jsonl")
        self.assertEqual(result.returncode, 0, result.stderr)
        got = [(e["channel"], e["type"], e["text"]) for e in self.events(result.stdout)]
        self.assertEqual(got, [("sys", "json", '{"hello":"wirebench"}'), ("login", "json", '{"ok":true}')])
        connected_event = server.event_named("connected")
        self.assertEqual(connected_event["conversation"], 1)
        received = server.event()
        self.assertEqual((received["event"], received["channel"], received["text"]),
                         ("message", "login", '{"user":"alice","ts":17}'))
        self.assertEqual(server.event()["event"], "disconnected")  # send closed it, no error before

    def test_a_line_client_is_answered_turn_by_turn_and_closed_as_recorded(self):
        server, port = self.replay_server(SMTP, "--speed", "max")
        sock = self.connect(port)
        self.assertEqual(self.read_line(sock), "220 ready")
        sock.sendall(b"HELO there\n")
        self.assertEqual(self.read_line(sock), "250 hi")
        sock.sendall(b"QUIT\n")
        self.assertEqual(self.read_line(sock), "221 bye")
        sock.settimeout(wbcli.WAIT)
        self.assertEqual(sock.recv(4096), b"")  # the recorded server's orderly close
        disconnected = server.event_named("disconnected")
        self.assertEqual(disconnected["reason"], "ClosedLocally")
        self.assertEqual(disconnected["peer"], "127.0.0.1:%d" % sock.getsockname()[1])

    def test_a_different_message_is_a_ReplayMismatch_and_still_answered(self):
        server, port = self.replay_server(LOGIN)
        sock = self.connect(port)
        sock.sendall(envelope('{"user":"bob","ts":17}', type_=2, channel="login"))
        error = server.event_named("error")
        self.assertEqual(error["code"], "ReplayMismatch")
        self.assertEqual(error["message"], 'c2s message 1: at /user: "alice", then "bob"')
        self.assertEqual(error["expected"], 'json #login {"user":"alice","ts":17}')
        self.assertEqual(error["got"], 'json #login {"user":"bob","ts":17}')
        greeting = envelope('{"hello":"wirebench"}', type_=2, channel="sys")
        answer = envelope('{"ok":true}', type_=2, channel="login")
        self.assertEqual(self.recv_exactly(sock, len(greeting) + len(answer)), greeting + answer)

    def test_ignore_leaves_a_pointer_out_of_the_comparison(self):
        server, port = self.replay_server(LOGIN, "--ignore", "/ts")
        result = self.run_cli("send", f"127.0.0.1:{port}", "--channel", "login",
                              "--json", '{"user":"alice","ts":99}', "--expect", "2", "--events", "jsonl")
        self.assertEqual(result.returncode, 0, result.stderr)
        events = [server.event()["event"] for _ in range(3)]
        self.assertEqual(events, ["connected", "message", "disconnected"])

    def test_a_message_past_the_recording_says_nothing_more_recorded(self):
        server, port = self.replay_server(LOGIN, "--speed", "max")
        sock = self.connect(port)
        sock.sendall(envelope('{"user":"alice","ts":17}', type_=2, channel="login") + envelope("more", channel="x"))
        error = server.event_named("error")
        self.assertEqual((error["code"], error["message"]),
                         ("ReplayMismatch", "c2s message 2: nothing more recorded"))
        self.assertNotIn("expected", error)
        # The connection stays: the answers of message 1 came, and it is still open.
        greeting = envelope('{"hello":"wirebench"}', type_=2, channel="sys")
        answer = envelope('{"ok":true}', type_=2, channel="login")
        self.assertEqual(self.recv_exactly(sock, len(greeting) + len(answer)), greeting + answer)
        sock.sendall(envelope("again", channel="x"))
        self.assertEqual(server.event_named("error")["message"], "c2s message 3: nothing more recorded")

    def test_clients_take_the_recorded_conversations_in_turn_then_the_first_again(self):
        lines = [header({"codec": "line"}), connected(0, 1), message(10, "s2c", "one", conn=1),
                 connected(20, 2), message(30, "s2c", "two", conn=2)]
        server, port = self.replay_server(lines, "--speed", "max")
        greetings = []
        for _ in range(3):
            sock = self.connect(port)
            greetings.append(self.read_line(sock))
            greetings.append(server.event_named("connected")["conversation"])
        self.assertEqual(greetings, ["one", 1, "two", 2, "one", 1])

    def test_recorded_gaps_are_kept_at_speed_1(self):
        lines = [header({"codec": "line"}), connected(0), message(1000, "c2s", "ask"),
                 message(301000, "s2c", "late answer")]
        _, port = self.replay_server(lines)
        sock = self.connect(port)
        started = time.monotonic()
        sock.sendall(b"ask\n")
        self.assertEqual(self.read_line(sock), "late answer")
        self.assertGreaterEqual(time.monotonic() - started, 0.25)

    def test_speed_divides_the_gaps(self):
        lines = [header({"codec": "line"}), connected(0), message(1000, "c2s", "ask"),
                 message(20001000, "s2c", "answer")]  # 20 s as recorded
        for speed in ("max", "1000"):
            with self.subTest(speed=speed):
                process, port = self.replay_server(lines, "--speed", speed)
                sock = self.connect(port)
                sock.sendall(b"ask\n")
                self.assertEqual(self.read_line(sock), "answer")  # within the wait, far below 20 s
                process.kill()

    def test_sigterm_and_sigint_exit_zero(self):
        for number in (wbcli.SIGTERM, wbcli.SIGINT):
            with self.subTest(signal=number):
                server, port = self.replay_server(SMTP)
                self.connect(port)
                server.event_named("connected")
                server.signal(number)
                self.assertEqual(server.event_named("disconnected")["reason"], "ServerClosed")
                self.assertEqual(server.wait(), 0)

    def test_a_recorded_server_is_played_back_to_send_and_to_replay_to(self):
        # Recorded from a real server: a login, then a QUIT that the server answers and closes.
        rules = self.write_lines("rules.json", [{"rules": [
            {"when": {"channel": "login"}, "reply": {"json": {"ok": True, "user": "{{json:/user}}"}}},
            {"when": {"text": "^QUIT$"}, "reply": {"text": "BYE"}, "then": "close"},
        ]}])
        recording = self.path("served.jsonl")
        server, port = self.serve("--responder", rules, "--record", recording, "--events", "none")
        for args in (["--channel", "login", "--json", '{"user":"alice"}'], ["--text", "QUIT"]):
            result = self.run_cli("send", f"127.0.0.1:{port}", *args, "--expect", "1")
            self.assertEqual(result.returncode, 0, result.stderr)
        server.signal(wbcli.SIGINT)
        self.assertEqual(server.wait(), 0)

        replayed, replay_port = self.replay_server(recording)
        # The client side against the server side, both from one recording: the same, the close included.
        result = self.run_cli("replay", recording, "--to", f"127.0.0.1:{replay_port}")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertIn("same: 2 messages in 2 connections", result.stdout)
        # A third client plays the first connection again.
        result = self.run_cli("send", f"127.0.0.1:{replay_port}", "--channel", "login",
                              "--json", '{"user":"alice"}', "--expect", "1", "--events", "jsonl")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.events(result.stdout)[0]["text"], '{"ok":true,"user":"alice"}')
        replayed.signal(wbcli.SIGTERM)
        self.assertEqual(replayed.wait(), 0)
        events = [json.loads(line) for line in replayed.remaining_stdout()]
        self.assertEqual([e["conversation"] for e in events if e["event"] == "connected"], [1, 2, 1])
        self.assertEqual([e for e in events if e["event"] == "error"], [])

    def test_a_damaged_recording_is_exit_2_naming_the_line(self):
        good = json.dumps(message(10, "s2c", "x"))
        cases = {
            "truncated line": ([json.dumps(header({"codec": "line"})), good, good[:-7]], 3),
            "bad hex": ([json.dumps(header({"codec": "line"})), good.replace('"78"', '"7g"')], 2),
            "wrong version": ([json.dumps({**header({"codec": "line"}), "version": 9}), good], 1),
        }
        for name, (lines, line_number) in cases.items():
            with self.subTest(case=name):
                path = self.recording(lines)
                result = self.run_cli("replay", path, "--as-server")
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(f"{path}:{line_number}: ", result.stderr)
                self.assertEqual(result.stdout, "")

    def test_bad_options_are_exit_2_and_a_busy_port_exit_1(self):
        path = self.recording(SMTP)
        for args in (["--speed", "0"], ["--ignore", "no-slash"], ["--events", "xml"], ["--nope"],
                     ["--listen", "nowhere:x"], ["extra"]):
            with self.subTest(args=args):
                result = self.run_cli("replay", path, "--as-server", *args)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn("Usage: wirebench-cli replay RECORDING --as-server", result.stderr)
        self.assertEqual(self.run_cli("replay", "--as-server").returncode, 2)
        _, port = self.replay_server(SMTP)
        result = self.run_cli("replay", path, "--as-server", "--listen", f"127.0.0.1:{port}")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn(f"cannot listen on 127.0.0.1:{port}", result.stderr)


if __name__ == "__main__":
    wbcli.main()
