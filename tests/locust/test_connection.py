"""wirebench_locust.connection.Connection against a peer played by a plain socket in the test.

The peer is accepted after Connection() returns (the kernel completes the
handshake), so no thread is needed. Every wait has a timeout.
Run: python3 tests/locust/test_connection.py
"""

import socket
import unittest

import locustpath  # noqa: F401

from rawupstream import reset
from wbcli import WAIT

from wirebench_locust.connection import PEER_CLOSED, PEER_RESET, Connection
from wirebench_locust.envelope import EnvelopeCodec
from wirebench_locust.errors import ConnectError, ConnectionClosed, EncodeError, FrameError
from wirebench_locust.line import LineCodec
from wirebench_locust.message import Message

CODEC = EnvelopeCodec(max_frame_size=1024)
HELLO = Message.text("hello", "chat", 1)
BYE = Message("json", b'{"bye":true}', "", 2)


class PeerTestCase(unittest.TestCase):
    def setUp(self):
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(WAIT)
        self.addCleanup(self.server.close)
        self.connection = Connection("127.0.0.1", self.server.getsockname()[1], CODEC, connect_timeout=WAIT)
        self.addCleanup(self.connection.close)
        self.peer, _ = self.server.accept()
        self.peer.settimeout(WAIT)
        self.addCleanup(self.peer.close)

    def peer_reads(self, count):
        data = b""
        while len(data) < count:
            chunk = self.peer.recv(count - len(data))
            self.assertTrue(chunk, f"the connection ended after {len(data)} of {count} bytes")
            data += chunk
        return data

    def assert_closed(self, reason):
        with self.assertRaises(ConnectionClosed) as ended:
            self.connection.receive(WAIT)
        self.assertEqual(str(ended.exception), reason)
        self.assertTrue(self.connection.closed)
        self.assertEqual(self.connection.close_reason, reason)


class ReceiveTest(PeerTestCase):
    def test_messages_in_order_then_the_peer_closes(self):
        self.peer.sendall(CODEC.encode(HELLO) + CODEC.encode(BYE))
        self.peer.close()
        self.assertEqual(self.connection.receive(WAIT), HELLO)
        self.assertEqual(self.connection.receive(WAIT), BYE)
        self.assert_closed(PEER_CLOSED)
        self.assert_closed(PEER_CLOSED)  # and so on, every call

    def test_what_came_before_a_reset_then_the_reset(self):
        self.peer.sendall(CODEC.encode(HELLO))
        self.assertEqual(self.connection.receive(WAIT), HELLO)
        reset(self.peer)
        self.assert_closed(PEER_RESET)

    def test_what_came_before_a_stream_error_then_the_error(self):
        self.peer.sendall(CODEC.encode(HELLO) + CODEC.encode(BYE) + b"\x00\x00\x04\x01")
        self.assertEqual(self.connection.receive(WAIT), HELLO)
        self.assertEqual(self.connection.receive(WAIT), BYE)
        self.assert_closed("stream error: FrameTooLarge: frame length 1025 exceeds the maximum of 1024")
        self.assertEqual(self.connection.stream_error.code, "FrameTooLarge")

    def test_a_frame_error_is_returned_and_the_connection_lives_on(self):
        self.peer.sendall(CODEC.encode(Message("json", b"[1,")) + CODEC.encode(HELLO))
        error = self.connection.receive(WAIT)
        self.assertIsInstance(error, FrameError)
        self.assertEqual(error.code, "InvalidJson")
        self.assertEqual(self.connection.receive(WAIT), HELLO)
        self.assertFalse(self.connection.closed)

    def test_nothing_within_the_timeout_is_none(self):
        self.assertIsNone(self.connection.receive(0.05))
        self.assertIsNone(self.connection.receive(0))
        self.peer.sendall(CODEC.encode(HELLO))
        self.assertEqual(self.connection.receive(WAIT), HELLO)

    def test_a_frame_in_many_pieces_is_one_message(self):
        frame = CODEC.encode(HELLO)
        for index in range(len(frame)):
            self.peer.sendall(frame[index:index + 1])
        self.assertEqual(self.connection.receive(WAIT), HELLO)


class SendTest(PeerTestCase):
    def test_the_peer_gets_the_frame(self):
        self.connection.send(HELLO)
        frame = CODEC.encode(HELLO)
        self.assertEqual(self.peer_reads(len(frame)), frame)

    def test_a_message_the_codec_cannot_frame_leaves_the_connection_usable(self):
        with self.assertRaises(EncodeError):
            self.connection.send(Message("binary", bytes(2000)))
        self.connection.send(HELLO)
        frame = CODEC.encode(HELLO)
        self.assertEqual(self.peer_reads(len(frame)), frame)
        self.assertFalse(self.connection.closed)

    def test_after_close_nothing_is_sent_or_received(self):
        self.connection.close()
        with self.assertRaises(ConnectionClosed) as refused:
            self.connection.send(HELLO)
        self.assertEqual(str(refused.exception), "the connection is closed: closed locally")
        self.assert_closed("closed locally")
        self.assertEqual(self.peer.recv(1), b"")  # the peer sees the end

    def test_a_send_to_a_reset_peer_still_delivers_what_it_sent(self):
        self.peer.sendall(CODEC.encode(HELLO))
        reset(self.peer)
        with self.assertRaises(ConnectionClosed):
            for _ in range(100):  # the first writes may still find room before the reset is seen
                self.connection.send(BYE)
        self.assertEqual(self.connection.receive(WAIT), HELLO)
        self.assert_closed(PEER_RESET)

    def test_no_delay(self):
        self.assertEqual(self.connection._socket.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY), 1)


class ConnectTest(unittest.TestCase):
    def test_refused_in_netcore_words(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        with self.assertRaises(ConnectError) as refused:
            Connection("127.0.0.1", port, LineCodec(), connect_timeout=WAIT)
        self.assertIsInstance(refused.exception, OSError)
        self.assertEqual(str(refused.exception), f"cannot connect to 127.0.0.1:{port}: Connection refused")


if __name__ == "__main__":
    unittest.main(verbosity=2)
