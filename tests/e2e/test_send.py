#!/usr/bin/env python3
"""wirebench-cli send: payloads in order, received events, exit codes."""

import os
import subprocess
import tempfile

import wbcli


class SendTest(wbcli.CliTestCase):
    def test_every_payload_kind_round_trips_through_echo(self):
        _, port = self.serve("--echo")
        with tempfile.NamedTemporaryFile(delete=False) as file:
            file.write(b"\x00file\xff")
        self.addCleanup(os.unlink, file.name)

        result = self.run_cli("send", f"127.0.0.1:{port}", "--channel", "telemetry", "--id", "42",
                              "--text", r"a\tb\x21", "--json", '{"x":[1,2]}', "--hex", "de ad",
                              "--file", file.name, "--cbor", '{"k":1}',
                              "--expect", "5", "--events", "jsonl")
        self.assertEqual(result.returncode, 0, result.stderr)
        common = {"event": "message", "conn": 1, "peer": f"127.0.0.1:{port}",
                  "channel": "telemetry", "id": 42}
        self.assertEqual(self.events(result.stdout), [
            {**common, "type": "text", "size": 4, "payload_hex": "61096221", "text": "a\tb!"},
            {**common, "type": "json", "size": 11, "payload_hex": b'{"x":[1,2]}'.hex(),
             "text": '{"x":[1,2]}'},
            {**common, "type": "binary", "size": 2, "payload_hex": "dead"},
            {**common, "type": "binary", "size": 6, "payload_hex": "0066696c65ff"},
            {**common, "type": "cbor", "size": 4, "payload_hex": "a1616b01", "cbor": '{"k": 1}'},
        ])

    def test_file_may_be_a_pipe(self):
        _, port = self.serve("--echo")
        result = subprocess.run([wbcli.CLI, "send", f"127.0.0.1:{port}", "--file", "/dev/stdin",
                                 "--expect", "1", "--events", "jsonl"],
                                input=b"\x01piped\xff", capture_output=True, timeout=wbcli.WAIT * 3)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.events(result.stdout.decode())[0]["payload_hex"], b"\x01piped\xff".hex())

    def test_file_that_is_a_folder_is_a_usage_error(self):
        result = self.run_cli("send", "127.0.0.1:1", "--file", "/")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--file: A folder, not a file: /", result.stderr)

    def test_interleaved_payloads_go_out_in_the_order_given(self):
        server, port = self.serve()
        result = self.run_cli("send", f"127.0.0.1:{port}", "--hex", "01", "--text", "a", "--hex", "02",
                              "--json", "[]", "--text", "b", "--cbor", "7")
        self.assertEqual(result.returncode, 0, result.stderr)
        received = [(e["type"], e["payload_hex"]) for e in (server.event_named("message") for _ in range(6))]
        self.assertEqual(received, [("binary", "01"), ("text", "61"), ("binary", "02"),
                                    ("json", "5b5d"), ("text", "62"), ("cbor", "07")])

    def test_expect_zero_exits_once_written(self):
        server, port = self.serve()
        size = 4 * 1024 * 1024  # far more than one socket write
        with tempfile.NamedTemporaryFile(delete=False) as file:
            file.write(os.urandom(size))
        self.addCleanup(os.unlink, file.name)
        result = self.run_cli("send", f"127.0.0.1:{port}", "--file", file.name, "--channel", "bulk")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "")
        message = server.event_named("message", timeout=wbcli.WAIT * 3)
        self.assertEqual((message["channel"], message["size"]), ("bulk", size))

    def test_events_text(self):
        _, port = self.serve("--echo")
        result = self.run_cli("send", f"127.0.0.1:{port}", "--text", "hello", "--expect", "1",
                              "--events", "text")
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(len(lines), 1)
        self.assertIn('"hello"', lines[0])

    def test_timeout_exits_3(self):
        _, port = self.serve()  # no echo: nothing comes back
        result = self.run_cli("send", f"127.0.0.1:{port}", "--text", "hi", "--expect", "1",
                              "--timeout", "300")
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("timeout", result.stderr)

    def test_cannot_connect_exits_1_with_one_line(self):
        result = self.run_cli("send", f"127.0.0.1:{self.free_port()}", "--text", "hi")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        self.assertEqual(result.stdout, "")

    def test_connection_closed_before_expectation_exits_1(self):
        server, port = self.serve("--max-clients", "1")
        self.connect(port)
        server.event_named("connected")
        result = self.run_cli("send", f"127.0.0.1:{port}", "--text", "hi", "--expect", "1")
        self.assertEqual(result.returncode, 1, result.stderr)

    def test_bad_arguments_exit_2_with_usage(self):
        cases = [
            ["send"],
            ["send", "127.0.0.1"],
            ["send", "127.0.0.1:1"],
            ["send", "127.0.0.1:1", "--text"],
            ["send", "127.0.0.1:1", "--bogus", "x"],
            ["send", "127.0.0.1:1", "--json", "{bad"],
            ["send", "127.0.0.1:1", "--json", "42"],
            ["send", "127.0.0.1:1", "--hex", "abc"],
            ["send", "127.0.0.1:1", "--hex", "zz"],
            ["send", "127.0.0.1:1", "--text", r"\q"],
            ["send", "127.0.0.1:1", "--cbor", "{"],
            ["send", "127.0.0.1:1", "--file", "/nonexistent/wirebench"],
            ["send", "127.0.0.1:1", "--id", "-1", "--text", "x"],
            ["send", "127.0.0.1:1", "--id", "4294967296", "--text", "x"],
            ["send", "127.0.0.1:1", "--expect", "many"],
            ["send", "127.0.0.1:1", "--codec", "morse", "--text", "x"],
            ["send", "127.0.0.1:1", "--codec", "length", "--length-bytes", "5", "--text", "x"],
            ["send", "127.0.0.1:1", "--codec", "line", "--delimiter", "", "--text", "x"],
            ["send", "127.0.0.1:1", "--codec", "line", "--delimiter", r"\x", "--text", "x"],
            ["send", "127.0.0.1:1", "--delimiter", "x", "--text", "x"],
            ["send", "127.0.0.1:1", "--byte-order", "middle", "--codec", "length", "--text", "x"],
            ["send", "127.0.0.1:1", "--max-frame", "16", "--text", "this is longer than eight"],
            ["serve", "--echo", "--relay"],
            ["serve", "--listen", "nowhere:1"],
            ["serve", "--listen", "127.0.0.1:70000"],
            ["serve", "--events", "xml"],
            ["serve", "--max-clients", "-3"],
            ["serve", "stray"],
            ["frobnicate"],
            [],
        ]
        for args in cases:
            with self.subTest(args=args):
                result = self.run_cli(*args)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn("Usage", result.stderr)
                self.assertEqual(result.stdout, "")

    def test_version_and_help(self):
        version = self.run_cli("--version")
        self.assertEqual(version.returncode, 0)
        self.assertRegex(version.stdout, r"^wirebench-cli \d+\.\d+\.\d+\n$")
        for args in (["--help"], ["help"], ["help", "send"], ["send", "--help"], ["serve", "--help"]):
            with self.subTest(args=args):
                result = self.run_cli(*args)
                self.assertEqual(result.returncode, 0)
                self.assertIn("Usage", result.stdout)


if __name__ == "__main__":
    wbcli.main()
