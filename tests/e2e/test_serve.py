#!/usr/bin/env python3
"""wirebench-cli serve: the listening line, its events, echo/relay, limits and shutdown."""

import json
import socket
import time

import wbcli
from wbcli import envelope


class ServeTest(wbcli.CliTestCase):
    def peer_of(self, sock):
        host, port = sock.getsockname()
        return f"{host}:{port}"

    def test_prints_listening_line_with_the_real_port(self):
        server, port = self.serve()
        # The port in the line is the one that accepts connections.
        sock = self.connect(port)
        self.assertEqual(server.event()["event"], "connected")
        sock.close()

    def test_jsonl_events_for_a_connection_lifetime(self):
        server, port = self.serve()
        sock = self.connect(port)
        peer = self.peer_of(sock)

        connected = server.event()
        self.assertEqual(connected, {"event": "connected", "conn": connected["conn"], "peer": peer})
        self.assertIsInstance(connected["conn"], int)

        sock.sendall(envelope("hi", type_=1, channel="chat", id_=7))
        message = server.event()
        self.assertEqual(message, {
            "event": "message", "conn": connected["conn"], "peer": peer, "channel": "chat",
            "type": "text", "id": 7, "size": 2, "payload_hex": "6869", "text": "hi"})

        sock.close()
        disconnected = server.event()
        self.assertEqual(disconnected["event"], "disconnected")
        self.assertEqual(disconnected["conn"], connected["conn"])
        self.assertEqual(disconnected["peer"], peer)
        self.assertEqual(disconnected["reason"], "PeerClosed")

    def test_each_connection_gets_its_own_id(self):
        server, port = self.serve()
        self.connect(port)
        first = server.event()["conn"]
        self.connect(port)
        second = server.event()["conn"]
        self.assertNotEqual(first, second)

    def test_echo_sends_the_message_back_unchanged(self):
        server, port = self.serve("--echo")
        sock = self.connect(port)
        frame = envelope(b"\x00\xff", type_=0, channel="image", id_=0x01020304)
        sock.sendall(frame)
        self.assertEqual(self.recv_exactly(sock, len(frame)), frame)

    def test_echo_answers_once_with_or_without_receipts(self):
        for extra in ([], ["--receipts"]):
            server, port = self.serve("--echo", *extra)
            sock = self.connect(port)
            frame = envelope("once")
            sock.sendall(frame)
            self.assertEqual(self.recv_exactly(sock, len(frame)), frame)
            server.event_named("message")  # printed, so both answering paths have run
            sock.settimeout(0.3)
            with self.assertRaises(socket.timeout, msg=f"a second echo with {extra}"):
                sock.recv(4096)

    def test_relay_forwards_to_every_other_client(self):
        server, port = self.serve("--relay")
        receiver = self.start("send", f"127.0.0.1:{port}", "--expect", "1", "--events", "jsonl")
        self.assertEqual(server.event_named("connected")["event"], "connected")
        sender = self.connect(port)
        server.event_named("connected")

        sender.sendall(envelope('{"a":1}', type_=2, channel="chat", id_=3))
        self.assertEqual(receiver.wait(), 0, receiver.stderr_text())
        got = receiver.event()
        self.assertEqual((got["event"], got["type"], got["channel"], got["id"], got["text"]),
                         ("message", "json", "chat", 3, '{"a":1}'))
        # The sender does not get its own message back.
        sender.settimeout(0.3)
        with self.assertRaises(TimeoutError):
            sender.recv(1)

    def test_max_clients_refuses_the_second_peer(self):
        server, port = self.serve("--max-clients", "1")
        first = self.connect(port)
        self.assertEqual(server.event()["event"], "connected")
        second = self.connect(port)
        refused = server.event_named("refused")
        self.assertEqual(refused["peer"], self.peer_of(second))
        self.assertTrue(refused["reason"])
        self.assert_closed_by_peer(second)
        # The first connection still works.
        first.sendall(envelope("still here"))
        self.assertEqual(server.event_named("message")["text"], "still here")

    def test_allow_list_refuses_peers_outside_it(self):
        server, port = self.serve("--allow", "10.0.0.0/8")
        peer = self.connect(port)
        refused = server.event_named("refused")
        self.assertEqual(refused["peer"], self.peer_of(peer))
        self.assertIn("10.0.0.0/8", refused["reason"])
        self.assert_closed_by_peer(peer)

    def test_allow_list_lets_loopback_in(self):
        server, port = self.serve("--allow", "127.0.0.0/8,::1/128")
        self.connect(port)
        self.assertEqual(server.event()["event"], "connected")

    def test_bad_allow_list_is_a_usage_error(self):
        result = self.run_cli("serve", "--allow", "127.0.0.0/8,localhost")
        self.assertEqual(result.returncode, 2)
        self.assertIn('"localhost"', result.stderr)

    def test_idle_timeout_closes_a_silent_peer(self):
        server, port = self.serve("--idle-timeout", "300")
        sock = self.connect(port)
        server.event_named("connected")
        disconnected = server.event_named("disconnected")
        self.assertEqual(disconnected["reason"], "IdleTimeout")
        self.assertEqual(disconnected["peer"], self.peer_of(sock))
        self.assert_closed_by_peer(sock)

    def test_sigterm_closes_each_connection_in_order_and_exits_zero_within_3_s(self):
        server, port = self.serve()
        sock = self.connect(port)
        server.event_named("connected")
        started = time.monotonic()
        server.signal(wbcli.SIGTERM)
        disconnected = server.event_named("disconnected")
        self.assertEqual(disconnected["reason"], "ServerClosed")
        self.assertEqual(disconnected["peer"], self.peer_of(sock))
        sock.settimeout(wbcli.WAIT)
        self.assertEqual(sock.recv(4096), b"")  # an orderly end (FIN); a reset would raise
        self.assertEqual(server.wait(), 0)
        # README: "every connection is closed in order, then it exits (within 3 s)".
        self.assertLess(time.monotonic() - started, 3.0 * wbcli.TIME_FACTOR)
        self.assertEqual(list(server.remaining_stdout()), [])

    def test_sigint_exits_zero(self):
        server, _ = self.serve()
        server.signal(wbcli.SIGINT)
        self.assertEqual(server.wait(), 0)

    def test_events_none_prints_only_the_listening_line(self):
        server, port = self.serve("--events", "none", "--echo")
        sock = self.connect(port)
        frame = envelope("quiet")
        sock.sendall(frame)
        self.assertEqual(self.recv_exactly(sock, len(frame)), frame)
        sock.close()
        server.signal(wbcli.SIGTERM)
        self.assertEqual(server.wait(), 0)
        self.assertEqual(server.remaining_stdout(), [])

    def test_events_text_is_one_readable_line_per_event(self):
        server, port = self.serve("--events", "text")
        sock = self.connect(port)
        self.assertIn("connected", server.readline())
        sock.sendall(envelope("hello text", channel="chat"))
        line = server.readline()
        self.assertIn("message", line)
        self.assertIn("hello text", line)
        self.assertIn("chat", line)

    def test_workers_serve_the_same_way(self):
        server, port = self.serve("--workers", "2", "--echo")
        for text in ("one", "two", "three"):
            sock = self.connect(port)
            frame = envelope(text)
            sock.sendall(frame)
            self.assertEqual(self.recv_exactly(sock, len(frame)), frame)
        texts = sorted(server.event_named("message")["text"] for _ in range(3))
        self.assertEqual(texts, ["one", "three", "two"])


if __name__ == "__main__":
    wbcli.main()
