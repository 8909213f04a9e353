#!/usr/bin/env python3
"""Interop with the "Python Comms" framing: a UInt32 little-endian length, then UTF-8 JSON.

The peers here are written from that library's description, in plain Python,
so wirebench-cli --codec python-comms is checked against an independent
implementation in both directions.
"""

import json
import socket
import struct
import threading

import wbcli


def comms_frame(value):
    body = json.dumps(value).encode("utf-8")
    return struct.pack("<I", len(body)) + body


def read_comms_frame(sock):
    def exactly(count):
        data = b""
        while len(data) < count:
            chunk = sock.recv(count - len(data))
            if not chunk:
                raise ConnectionError("closed mid-frame")
            data += chunk
        return data
    (length,) = struct.unpack("<I", exactly(4))
    return json.loads(exactly(length).decode("utf-8"))


class PythonCommsInteropTest(wbcli.CliTestCase):
    def test_python_peer_talks_to_serve(self):
        server, port = self.serve("--codec", "python-comms", "--echo")
        sock = self.connect(port)
        sent = {"cmd": "move", "x": 3, "tags": ["a", "é"]}
        sock.sendall(comms_frame(sent))

        self.assertEqual(read_comms_frame(sock), sent)
        message = server.event_named("message")
        self.assertEqual(message["type"], "json")
        self.assertEqual(json.loads(message["text"]), sent)
        self.assertEqual((message["channel"], message["id"]), ("", 0))

    def test_send_talks_to_a_python_server(self):
        listener = socket.create_server(("127.0.0.1", 0))
        listener.settimeout(wbcli.WAIT)
        self.sockets.append(listener)
        port = listener.getsockname()[1]
        received = []

        def serve_one():
            conn, _ = listener.accept()
            with conn:
                conn.settimeout(wbcli.WAIT)
                request = read_comms_frame(conn)
                received.append(request)
                conn.sendall(comms_frame({"reply": request["hello"].upper(), "ok": True}))
                conn.recv(1)  # until the client closes
        thread = threading.Thread(target=serve_one, daemon=True)
        thread.start()

        result = self.run_cli("send", f"127.0.0.1:{port}", "--codec", "python-comms",
                              "--json", '{"hello": "py"}', "--expect", "1")
        thread.join(timeout=wbcli.WAIT)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(received, [{"hello": "py"}])
        [event] = self.events(result.stdout)
        self.assertEqual(event["type"], "json")
        self.assertEqual(json.loads(event["text"]), {"reply": "PY", "ok": True})


if __name__ == "__main__":
    wbcli.main()
