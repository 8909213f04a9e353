#!/usr/bin/env python3
"""template, templatetext and brief: the cases of tst_replytemplate.cpp and tst_templatetext.cpp,
what a scenario's send renders as wirebench-cli showed it, and MessageBrief's words."""

import time
import unittest

import locustpath  # noqa: F401

from wirebench_locust import cbor
from wirebench_locust.brief import bad_frame, describe
from wirebench_locust.errors import FrameError
from wirebench_locust.message import Message
from wirebench_locust.problem import JsonProblem
from wirebench_locust.template import RenderError, ReplyTemplate
from wirebench_locust.templatetext import SEND, TemplateContext, TemplateError, TemplateText

ANSWERING = Message("json", b'{"user":"alice","n":3}', "login", 7)


class ReplyTemplateTest(unittest.TestCase):
    RENDERS = [  # answering json {"user":"alice","n":3} on "login", id 7, connection 5, seq 2
        ("text, defaults from the message", {"text": "hi"}, Message("text", b"hi", "login", 7)),
        ("channel and id given", {"channel": "c", "id": 9, "text": "hi"}, Message("text", b"hi", "c", 9)),
        ("default channel given", {"channel": "", "id": 0, "text": ""}, Message("text", b"")),
        ("templated channel and id", {"channel": "re-{{channel}}", "id": "{{seq}}", "text": "#{{seq}}"},
         Message("text", b"#2", "re-login", 2)),
        ("json with a string template", {"json": {"ok": True, "user": "{{json:/user}}", "who": "{{json:/user}}@{{conn}}"}},
         Message("json", b'{"ok":true,"user":"alice","who":"alice@5"}', "login", 7)),
        ("json keeps a number typed", {"json": [{"n": "{{json:/n}}"}, "{{json:/n}}x"]},
         Message("json", b'[{"n":3},"3x"]', "login", 7)),
        ("hex", {"hex": "03 04"}, Message("binary", b"\x03\x04", "login", 7)),
        ("hex template", {"hex": "ff{{hex}}"}, Message("binary", b'\xff{"user":"alice","n":3}', "login", 7)),
        ("hex of the payload as it is", {"hex": "{{hex}}"}, Message("binary", b'{"user":"alice","n":3}', "login", 7)),
        ("cbor scalar", {"cbor": 42}, Message("cbor", cbor.encode(42), "login", 7)),
        ("cbor templated map", {"cbor": {"u": "{{json:/user}}", "n": "{{json:/n}}"}},
         Message("cbor", cbor.encode({"n": 3, "u": "alice"}), "login", 7)),
        ("text of the message", {"text": "got {{text}}"}, Message("text", b'got {"user":"alice","n":3}', "login", 7)),
    ]

    def test_renders(self):
        context = TemplateContext(message=ANSWERING, connection=5, seq=2)
        for name, reply, expected in self.RENDERS:
            with self.subTest(name):
                self.assertEqual(ReplyTemplate.from_json(reply).render(context), expected)

    def test_without_a_message_channel_and_id_are_defaults(self):
        reply = ReplyTemplate.from_json({"text": "welcome {{peer}}{{text}}"})
        self.assertEqual(reply.render(TemplateContext(peer="10.0.0.1:9")), Message("text", b"welcome 10.0.0.1:9"))

    def test_a_scenarios_send_as_wirebench_cli_sent_it(self):
        # Every placeholder parses; those with nothing to take from are "" ({{conn}} is 0).
        context = TemplateContext(seq=3, peer="127.0.0.1:44253")
        reply = ReplyTemplate.from_json(
            {"text": "{{conn}}|{{peer}}|{{channel}}|{{id}}|{{text}}|{{hex}}|{{1}}|{{json:/a}}|{{seq}}"})
        self.assertEqual(reply.render(context), Message("text", b"0|127.0.0.1:44253|||||||3"))
        reply = ReplyTemplate.from_json({"json": {"p": "{{peer}}", "n": "{{seq}}"}, "id": "{{seq}}", "channel": "{{seq}}x"})
        self.assertEqual(reply.render(TemplateContext(seq=4, peer="127.0.0.1:44253")),
                         Message("json", b'{"n":"4","p":"127.0.0.1:44253"}', "4x", 4))
        reply = ReplyTemplate.from_json({"cbor": [1.0, 1, 1.5, -0.0, 1e20, 9223372036854775808, -1, "x",
                                                  {"b": 1, "a": None}, True, 4294967296]})
        self.assertEqual(reply.render().payload.hex(), "8b0101fb3ff800000000000000fb4415af1d78b58c40fb43e000000000"
                                                       "0000206178a26161f6616201f51b0000000100000000")
        self.assertEqual(ReplyTemplate.from_json({"json": {"b": 1.0, "a": [1e20, "\x01"]}}).render().payload,
                         b'{"a":[1e+20,"\\u0001"],"b":1}')

    def test_literal_replies_keep_their_braces(self):
        literal = ReplyTemplate.from_json({"text": "{{seq}}"}, literal=True)
        self.assertEqual(literal.render(TemplateContext(message=Message("text", b"", "c", 3))),
                         Message("text", b"{{seq}}", "c", 3))
        with self.assertRaises(JsonProblem) as raised:
            ReplyTemplate.from_json({"text": 1}, literal=True)
        self.assertEqual(str(raised.exception), '/text: "text" must be a string')

    REFUSES = [
        ("not an object", "hi", "", "a reply is an object"),
        ("no payload", {"channel": "c"}, "", "needs one of"),
        ("two payloads", {"text": "a", "json": {}}, "", "exactly one payload key, this one has json, text"),
        ("unknown key", {"txt": "a"}, "/txt", 'unknown reply key "txt"'),
        ("channel not a string", {"channel": 1, "text": ""}, "/channel", "string"),
        ("id negative", {"id": -1, "text": ""}, "/id", "0 to 4294967295"),
        ("id too big", {"id": 4294967296, "text": ""}, "/id", "0 to 4294967295"),
        ("id fraction", {"id": 1.5, "text": ""}, "/id", "integer"),
        ("text not a string", {"text": []}, "/text", "must be a string"),
        ("json scalar", {"json": 1}, "/json", "object or an array"),
        ("hex not hex", {"hex": "0g"}, "/hex", "is not hex"),
        ("bad template deep inside", {"json": {"a": ["{{nope}}"]}}, "/json/a/0", "unknown template {{nope}}"),
        ("unclosed template in the channel", {"channel": "{{seq", "text": ""}, "/channel", "without a closing"),
    ]

    def test_refuses(self):
        for name, reply, path, words in self.REFUSES:
            with self.subTest(name):
                with self.assertRaises(JsonProblem) as raised:
                    ReplyTemplate.from_json(reply)
                self.assertEqual(raised.exception.path, path)
                self.assertIn(words, raised.exception.message)

    def test_rendering_can_fail(self):
        context = TemplateContext(message=Message("text", b"hello"), seq=5)
        for reply, words in (({"hex": "{{text}}"}, 'the hex reply "hello" is not hex: pairs of 0-9 a-f'),
                             ({"id": "{{text}}", "text": ""}, 'the id "hello" is not an integer from 0 to 4294967295'),
                             ({"id": "{{seq}}0000000000", "text": ""}, "is not an integer")):
            with self.subTest(reply=reply):
                with self.assertRaises(RenderError) as raised:
                    ReplyTemplate.from_json(reply).render(context)
                self.assertIn(words, str(raised.exception))


class TemplateTextTest(unittest.TestCase):
    PAYLOAD = b'{"user":"alice","n":3,"f":0.5,"o":{"a":[true,null]}}'
    RENDERS = [
        ("plain", "hello", "hello"), ("empty", "", ""), ("group 1", "PONG {{1}}", "PONG 42"),
        ("group 2, spaces inside", "{{ 2 }}", "x"), ("missing group is empty", "[{{9}}]", "[]"),
        ("json string", "{{json:/user}}", "alice"), ("json number", "n={{json:/n}}", "n=3"),
        ("json fraction", "{{json:/f}}", "0.5"), ("json object", "{{json:/o}}", '{"a":[true,null]}'),
        ("json missing is empty", "<{{json:/nope}}>", "<>"), ("channel", "{{channel}}", "login"),
        ("id", "{{id}}", "7"), ("text", "{{text}}", PAYLOAD.decode()), ("hex", "{{hex}}", PAYLOAD.hex()),
        ("conn", "#{{conn}}", "#12"), ("peer", "hi {{peer}}", "hi 127.0.0.1:5000"), ("seq", "{{seq}}/{{seq}}", "4/4"),
        ("single braces are text", "{a} }}", "{a} }}"),
    ]

    def test_renders(self):
        context = TemplateContext(message=Message("json", self.PAYLOAD, "login", 7), groups=["PING 42 x", "42", "x"],
                                  connection=12, peer="127.0.0.1:5000", seq=4)
        for name, text, expected in self.RENDERS:
            with self.subTest(name):
                parsed = TemplateText.parse(text)
                self.assertEqual(parsed.render(context), expected)
                self.assertEqual(parsed.is_plain(), not TemplateText.has_placeholders(text))

    def test_now_is_now(self):
        before = time.time_ns() // 1_000_000
        now = int(TemplateText.parse("{{now}}").render(TemplateContext()))
        self.assertTrue(before <= now <= time.time_ns() // 1_000_000)

    def test_random_stays_in_its_range(self):
        parsed = TemplateText.parse("{{random:-2-2}}")
        seen = {int(parsed.render(TemplateContext())) for _ in range(2000)}
        self.assertEqual(seen, {-2, -1, 0, 1, 2})
        self.assertEqual(TemplateText.parse("{{random:7-7}}").render(TemplateContext()), "7")

    def test_typed_json(self):
        context = TemplateContext(message=Message("json", b'{"n":3,"list":[1],"big":0.1}'))
        self.assertEqual(TemplateText.parse("{{json:/n}}").render_typed_json(context), 3)
        self.assertEqual(TemplateText.parse("{{json:/list}}").render_typed_json(context), [1])
        self.assertEqual(TemplateText.parse("{{json:/big}}").render(context), "0.10000000000000001")
        self.assertIsNot(TemplateText.parse("n {{json:/n}}").render_typed_json(context), 3)

    def test_refuses(self):
        for text, words in (("{{user}}", "unknown template {{user}}"), ("{{0}}", "unknown template {{0}}"),
                            ("{{10}}", "unknown template {{10}}"), ("a {{seq", "without a closing"),
                            ("{{json:user}}", "start with /"), ("{{random:5-1}}", "A <= B"),
                            ("{{random:a-b}}", "A-B")):
            with self.subTest(text=text):
                with self.assertRaises(TemplateError) as raised:
                    TemplateText.parse(text)
                self.assertIn(words, str(raised.exception))

    def test_a_send_scope_refuses_what_it_has_nothing_for(self):
        self.assertEqual(TemplateText.parse("{{seq}} {{now}} {{random:1-2}}", SEND).uses_connection_state(), True)
        for text, words in (("{{text}}", "{{text}} means nothing here"), ("{{json:/a}}", "{{json:/a}} means nothing"),
                            ("{{nope}}", "unknown template {{nope}}: use {{seq}}, {{now}} or {{random:A-B}}")):
            with self.subTest(text=text):
                with self.assertRaises(TemplateError) as raised:
                    TemplateText.parse(text, SEND)
                self.assertIn(words, str(raised.exception))

    def test_what_needs_the_connections_count(self):
        for text, uses in (("{{seq}}", True), ("a {{peer}}", True), ("{{hex}}", False),
                           ("{{conn}} {{text}} {{now}}", False), ("plain", False)):
            self.assertEqual(TemplateText.parse(text).uses_connection_state(), uses)


class BriefTest(unittest.TestCase):
    def test_words(self):
        for message, expected in (
                (Message("json", b'{"ok":false}', "login"), 'json #login {"ok":false}'),
                (Message("text", b"ping 2"), 'text "ping 2"'),
                (Message("binary", b"\x00\xff\x10", "", 5), "binary id=5 00 ff 10 (3 bytes)"),
                (Message("binary", b"\x01"), "binary 01 (1 byte)"),
                (Message("cbor", b""), "cbor (0 bytes)"),
                (Message("text", b"a\nb\x01\xc2\x85\xff\\\xe2\x82\xac"), 'text "a\\nb\\x01\\xc2\\x85\\xff\\\\\u20ac"'),
                (Message("text", b"x" * 121), 'text "' + "x" * 120 + '... (121 bytes)"'),
                (Message("binary", bytes(41)), "binary " + " ".join(["00"] * 40) + " ... (41 bytes)")):
            with self.subTest(expected=expected[:30]):
                self.assertEqual(describe(message), expected)

    def test_a_bad_frame(self):
        self.assertEqual(bad_frame(FrameError("UnknownMessageType", "unknown message type 9", b"")),
                         "a frame the codec refused: unknown message type 9")


if __name__ == "__main__":
    unittest.main()
