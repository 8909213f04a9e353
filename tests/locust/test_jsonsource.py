#!/usr/bin/env python3
"""jsonsource, jsonpayload and jsonvalue: JSON read, compared and written as Qt does (the words and lines of
QJsonDocument's errors, its numbers), each case as wirebench-cli 6.4 gave it."""

import os
import tempfile
import unittest

import locustpath  # noqa: F401

from wirebench_locust.jsonsource import JsonSource, JsonSourceError
from wirebench_locust.jsonpayload import parse_document
from wirebench_locust.jsonvalue import MISSING, compact, equal
from wirebench_locust.problem import JsonProblem


class SyntaxErrorsTest(unittest.TestCase):
    CASES = [  # text, "LINE: words" as Qt says them
        ('{"steps": [\n  {"sleep_ms": 1},,\n]}', "2: illegal value"),
        ("[1,]", "1: object is missing after a comma"),
        ('{"a":1,}', "1: object is missing after a comma"),
        ('{"a" 1}', "1: missing name separator"),
        ('{"a":1 "b":2}', "1: unterminated object"),
        ("[1 2]", "1: missing value separator"),
        ("[1\n", "2: unterminated array"),
        ('{"a":\n', "2: unterminated object"),
        ('{"a":x}', "1: illegal number"),
        ('{"a":-}', "1: illegal number"),
        ('{"a":"x', "1: unterminated string"),
        ('{"a":"x"', "1: unterminated string"),  # Qt wants something after a string's quote
        ("", "1: illegal value"),
        ("  ", "1: illegal value"),
        ("42", "1: illegal value"),
        ("{} x", "1: garbage at the end of the document"),
        ('{"a":tru}', "1: illegal value"),
        ('{"a":nul}', "1: illegal value"),
        ('{"a":[}', "1: object is missing after a comma"),
        ('{"a":,}', "1: illegal value"),
        ('{"a":1e400}', "1: illegal number"),
        ('{"a":01}', "1: unterminated object"),
        ('{,}', "1: unterminated object"),
        ("[,1]", "1: illegal value"),
        ('{"a":1}}', "1: garbage at the end of the document"),
        ('{"a":1,"a":2', "1: invalid termination by number"),
        ('{"steps":[]}\n\n\n}', "4: garbage at the end of the document"),
        ('{"a":"\\u12"}', "1: invalid escape sequence"),
        ("[" * 1100 + "]" * 1100, "1: too deeply nested document"),
    ]

    def test_each_mistake_has_qts_words_and_line(self):
        for text, expected in self.CASES:
            with self.subTest(text=text[:40]):
                with self.assertRaises(JsonSourceError) as raised:
                    JsonSource(text, "f.json")
                self.assertEqual(str(raised.exception), "f.json:" + expected)

    def test_invalid_utf8_in_a_string(self):
        with self.assertRaises(JsonSourceError) as raised:
            JsonSource(b'{"a":\n"\xff"}', "f.json")
        self.assertEqual(str(raised.exception), "f.json:2: invalid UTF8 string")

    def test_what_qt_lets_pass(self):
        # A BOM, an unknown escape, a raw line break in a string, "1." and a lone surrogate escape.
        source = JsonSource(b'\xef\xbb\xbf{"a":"\\q","b":"x\ny","c":1.,"d":"\\ud800","e":"\\ud834\\udd1e"}', "f")
        self.assertEqual(source.document, {"a": "q", "b": "x\ny", "c": 1, "d": "\ud800", "e": "\U0001d11e"})

    def test_duplicate_keys_keep_the_last_and_keys_come_sorted(self):
        source = JsonSource('{"z": 1, "B": 2, "a": 3, "a": 4}', "f")
        self.assertEqual(list(source.document.items()), [("B", 2), ("a", 4), ("z", 1)])

    def test_load_names_an_unreadable_file(self):
        with self.assertRaises(JsonSourceError) as raised:
            JsonSource.load("/nonexistent/scenario.json")
        self.assertTrue(str(raised.exception).startswith("/nonexistent/scenario.json: cannot read: "))
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "s.json")
            with open(path, "w", encoding="utf-8") as file:
                file.write('{"a": [1]}')
            self.assertEqual(JsonSource.load(path).document, {"a": [1]})


class LinesTest(unittest.TestCase):
    TEXT = '{\n "a": {\n  "b":\n   [1,\n    {"c": true}]},\n "d~/": 2\n}'

    def test_a_member_has_its_keys_line_an_element_its_own(self):
        source = JsonSource(self.TEXT, "f.json")
        for path, line in (("", 1), ("/a", 2), ("/a/b", 3), ("/a/b/0", 4), ("/a/b/1", 5), ("/a/b/1/c", 5),
                           ("/d~0~1", 6), ("/a/b/7", 3), ("/nowhere/x", 1)):
            with self.subTest(path=path):
                self.assertEqual(source.line_of(path), line)

    def test_describe(self):
        source = JsonSource(self.TEXT, "f.json")
        self.assertEqual(source.describe(JsonProblem("/a/b/1/x", "no")), "f.json:5: no")


class NumbersTest(unittest.TestCase):
    def written(self, text):
        return compact(JsonSource(text, "f").document)

    def test_whole_numbers_are_integers(self):
        self.assertEqual(self.written("[1.0, -0.0, 1e18, 100, 1.0e2, 5e0, -0]"), "[1,0,1000000000000000000,100,100,5,0]")
        self.assertEqual(self.written("[9223372036854775807, 9223372036854775808, -9223372036854775809]"),
                         "[9223372036854775807,9223372036854776000,-9223372036854775808]")

    def test_doubles_take_the_shorter_form(self):
        cases = {"[1e19, 1e20, 1.5e17]": "[1e+19,1e+20,150000000000000000]",
                 "[0.001, 0.0001, 0.00001, 1.5e-5, 1e-7, 123.456, 1e300, -1e-300]":
                     "[0.001,1e-04,1e-05,1.5e-05,1e-07,123.456,1e+300,-1e-300]",
                 "[12345678901234567e3, 12345678901234567e4, 12345678901234567e5, 12345678901234567e6]":
                     "[12345678901234567000,123456789012345670000,1234567890123456800000,1.2345678901234568e+22]",
                 "[0.00015, 0.0015, 0.00012345, 0.012, 1.2345678e-05, 0.1, 4.35, 5e-324]":
                     "[0.00015,0.0015,0.00012345,0.012,1.2345678e-05,0.1,4.35,5e-324]",
                 "[1.7976931348623157e308, 1e100, 1.25e-100]": "[1.7976931348623157e+308,1e+100,1.25e-100]"}
        for text, expected in cases.items():
            with self.subTest(text=text):
                self.assertEqual(self.written(text), expected)

    def test_strings_and_order(self):
        self.assertEqual(compact({"z": 1, "B": 2, "é": 4, "\uffff": 6, "𝄞": 5, "a": "\x7f\x01\x1f é/\\\"\b\f\n\r\t"}),
                         '{"B":2,"a":"\x7f\\u0001\\u001f é/\\\\\\"\\b\\f\\n\\r\\t","z":1,"é":4,"\uffff":6,"𝄞":5}')
        self.assertEqual(compact([None, True, False, "x"]), '[null,true,false,"x"]')


class EqualityTest(unittest.TestCase):
    def test_qts_equality(self):
        self.assertTrue(equal(1, 1.0))
        self.assertFalse(equal(1, "1"))
        self.assertFalse(equal(True, 1))
        self.assertFalse(equal(9007199254740993, 9007199254740992))
        self.assertTrue(equal({"a": [1, {"b": None}]}, {"a": [1.0, {"b": None}]}))
        self.assertFalse(equal({"a": 1}, {"a": 1, "b": 2}))
        self.assertFalse(equal(None, False))

    def test_payloads(self):
        self.assertEqual(parse_document(b'\xef\xbb\xbf {"n": 1.0, "x": [2.5]} '), {"n": 1, "x": [2.5]})
        for payload in (b'"x"', b"1", b"{oops", b"", b'{"a": NaN}', b"\xff"):
            with self.subTest(payload=payload):
                self.assertIs(parse_document(payload), MISSING)


if __name__ == "__main__":
    unittest.main()
