#!/usr/bin/env python3
"""wirebench-cli with each codec, and the envelope's error classes seen from a raw socket."""

import socket
import struct
import threading

import wbcli
from wbcli import envelope


class CodecTest(wbcli.CliTestCase):
    def test_line_codec_with_crlf_delimiter(self):
        server, port = self.serve("--codec", "line", "--delimiter", r"\r\n", "--echo")
        sock = self.connect(port)
        sock.sendall(b"hello\r\nwor")
        sock.sendall(b"ld\r\n")
        first, second = server.event_named("message"), server.event_named("message")
        self.assertEqual((first["type"], first["text"], first["payload_hex"]), ("text", "hello", b"hello".hex()))
        self.assertEqual(second["text"], "world")
        self.assertEqual(self.recv_exactly(sock, 14), b"hello\r\nworld\r\n")

        result = self.run_cli("send", f"127.0.0.1:{port}", "--codec", "line", "--delimiter", r"\r\n",
                              "--text", "via cli", "--expect", "1")
        self.assertEqual(result.returncode, 0, result.stderr)
        [event] = self.events(result.stdout)
        self.assertEqual((event["type"], event["text"]), ("text", "via cli"))

    def test_line_too_long_is_a_stream_error(self):
        server, port = self.serve("--codec", "line", "--max-frame", "8")
        sock = self.connect(port)
        sock.sendall(b"0123456789abcdef\n")
        self.assertEqual(server.event_named("error")["code"], "LineTooLong")
        self.assertEqual(server.event_named("disconnected")["reason"], "StreamError")

    def test_length_codec_with_two_byte_little_endian_header(self):
        server, port = self.serve("--codec", "length", "--length-bytes", "2", "--byte-order", "little", "--echo")
        sock = self.connect(port)
        sock.sendall(b"\x05\x00hel")
        sock.sendall(b"lo")
        message = server.event_named("message")
        self.assertEqual((message["type"], message["size"], message["payload_hex"]),
                         ("binary", 5, b"hello".hex()))
        self.assertEqual(self.recv_exactly(sock, 7), b"\x05\x00hello")

        result = self.run_cli("send", f"127.0.0.1:{port}", "--codec", "length", "--length-bytes", "2",
                              "--byte-order", "little", "--hex", "0102", "--expect", "1")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.events(result.stdout)[0]["payload_hex"], "0102")

    def test_length_codec_payload_text(self):
        server, port = self.serve("--codec", "length", "--payload", "text")
        sock = self.connect(port)
        sock.sendall(struct.pack(">I", 3) + b"abc")
        message = server.event_named("message")
        self.assertEqual((message["type"], message["text"]), ("text", "abc"))

    def test_raw_codec_passes_bytes_through(self):
        server, port = self.serve("--codec", "raw", "--echo")
        sock = self.connect(port)
        sock.sendall(b"GET / HTTP/1.0\r\n\r\n")
        received = b""
        while len(received) < 18:
            received += self.recv_exactly(sock, 1)
        self.assertEqual(received, b"GET / HTTP/1.0\r\n\r\n")
        self.assertEqual(server.event_named("message")["type"], "binary")

    def test_bad_envelope_frame_is_dropped_and_the_connection_stays(self):
        server, port = self.serve()
        sock = self.connect(port)
        conn = server.event_named("connected")["conn"]
        bad = envelope(b"??", type_=9, channel="x")
        sock.sendall(bad + envelope("good", channel="chat", id_=5))

        error = server.event()
        self.assertEqual((error["event"], error["conn"], error["code"]), ("error", conn, "UnknownMessageType"))
        self.assertTrue(error["message"])
        good = server.event()
        self.assertEqual((good["event"], good["text"], good["channel"], good["id"]), ("message", "good", "chat", 5))

        # Still connected: a later frame arrives too, and nothing was disconnected.
        sock.sendall(envelope("later"))
        later = server.event()
        self.assertEqual((later["event"], later["text"]), ("message", "later"))

    def test_bad_json_frame_is_a_frame_error(self):
        server, port = self.serve()
        sock = self.connect(port)
        sock.sendall(envelope("{nope", type_=2) + envelope("[1]", type_=2))
        self.assertEqual(server.event_named("error")["code"], "InvalidJson")
        self.assertEqual(server.event()["text"], "[1]")

    def test_unsupported_version_is_a_stream_error(self):
        server, port = self.serve()
        sock = self.connect(port)
        conn = server.event_named("connected")["conn"]
        sock.sendall(envelope("hi", version=2))
        error = server.event()
        self.assertEqual((error["event"], error["conn"], error["code"]), ("error", conn, "UnsupportedVersion"))
        disconnected = server.event()
        self.assertEqual((disconnected["event"], disconnected["conn"], disconnected["reason"]),
                         ("disconnected", conn, "StreamError"))
        self.assert_closed_by_peer(sock)

    def test_oversized_length_is_a_stream_error(self):
        server, port = self.serve("--max-frame", "1024")
        sock = self.connect(port)
        sock.sendall(struct.pack(">I", 0x7fffffff))
        self.assertEqual(server.event_named("error")["code"], "FrameTooLarge")
        self.assertEqual(server.event_named("disconnected")["reason"], "StreamError")

    def test_send_prints_errors_of_bad_replies(self):
        # A tiny server that answers with a bad frame, then a good one.
        listener = socket.create_server(("127.0.0.1", 0))
        self.sockets.append(listener)
        port = listener.getsockname()[1]

        def answer():
            conn, _ = listener.accept()
            with conn:
                conn.sendall(envelope(b"\xff\xfe", type_=1) + envelope("fine"))
                conn.recv(1)  # hold the connection until the client leaves
        thread = threading.Thread(target=answer, daemon=True)
        thread.start()
        result = self.run_cli("send", f"127.0.0.1:{port}", "--expect", "1")
        self.assertEqual(result.returncode, 0, result.stderr)
        error, message = self.events(result.stdout)
        self.assertEqual((error["event"], error["code"]), ("error", "InvalidText"))
        self.assertEqual((message["event"], message["text"]), ("message", "fine"))
        thread.join(timeout=wbcli.WAIT)


if __name__ == "__main__":
    wbcli.main()
