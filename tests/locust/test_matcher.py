#!/usr/bin/env python3
"""matcher, jsonpointer and perlregex: the cases of tests/engine/tst_messagematcher.cpp, and what
wirebench-cli showed of JSON Pointers and of PCRE2 against the same messages."""

import unittest

import locustpath  # noqa: F401

from wirebench_locust import cbor, jsonpointer
from wirebench_locust.facts import MessageFacts, cbor_to_json
from wirebench_locust.jsonvalue import MISSING
from wirebench_locust.matcher import Matcher
from wirebench_locust.message import Message
from wirebench_locust.perlregex import RegexError, compile_perl
from wirebench_locust.problem import JsonProblem

LOGIN = Message("json", b'{"user":"alice","n":3,"tags":["a","b"],"a/b":{"~c":true}}', "login")


def text(value, channel=""):
    return Message("text", value.encode(), channel)


def binary(data):
    return Message("binary", data)


def matches(when, message):
    return Matcher.from_json(when).matches(message)


class MatchesTest(unittest.TestCase):
    CASES = [
        ("{} matches anything", {}, binary(b"\xff"), True),
        ("channel exact", {"channel": "login"}, LOGIN, True),
        ("channel is not a prefix", {"channel": "log"}, LOGIN, False),
        ("default channel is empty", {"channel": ""}, text("x"), True),
        ("type json", {"type": "json"}, LOGIN, True),
        ("type text vs json", {"type": "text"}, LOGIN, False),
        ("type cbor", {"type": "cbor"}, Message("cbor", cbor.encode(1)), True),
        ("type binary", {"type": "binary"}, binary(b"ab"), True),
        ("text searched", {"text": "ING"}, text("PING 1"), True),
        ("text anchored", {"text": "^ING"}, text("PING 1"), False),
        ("text in json", {"text": "alice"}, LOGIN, True),
        ("text in valid utf-8 binary", {"text": "^hi$"}, binary(b"hi"), True),
        ("no text in invalid utf-8", {"text": ""}, binary(b"\xc3\x28"), False),
        ("no text in cbor", {"text": ""}, Message("cbor", cbor.encode("hi")), False),
        ("json string", {"json": {"/user": "alice"}}, LOGIN, True),
        ("json other string", {"json": {"/user": "bob"}}, LOGIN, False),
        ("json number", {"json": {"/n": 3}}, LOGIN, True),
        ("json number is not its text", {"json": {"/n": "3"}}, LOGIN, False),
        ("json array index", {"json": {"/tags/1": "b"}}, LOGIN, True),
        ("json escapes", {"json": {"/a~1b/~0c": True}}, LOGIN, True),
        ("json missing member", {"json": {"/nobody": None}}, LOGIN, False),
        ("json all must hold", {"json": {"/user": "alice", "/n": 4}}, LOGIN, False),
        ("json whole value", {"json": {"": [1, 2]}}, Message("json", b"[1,2]"), True),
        ("json of cbor", {"json": {"/k": 1}}, Message("cbor", cbor.encode({"k": 1})), True),
        ("json of text is nothing", {"json": {"": "x"}}, text('"x"'), False),
        ("hex prefix", {"hex": "0102"}, binary(bytes.fromhex("010203")), True),
        ("hex upper case and spaces", {"hex": "0A FF"}, binary(bytes.fromhex("0aff")), True),
        ("hex longer than payload", {"hex": "010203"}, binary(bytes.fromhex("0102")), False),
        ("hex not a prefix", {"hex": "02"}, binary(bytes.fromhex("0102")), False),
        ("all keys at once", {"channel": "login", "type": "json", "text": "alice", "json": {"/n": 3}, "hex": "7b22"},
         LOGIN, True),
        # Seen from wirebench-cli run against serve --echo:
        ("1 and 1.0 are equal", {"json": {"/a": 1.0}}, Message("json", b'{"a":1}'), True),
        ("true is not 1", {"json": {"/a": 1}}, Message("json", b'{"a":true}'), False),
        ("integers compare exactly", {"json": {"/a": 9007199254740992}}, Message("json", b'{"a":9007199254740993}'),
         False),
        ("a BOM is not text", {"text": "^hi$"}, binary(b"\xef\xbb\xbfhi"), True),
        ("nor in a text message", {"text": "^hi$"}, text("\ufeffhi"), True),
        ("\\d is ASCII", {"text": "^\\d$"}, text("\u0663"), False),
        ("\\w is ASCII", {"text": "^\\w$"}, text("\u00e9"), False),
        ("\\s is ASCII", {"text": "^\\s$"}, text("\u00a0"), False),
        ("(?i) folds beyond ASCII", {"text": "(?i)^\u00e9$"}, text("\u00c9"), True),
        ("\\Z before a final newline", {"text": "a\\Z"}, text("a\n"), True),
        ("$ before a final newline", {"text": "a$"}, text("a\n"), True),
        ("named group", {"text": "(?<x>a)b\\k<x>"}, text("aba"), True),
        ("\\x{41}", {"text": "\\x{41}"}, text("A"), True),
        ("\\Q...\\E", {"text": "\\Qa.b\\E"}, text("a.b"), True),
        ("\\Q...\\E quotes the dot", {"text": "\\Qa.b\\E"}, text("axb"), False),
        ("(?i) in the middle", {"text": "a(?i)B"}, text("ab"), True),
        ("(?i) in the middle, before it", {"text": "a(?i)B"}, text("Ab"), False),
        ("POSIX class", {"text": "^[[:alpha:]]+$"}, text("ab"), True),
    ]

    def test_each_case(self):
        for name, when, message, expected in self.CASES:
            with self.subTest(name):
                self.assertEqual(matches(when, message), expected)


class RefusesTest(unittest.TestCase):
    CASES = [
        ("not an object", "x", "", "is an object"),
        ("unknown key", {"txt": "a"}, "/txt", 'unknown match key "txt"'),
        ("channel number", {"channel": 1}, "/channel", "string"),
        ("unknown type", {"type": "xml"}, "/type", '"binary"'),
        ("bad regex", {"text": "(a"}, "/text", "not a regular expression"),
        ("json not an object", {"json": "/a"}, "/json", "JSON Pointers"),
        ("json bad pointer", {"json": {"user": 1}}, "/json/user", "start with /"),
        ("json bad escape", {"json": {"/a~2": 1}}, "/json/~1a~02", "~ must be followed"),
        ("hex odd", {"hex": "012"}, "/hex", "pairs"),
        ("hex letters", {"hex": "zz"}, "/hex", "pairs"),
        ("hex with a tab", {"hex": "01\t02"}, "/hex", "pairs"),
    ]

    def test_each_mistake(self):
        for name, when, path, words in self.CASES:
            with self.subTest(name):
                with self.assertRaises(JsonProblem) as raised:
                    Matcher.from_json(when)
                self.assertEqual(raised.exception.path, path)
                self.assertIn(words, raised.exception.message)

    def test_the_first_mistake_in_key_order(self):
        with self.assertRaises(JsonProblem) as raised:
            Matcher.from_json({"type": "xml", "channel": 1})
        self.assertEqual(raised.exception.path, "/channel")

    def test_regular_expression_words_are_pcre2s(self):
        # As wirebench-cli words them; the offsets agree in these cases.
        for pattern, words in (("(", "missing closing parenthesis at offset 1"),
                               ("a)", "unmatched closing parenthesis at offset 1"),
                               ("*a", "quantifier does not follow a repeatable item at offset 0"),
                               ("a**", "quantifier does not follow a repeatable item at offset 2"),
                               ("[a", "missing terminating ] for character class at offset 2"),
                               ("a\\", "\\ at end of pattern at offset 2"),
                               ("\\q", "unrecognized character follows \\ at offset 1"),
                               ("(?<=a+)b", "lookbehind assertion is not fixed length at offset 0"),
                               ("(?z)", "unrecognized character after (? or (?- at offset 2"),
                               ("\\u0041", "PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u"),
                               ("a{2}{3}", "quantifier does not follow a repeatable item")):
            with self.subTest(pattern=pattern):
                with self.assertRaises(JsonProblem) as raised:
                    Matcher.from_json({"text": pattern})
                self.assertTrue(raised.exception.message.startswith(f'"{pattern}" is not a regular expression: '
                                                                    + words), raised.exception.message)

    def test_what_python_cannot_run_is_refused_saying_so(self):
        for pattern in ("\\p{L}", "(?R)", "(?1)", "(?|a|b)", "(*UTF)a", "(?U)a", "\\X"):
            with self.subTest(pattern=pattern):
                with self.assertRaises(RegexError) as raised:
                    compile_perl(pattern)
                self.assertIn("is not supported by Python's re", str(raised.exception))


class DescribeTest(unittest.TestCase):
    def test_words(self):
        self.assertEqual(Matcher.from_json({}).describe(), "any message")
        self.assertEqual(Matcher.from_json({"channel": "login", "json": {"/ok": True}, "text": "^a"}).describe(),
                         'channel "login", text matching /^a/, json /ok = true')
        # As wirebench-cli printed it: pointers in order, "" quoted, numbers as Qt writes them.
        self.assertEqual(Matcher.from_json({"json": {"/b": 1, "/a": 2.50, "": None, "/c": [1.0, {"x": "y"}]},
                                            "text": "a/b", "hex": "0A ff", "type": "json",
                                            "channel": "ch"}).describe(),
                         'channel "ch", type json, text matching /a/b/, json "" = null, json /a = 2.5, json /b = 1, '
                         'json /c = [1,{"x":"y"}], payload starting 0aff')


class PointerTest(unittest.TestCase):
    DOC = {"a": [10, 20], "m~n": {"x/y": 1}, "": 5}

    def test_resolve(self):
        for pointer, expected in (("", self.DOC), ("/a/1", 20), ("/m~0n/x~1y", 1), ("/", 5), ("/a/2", MISSING),
                                  ("/a/+1", 20), ("/a/ 1", 20), ("/a/1 ", 20), ("/a/-0", 10), ("/a/00", MISSING),
                                  ("/a/0x1", MISSING), ("/a/-1", MISSING), ("/a/1/b", MISSING),
                                  ("/nobody", MISSING)):
            with self.subTest(pointer=pointer):
                self.assertEqual(jsonpointer.resolve(self.DOC, pointer), expected)

    def test_validate_and_steps(self):
        self.assertEqual(jsonpointer.validate(""), "")
        self.assertIn("must be empty or start with /", jsonpointer.validate("a"))
        self.assertIn("~ must be followed by 0 or 1", jsonpointer.validate("/a~"))
        self.assertEqual(jsonpointer.steps("/a~1b/0/~0"), ["a/b", "0", "~"])
        self.assertEqual(jsonpointer.step("a/b~"), "/a~1b~0")

    def test_cbor_values_read_as_qt_converts_them(self):
        self.assertEqual(cbor_to_json({1: b"\xff\xfe", "k": [float("nan"), 2.5, None]}),
                         {"1": "__4", "k": [None, 2.5, None]})
        facts = MessageFacts(Message("cbor", cbor.encode({"k": [1, {"z": "q"}]}), "c", 9))
        self.assertEqual(jsonpointer.resolve(facts.json, "/k/1/z"), "q")
        self.assertFalse(facts.has_text())
        self.assertEqual((facts.channel, facts.id, facts.hex), ("c", 9, facts.payload.hex()))
        self.assertFalse(MessageFacts(Message("cbor", b"\xff")).has_json())
        self.assertTrue(MessageFacts(Message("json", b"{oops")).has_text())
        self.assertTrue(MessageFacts(binary(b"")).has_text())  # empty is valid UTF-8


if __name__ == "__main__":
    unittest.main()
