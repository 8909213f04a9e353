"""The Python codecs and Connection against a real `wirebench-cli serve`, every codec.

WIREBENCH_CLI must name a built wirebench-cli (as for tests/e2e); without it
the tests fail, they are not skipped. The server is started with the CLI
options that match the parameters given to codec_from_json(), so the names
are checked too. Every wait has a timeout (tests/e2e/wbcli.py's WAIT).
Run: WIREBENCH_CLI=build/app/cli/wirebench-cli python3 tests/locust/test_codec_interop.py
"""

import json
import unittest

import locustpath  # noqa: F401

import wbcli
from clitestcase import CliTestCase
from test_cbor import REFUSED as CBOR_REFUSED
from test_payloadcheck import JSON_OK, JSON_REFUSED, TEXT_OK, TEXT_REFUSED

from wirebench_locust import cbor
from wirebench_locust.codecs import codec_from_json
from wirebench_locust.connection import Connection
from wirebench_locust.errors import EncodeError, FrameError
from wirebench_locust.message import Message
from wirebench_locust.payloadcheck import cbor_problem, json_problem, text_problem

WAIT = wbcli.WAIT
PARAMETER_SETS = [
    {"codec": "envelope"},
    {"codec": "envelope", "max-frame": 300000},
    {"codec": "length"},
    {"codec": "length", "length-bytes": 2, "byte-order": "little"},
    {"codec": "length", "length-bytes": 1, "payload": "text"},
    {"codec": "length", "length-bytes": 8, "byte-order": "little", "payload": "text"},
    {"codec": "length", "length-bytes": 3, "length-offset": 2, "length-adjust": -5, "strip": 0},
    {"codec": "length", "length-bytes": 2, "length-offset": 1, "length-adjust": 1, "strip": 3},
    {"codec": "python-comms"},
    {"codec": "line"},
    {"codec": "line", "delimiter": "\\r\\n", "payload": "binary"},
    {"codec": "line", "delimiter": "<END>", "payload": "json", "max-frame": 100},
    {"codec": "raw"},
]
PAYLOADS = {
    "binary": [b"hello", bytes(range(256)), b"", b"\x00\xff" * 40],
    "text": ["héllo €".encode(), b"", b"nul \x00 inside", "\U0001F600".encode()],
    "json": [b'{"a":1}', b' [1, 2.5, {"b": null}] ', b'{"k":"\\u00e9","dup":1,"dup":2}'],
}
ENVELOPE_MESSAGES = [
    Message.text("hi", "chat", 7), Message("json", b'{"a":1}', "", 0), Message("cbor", cbor.encode({"k": 1}), "state", 1),
    Message("binary", b"\x00\xff", "image", 0x01020304), Message("text", "héllo".encode(), "ünï", 0xFFFFFFFF),
    Message("binary", b""), Message("binary", bytes(range(256)) * 800, "bulk", 3),  # larger than one read
]


def cli_options(parameters):
    options = []
    for name, value in parameters.items():
        options += [f"--{name}", str(value)]
    return options


def fits(codec, message):
    try:
        codec.encode(message)
    except EncodeError:
        return False
    return True


class ServeTestCase(CliTestCase):
    def connect_to_serve(self, parameters, *options):
        """`serve` with the codec options of `parameters`; returns (process, connection, codec)."""
        process, port = self.serve(*cli_options(parameters), *options)
        codec = codec_from_json(parameters)
        connection = Connection("127.0.0.1", port, codec, connect_timeout=WAIT)
        self.addCleanup(connection.close)
        process.event_named("connected")
        return process, connection, codec

    def assert_server_got(self, process, expected):
        event = process.event_named("message")
        got = Message(event["type"], bytes.fromhex(event["payload_hex"]), event["channel"], event["id"])
        self.assertEqual(got, expected)


class EchoTest(ServeTestCase):
    def test_every_codec_echoes_what_the_python_codec_predicts(self):
        for parameters in PARAMETER_SETS:
            if parameters["codec"] == "raw":
                continue
            with self.subTest(parameters=parameters):
                process, connection, codec = self.connect_to_serve(parameters, "--echo")
                if codec.kind == "envelope":
                    messages = ENVELOPE_MESSAGES
                else:  # channel and id are not sent: the server must see "" and 0
                    messages = [Message(codec.payload, payload, "ignored", 5) for payload in PAYLOADS[codec.payload]]
                for message in messages:
                    if not fits(codec, message):
                        continue  # an adjustment above the payload's size: MessageTooLarge, nothing to send
                    # What the C++ side decodes from our bytes, then what we decode from its echo.
                    (server_got,) = codec.decoder().feed(codec.encode(message))
                    (echoed,) = codec.decoder().feed(codec.encode(server_got))
                    connection.send(message)
                    self.assert_server_got(process, server_got)
                    self.assertEqual(connection.receive(WAIT), echoed)
                process.kill()

    def test_raw_echoes_the_bytes(self):
        process, connection, _ = self.connect_to_serve({"codec": "raw"}, "--echo")
        sent = b"".join(PAYLOADS["binary"]) + b"GET / HTTP/1.1\r\n\r\n"
        connection.send(Message("text", sent, "ignored", 5))
        received = b""
        while len(received) < len(sent):
            message = connection.receive(WAIT)
            self.assertIsNotNone(message, f"{len(received)} of {len(sent)} bytes came back")
            self.assertEqual((message.type, message.channel, message.id), ("binary", "", 0))
            received += message.payload
        self.assertEqual(received, sent)


class FrameErrorTest(ServeTestCase):
    def test_the_server_reports_a_bad_frame_and_the_connection_lives_on(self):
        for parameters, bad, code in (({"codec": "envelope"}, Message("json", b"[1,", "chat", 9), "InvalidJson"),
                                      ({"codec": "line"}, Message("text", b"caf\xc3"), "InvalidText"),
                                      ({"codec": "python-comms"}, Message("json", b"42"), "InvalidJson"),
                                      ({"codec": "length", "length-bytes": 2, "strip": 5}, Message("binary", b"AB"),
                                       "StripBeyondFrame")):
            with self.subTest(parameters=parameters):
                process, connection, codec = self.connect_to_serve(parameters, "--echo")
                connection.send(bad)
                error = process.event_named("error")
                self.assertEqual((error["code"], bytes.fromhex(error["raw_hex"])), (code, codec.encode(bad)))
                # Our own decoder names the same error for the same bytes.
                (ours,) = codec.decoder().feed(codec.encode(bad))
                self.assertIsInstance(ours, FrameError)
                self.assertEqual((ours.code, str(ours)), (code, f"{code}: {error['message']}"))
                good = Message(codec.payload if codec.kind != "envelope" else "json", b'["good"]')
                connection.send(good)
                (server_got,) = codec.decoder().feed(codec.encode(good))
                (echoed,) = codec.decoder().feed(codec.encode(server_got))
                self.assertEqual(connection.receive(WAIT), echoed)
                self.assertFalse(connection.closed)
                process.kill()


class CborReplyTest(ServeTestCase):
    def test_a_rules_reply_in_cbor_reads_as_its_json(self):
        value = {"name": "wirebench", "n": [1, -2, 3.5, 1000.0, 2 ** 40, 2 ** 63, None, True, False],
                 "keys": {"b": 1, "aa": 2, "B": 3, "é": 4}, "empty": [{}, [], ""], "text": "ü" * 30}
        rules = self.path("rules.json")
        with open(rules, "w", encoding="utf-8") as file:
            json.dump({"rules": [{"when": {}, "reply": {"cbor": value}}]}, file)
        _, connection, _ = self.connect_to_serve({"codec": "envelope"}, "--responder", rules)
        connection.send(Message.text("ask"))
        reply = connection.receive(WAIT)
        self.assertEqual(reply.type, "cbor")
        self.assertEqual(reply.payload, cbor.encode(value))  # byte for byte, as Qt writes it
        self.assertEqual(cbor.decode(reply.payload), value)


class PayloadVerdictTest(ServeTestCase):
    """The server's verdict and words on a payload are ours: its events against payloadcheck."""

    def verdicts(self, type_, payloads):
        process, connection, _ = self.connect_to_serve({"codec": "envelope"})
        for payload in payloads:
            connection.send(Message(type_, payload))
            event = process.event()
            yield payload, None if event["event"] == "message" else event["message"]

    def test_text(self):
        extra = [b"\xef\xbb\xbfbom", b"\xef\xbf\xbe", b"\xf4\x8f\xbf\xbf"]
        for payload, server in self.verdicts("text", TEXT_OK + [b"ok" + bad for bad in TEXT_REFUSED] + extra):
            with self.subTest(payload=payload):
                self.assertEqual(text_problem(payload), server)

    def test_json(self):
        for payload, server in self.verdicts("json", JSON_OK + list(JSON_REFUSED) + [b"[1.e]", b"[.]", b'["\\x"]']):
            with self.subTest(payload=payload[:40]):
                self.assertEqual(json_problem(payload), server)

    def test_cbor(self):
        accepted = [cbor.encode(value) for value in ({"k": [1, 2.5, None]}, "text", b"bytes", -(2 ** 63))]
        refused = [bytes.fromhex(wire) for wire, _, _ in CBOR_REFUSED]
        for payload, server in self.verdicts("cbor", accepted + refused + [b"\x00\x00"]):
            with self.subTest(payload=payload[:16].hex()):
                self.assertEqual(cbor_problem(payload), server)


if __name__ == "__main__":
    unittest.main(verbosity=2)
