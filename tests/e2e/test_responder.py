#!/usr/bin/env python3
"""wirebench-cli serve --responder: rules and scripts answering real sockets, and their errors."""

import json
import os
import socket
import struct
import tempfile
import time

import wbcli
from wbcli import envelope

ISSUE_RULES = r"""{"on_connect": {"channel": "hello", "text": "welcome {{peer}}"},
 "rules": [
  {"when": {"channel": "login", "json": {"/user": "alice"}}, "reply": {"json": {"ok": true, "user": "{{json:/user}}"}}},
  {"when": {"text": "^PING (\\d+)$"}, "reply": {"text": "PONG {{1}}"}},
  {"when": {"hex": "0102"}, "reply": {"hex": "0304"}, "delay_ms": 200},
  {"when": {"text": "^QUIT$"}, "reply": {"text": "BYE"}, "then": "close"},
  {"when": {"text": "^BOOM$"}, "then": "reset"},
  {"when": {"type": "cbor"}, "reply": {"cbor": {"got": "{{json:/k}}"}}},
  {"when": {"text": "^HEX$"}, "reply": {"hex": "{{text}}"}},
  {"when": {}, "reply": {"text": "#{{seq}} {{text}}"}}
 ]}
"""

ISSUE_SCRIPT = r"""function onConnect(conn) { conn.send({channel: "hello", text: "welcome " + conn.peer}); }
function onMessage(conn, msg) {
  conn.state.n = (conn.state.n || 0) + 1;
  if (msg.channel === "login") return {json: {ok: msg.json.user === "alice", n: conn.state.n}};
  if (msg.text === "QUIT") { conn.send({text: "BYE"}); conn.close(); return; }
  return {text: "#" + conn.state.n + " " + msg.text};
}
function onDisconnect(conn, reason) {}
"""

TYPES = {0: "binary", 1: "text", 2: "json", 3: "cbor"}


class ResponderTest(wbcli.CliTestCase):
    def setUp(self):
        super().setUp()
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        super().tearDown()
        self.dir.cleanup()

    def write(self, name, text):
        path = os.path.join(self.dir.name, name)
        with open(path, "w", encoding="utf-8") as file:
            file.write(text)
        return path

    def frame(self, sock):
        """The next envelope frame as (type, channel, id, payload), read independently of the C++ code."""
        (length,) = struct.unpack(">I", self.recv_exactly(sock, 4))
        body = self.recv_exactly(sock, length)
        type_, _version, name_length, id_ = struct.unpack(">BBHI", body[:8])
        channel = body[8:8 + name_length].decode()
        return TYPES[type_], channel, id_, body[8 + name_length:]

    def serve_rules(self, text=ISSUE_RULES):
        return self.serve("--responder", self.write("rules.json", text))

    def test_the_issues_rules(self):
        server, port = self.serve_rules()
        sock = self.connect(port)
        host, local = sock.getsockname()
        self.assertEqual(self.frame(sock), ("text", "hello", 0, f"welcome {host}:{local}".encode()))

        sock.sendall(envelope("PING 42"))
        self.assertEqual(self.frame(sock), ("text", "", 0, b"PONG 42"))
        sock.sendall(envelope(json.dumps({"user": "alice"}), type_=2, channel="login", id_=9))
        self.assertEqual(self.frame(sock), ("json", "login", 9, b'{"ok":true,"user":"alice"}'))
        sock.sendall(envelope(json.dumps({"user": "bob"}), type_=2, channel="login", id_=10))
        self.assertEqual(self.frame(sock), ("text", "login", 10, b'#3 {"user": "bob"}'))  # seq counts every message
        sock.sendall(envelope(b"\xa1\x61\x6b\x05", type_=3))  # CBOR {"k": 5}
        self.assertEqual(self.frame(sock), ("cbor", "", 0, b"\xa1\x63got\x05"))

        started = time.monotonic()
        sock.sendall(envelope(b"\x01\x02\x03", type_=0) + envelope("after"))
        self.assertEqual(self.frame(sock), ("text", "", 0, b"#6 after"))  # the delayed one holds nothing up
        self.assertEqual(self.frame(sock), ("binary", "", 0, b"\x03\x04"))
        self.assertGreaterEqual(time.monotonic() - started, 0.2)

        sock.sendall(envelope("QUIT"))
        self.assertEqual(self.frame(sock), ("text", "", 0, b"BYE"))
        self.assertEqual(sock.recv(1), b"")  # then an orderly end
        self.assertEqual(server.event_named("disconnected")["reason"], "ClosedLocally")

    def test_reset_rule_resets(self):
        _server, port = self.serve_rules()
        sock = self.connect(port)
        self.frame(sock)
        sock.sendall(envelope("BOOM"))
        with self.assertRaises(ConnectionResetError):
            while sock.recv(4096):
                pass

    def test_a_reply_that_cannot_be_made_is_an_error_event_and_the_connection_lives(self):
        server, port = self.serve_rules()
        sock = self.connect(port)
        self.frame(sock)
        sock.sendall(envelope("HEX") + envelope("PING 1"))
        self.assertEqual(self.frame(sock), ("text", "", 0, b"PONG 1"))
        error = server.event_named("error")
        self.assertEqual(error["code"], "RuleError")
        self.assertIn('rules[6]: the hex reply "HEX" is not hex', error["message"])
        self.assertIsInstance(error["conn"], int)

    def test_other_codecs(self):
        _server, port = self.serve("--codec", "line", "--responder", self.write("r.json", r"""
            {"rules": [{"when": {"text": "^GET (\\S+)"}, "reply": {"text": "200 {{1}} on {{channel}}"}}]}"""))
        sock = self.connect(port)
        sock.sendall(b"GET /a\n")
        self.assertEqual(self.recv_exactly(sock, len(b"200 /a on \n")), b"200 /a on \n")

    def test_files_that_do_not_parse_exit_2_before_listening(self):
        cases = [
            ("bad.json", '{"rules": [\n  {"when": {}\n  ]}', ":3: "),
            ("key.json", '{"rules": [\n {"when": {},\n  "replay": {"text": "x"}}]}', ':3: unknown rule key "replay"'),
            ("two.json", '{"rules": [{"when": {},\n "reply": {"text": "a", "hex": "00"}}]}', ":2: a reply has exactly one payload key"),
            ("tpl.json", '{"on_connect":\n\n {"text": "{{user}}"}}', ":3: unknown template {{user}}"),
        ]
        for name, text, words in cases:
            with self.subTest(name):
                path = self.write(name, text)
                result = self.run_cli("serve", "--responder", path)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertNotIn("listening on", result.stdout)
                self.assertIn(path + words, result.stderr)

    def test_the_issues_script(self):
        server, port = self.serve("--responder", self.write("bot.js", ISSUE_SCRIPT))
        sock = self.connect(port)
        host, local = sock.getsockname()
        self.assertEqual(self.frame(sock), ("text", "hello", 0, f"welcome {host}:{local}".encode()))
        sock.sendall(envelope(json.dumps({"user": "alice"}), type_=2, channel="login", id_=9))
        self.assertEqual(self.frame(sock), ("json", "login", 9, b'{"n":1,"ok":true}'))
        sock.sendall(envelope("hi"))
        self.assertEqual(self.frame(sock), ("text", "", 0, b"#2 hi"))
        sock.sendall(envelope("QUIT"))
        self.assertEqual(self.frame(sock), ("text", "", 0, b"BYE"))
        self.assertEqual(sock.recv(1), b"")  # then an orderly end
        self.assertEqual(server.event_named("disconnected")["reason"], "ClosedLocally")

    def test_a_script_that_throws_or_spins_is_an_error_event_and_the_server_lives(self):
        server, port = self.serve("--script-timeout", "200", "--responder", self.write("bad.js", r"""
function onMessage(conn, msg) {
  if (msg.text === "spin") { console.log("spinning"); while (true) {} }
  if (msg.text === "bad") return msg.nothing.x;
  return {text: "ok " + msg.text};
}
"""))
        spinner, other = self.connect(port), self.connect(port)
        spinner.sendall(envelope("spin"))
        self.assertEqual(server.event_named("log")["text"], "spinning")
        other.sendall(envelope("bad") + envelope("b"))
        self.assertEqual(self.frame(other), ("text", "", 0, b"ok b"))  # after the spin was stopped
        spinner.sendall(envelope("a"))
        self.assertEqual(self.frame(spinner), ("text", "", 0, b"ok a"))
        errors = [server.event_named("error"), server.event_named("error")]
        self.assertEqual([e["code"] for e in errors], ["ScriptError", "ScriptError"])
        self.assertEqual(errors[0]["message"], "onMessage: timed out after 200 ms")
        self.assertEqual(errors[1]["message"], "onMessage: TypeError: Cannot read property 'x' of undefined (line 4)")
        self.assertNotEqual(errors[0]["conn"], errors[1]["conn"])

    def test_scripts_that_do_not_load_exit_2_before_listening(self):
        for name, text, words, extra in [
            ("syntax.js", "function onMessage(c, m) {\n  return {text: 1};\n  var = 2;\n}\n", ":3: SyntaxError: ", []),
            ("throw.js", "var a = 1;\nnope.x = 2;\n", ":2: ReferenceError: nope is not defined", []),
            ("spin.js", "while (true) {}\n", ": the top level timed out after 100 ms", ["--script-timeout", "100"]),
        ]:
            with self.subTest(name):
                path = self.write(name, text)
                result = self.run_cli("serve", "--responder", path, *extra)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertNotIn("listening on", result.stdout)
                self.assertIn(path + words, result.stderr)

    def test_usage_errors(self):
        rules = self.write("r.json", '{"rules": []}')
        for args, words in [
            (["--responder", rules, "--echo"], "leave out --echo and --relay"),
            (["--responder", rules, "--relay"], "leave out --echo and --relay"),
            (["--responder", self.write("r.txt", "")], "neither rules (.json) nor a script (.js)"),
            (["--responder", rules, "--script-timeout", "10"], "--script-timeout goes with a script"),
            (["--responder", rules, "--receipts"], "exclude each other"),
            (["--responder", os.path.join(self.dir.name, "none.json")], "none.json: cannot read"),
        ]:
            with self.subTest(args=args):
                result = self.run_cli("serve", *args)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(words, result.stderr)


if __name__ == "__main__":
    wbcli.main()
