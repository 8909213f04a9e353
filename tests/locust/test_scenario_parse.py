#!/usr/bin/env python3
"""scenario and scenariostep: scenario files read as wirebench-cli reads them, every key, and every
mistake of tests/engine/tst_scenario.cpp and tests/e2e/test_run.py told with the same line and words."""

import os
import tempfile
import unittest

import locustpath  # noqa: F401

from wirebench_locust.scenario import DEFAULT_TIMEOUT_MS, ScenarioError, load_scenario, parse_scenario
from wirebench_locust.scenariostep import MAX_MSECS, MAX_REPEAT


def parse(text):
    return parse_scenario(text, "scenario.json")


class ReadsTest(unittest.TestCase):
    def test_reads_every_key(self):
        scenario = parse(r"""{
  "name": "login flow",
  "timeout_ms": 750,
  "clients": {
    "bob": {"connect": "localhost:7001", "codec": {"codec": "line", "delimiter": "\\r\\n"}},
    "alice": {"connect": "127.0.0.1:7000", "codec": "envelope"}
  },
  "steps": [
    {"as": "alice", "send": {"channel": "login", "id": 7, "json": {"user": "alice"}}},
    {"as": "alice", "expect": {"channel": "login", "json": {"/ok": true}}, "timeout_ms": 2000},
    {"sleep_ms": 100},
    {"repeat": 3, "steps": [{"as": "bob", "send": {"text": "ping {{seq}}"}},
                            {"as": "bob", "expect": {"text": "^pong"}, "skip_others": true}]},
    {"as": "bob", "expect_closed": true, "timeout_ms": 1000, "skip_others": false}
  ]
}""")
        self.assertEqual(scenario.name, "login flow")
        # A JSON object's order: by name.
        self.assertEqual([(c.name, c.host, c.port, c.codec) for c in scenario.clients],
                         [("alice", "127.0.0.1", 7000, "envelope"),
                          ("bob", "localhost", 7001, {"codec": "line", "delimiter": "\\r\\n"})])
        steps = scenario.steps
        self.assertEqual([(s.action, s.path, s.client) for s in steps],
                         [("send", "steps[0]", 0), ("expect", "steps[1]", 0), ("sleep", "steps[2]", -1),
                          ("repeat", "steps[3]", -1), ("expect_closed", "steps[4]", 1)])
        self.assertEqual(steps[0].summary, 'send alice {"channel":"login","id":7,"json":{"user":"alice"}}')
        self.assertEqual((steps[1].timeout_ms, steps[1].skip_others), (2000, False))
        self.assertEqual(steps[1].summary, 'expect alice channel "login", json /ok = true')
        self.assertEqual((steps[2].sleep_ms, steps[2].summary), (100, "sleep 100 ms"))
        self.assertEqual((steps[3].repeat_count, steps[3].summary, len(steps[3].steps)), (3, "repeat 3 times", 2))
        pong = steps[3].steps[1]
        self.assertEqual((pong.path, pong.client, pong.skip_others, pong.timeout_ms), ("steps[3].steps[1]", 1, True, 750))
        self.assertEqual(pong.summary, "expect bob text matching /^pong/, skipping others")
        self.assertEqual((steps[4].timeout_ms, steps[4].summary), (1000, "expect bob closed"))
        self.assertIsNotNone(steps[0].reply)
        self.assertIsNotNone(steps[1].matcher)

    def test_one_client_at_the_top(self):
        scenario = parse('{"connect": "7000", "codec": "raw", "steps": [{"send": {"hex": "00ff"}}, {"expect": {}}]}')
        self.assertEqual([(c.name, c.host, c.port, c.codec) for c in scenario.clients], [("", "127.0.0.1", 7000, "raw")])
        self.assertEqual(scenario.steps[0].client, 0)
        self.assertEqual(scenario.steps[0].summary, 'send {"hex":"00ff"}')
        self.assertEqual(scenario.steps[1].summary, "expect any message")
        self.assertEqual(scenario.steps[1].timeout_ms, DEFAULT_TIMEOUT_MS)
        self.assertEqual((DEFAULT_TIMEOUT_MS, MAX_MSECS, MAX_REPEAT), (5000, 3600000, 1000000))
        # With "clients", one client may be left out of "as" too, and keeps its name in summaries.
        scenario = parse('{"clients": {"solo": {"connect": "7000"}}, "steps": [{"expect_closed": true}]}')
        self.assertEqual((scenario.steps[0].client, scenario.steps[0].summary), (0, "expect solo closed"))
        self.assertEqual(scenario.clients[0].codec, "envelope")

    def test_codec_objects_are_kept_as_written(self):
        for codec in ('{"codec": "length", "length-bytes": 2, "byte-order": "little", "length-offset": 1, '
                      '"length-adjust": -2, "strip": 0, "payload": "text", "max-frame": 1000}',
                      '{"codec": "length", "length-bytes": "2"}', '{"codec": "line", "max-frame": 80, "payload": "json"}',
                      '{"max-frame": 1000}', '"python-comms"'):
            with self.subTest(codec=codec):
                scenario = parse('{"connect": "7000", "codec": ' + codec + ', "steps": []}')
                self.assertIsNotNone(scenario.clients[0].codec)

    def test_summaries(self):
        scenario = parse('{"connect": "1", "steps": [{"send": {"text": "' + "x" * 120 + '"}}, '
                         '{"expect_closed": true, "skip_others": true}, {"sleep_ms": 1, "sleep_ms": 2}, '
                         '{"send": {"json": {"a": 1.0, "b": 1e20, "c": 1e16}}}]}')
        self.assertEqual(scenario.steps[0].summary, 'send {"text":"' + "x" * 88 + "...")
        self.assertEqual(scenario.steps[1].summary, "expect closed, skipping messages")
        self.assertEqual(scenario.steps[2].summary, "sleep 2 ms")
        self.assertEqual(scenario.steps[3].summary, 'send {"json":{"a":1,"b":1e+20,"c":10000000000000000}}')


CLIENTS = '{"clients": {"alice": {"connect": "7000"}, "bob": {"connect": "7001"}},\n'


def steps(body):
    return CLIENTS + ' "steps": [\n' + body + "\n]}"


class RefusesWithTheLineTest(unittest.TestCase):
    CASES = [  # name, text, the error's start "scenario.json:LINE: ..."
        ("not JSON", '{"steps": [\n  {"sleep_ms": 1},,\n]}', "scenario.json:2: illegal value"),
        ("not an object", "[]", "scenario.json:1: a scenario is an object"),
        ("unknown key", '{"connect": "7000",\n "stepz": []}', 'scenario.json:2: unknown key "stepz"'),
        ("no steps", '{"connect": "7000"}', 'scenario.json:1: a scenario needs "steps"'),
        ("no client", '{\n"steps": []}', 'scenario.json:1: a scenario needs "clients"'),
        ("clients and connect", '{"clients": {"a": {"connect": "1"}},\n "connect": "7000", "steps": []}',
         'scenario.json:2: "connect" at the top is for a scenario of one client'),
        ("clients and codec", '{"clients": {"a": {"connect": "1"}},\n "codec": "raw", "steps": []}',
         'scenario.json:2: "codec" at the top'),
        ("no clients in clients", '{"steps": [],\n "clients": {}}', 'scenario.json:2: "clients" names each client'),
        ("client not an object", '{"steps": [], "clients": {\n "a": "7000"}}', "scenario.json:2: a client is an object"),
        ("empty client name", '{"steps": [], "clients": {\n "": {"connect": "1"}}}',
         "scenario.json:2: a client's name must not be empty"),
        ("tls", '{"steps": [], "clients": {"a": {"connect": "1",\n "tls": true}}}',
         "scenario.json:2: scenarios connect over plain TCP for now"),
        ("unknown client key", '{"steps": [], "clients": {"a": {"connect": "1",\n "host": "x"}}}',
         'scenario.json:2: unknown client key "host"'),
        ("client without connect", '{"steps": [], "clients": {\n "a": {}}}', 'scenario.json:2: a client needs "connect"'),
        ("connect not a string", '{"steps": [],\n "connect": 7000}', 'scenario.json:2: "connect" must be "HOST:PORT"'),
        ("connect without port", '{"steps": [],\n "connect": "example.org"}',
         'scenario.json:2: "connect": HOST:PORT needs a port'),
        ("connect, bad port", '{"steps": [],\n "connect": "h:99999"}',
         'scenario.json:2: "connect": "99999" is not a port number (0-65535)'),
        ("unknown codec", '{"steps": [], "connect": "1",\n "codec": "morse"}', 'scenario.json:2: unknown codec "morse"'),
        ("codec a number", '{"steps": [], "connect": "1",\n "codec": 4}', "scenario.json:2: \"codec\" is a codec's name"),
        ("codec parameter not for the codec",
         '{"steps": [], "connect": "1", "codec": {\n"codec": "envelope",\n "delimiter": "x"}}',
         'scenario.json:3: "delimiter" does not apply to the codec "envelope"'),
        ("codec parameter out of range", '{"steps": [], "connect": "1", "codec": {"codec": "length",\n "length-bytes": 9}}',
         'scenario.json:2: "length-bytes" must be an integer from 1 to 8, not "9"'),
        ("codec parameter of a wrong type", '{"steps": [], "connect": "1", "codec": {"codec": "line",\n "delimiter": true}}',
         'scenario.json:2: "delimiter" must be a string or a number'),
        ("unknown codec parameter", '{"steps": [], "connect": "1", "codec": {"codec": "line",\n "delimeter": "x"}}',
         'scenario.json:2: unknown codec parameter "delimeter"'),
        ("bad byte order", '{"steps": [], "connect": "1", "codec": {"codec": "length",\n "byte-order": "middle"}}',
         'scenario.json:2: "byte-order" must be big or little, not "middle"'),
        ("bad escape in the delimiter", '{"steps": [], "connect": "1", "codec": {"codec": "line",\n "delimiter": "\\\\q"}}',
         'scenario.json:2: "delimiter": '),
        ("name not a string", '{"steps": [], "connect": "1",\n "name": 1}', 'scenario.json:2: "name" must be a string'),
        ("default timeout 0", '{"steps": [], "connect": "1",\n "timeout_ms": 0}',
         'scenario.json:2: "timeout_ms" must be an integer from 1 to 3600000'),
        ("steps not an array", '{"connect": "1",\n "steps": {}}', 'scenario.json:2: "steps" is an array of steps'),
        ("step not an object", steps("  42"), "scenario.json:3: a step is an object"),
        ("unknown step key", steps('  {"as": "bob",\n   "sned": {"text": "x"}}'), 'scenario.json:4: unknown step key "sned"'),
        ("no action", steps('  {"as": "bob"}'), "scenario.json:3: a step needs one of"),
        ("two actions", steps('  {"as": "bob", "send": {"text": "x"}, "sleep_ms": 1}'),
         "scenario.json:3: a step does one thing; this one has send, sleep_ms"),
        ("unknown client in as", steps('  {"send": {"text": "x"},\n   "as": "carol"}'),
         'scenario.json:4: unknown client "carol" in "as": the clients are "alice", "bob"'),
        ("as not a string", steps('  {"send": {"text": "x"},\n   "as": 1}'), 'scenario.json:4: "as" must be a client\'s name'),
        ("as missing with two clients", steps('  {"sleep_ms": 1},\n  {"send": {"text": "x"}}'),
         'scenario.json:4: which client? This step needs "as": one of "alice", "bob"'),
        ("as with the client at the top", '{"connect": "1", "steps": [\n{"as": "x", "send": {"text": "a"}}]}',
         'scenario.json:2: "as" names one of "clients"'),
        ("as with sleep", steps('  {"sleep_ms": 1,\n "as": "bob"}'), 'scenario.json:4: "as" does not go with "sleep_ms"'),
        ("timeout with send", steps('  {"as": "bob", "send": {"text": "x"},\n "timeout_ms": 5}'),
         'scenario.json:4: "timeout_ms" does not go with "send"'),
        ("steps with expect", steps('  {"as": "bob", "expect": {},\n "steps": []}'),
         'scenario.json:4: "steps" does not go with "expect"'),
        ("bad reply", steps('  {"as": "bob", "send": {"text": "x",\n "colour": 1}}'),
         'scenario.json:4: unknown reply key "colour"'),
        ("reply without payload", steps('  {"as": "bob",\n "send": {"channel": "x"}}'), "scenario.json:4: a reply needs one of"),
        ("bad template", steps('  {"as": "bob", "send": {\n "text": "{{sequence}}"}}'),
         "scenario.json:4: unknown template {{sequence}}"),
        ("bad regular expression", steps('  {"as": "bob", "expect": {\n "text": "("}}'),
         'scenario.json:4: "(" is not a regular expression'),
        ("unknown match key", steps('  {"as": "bob", "expect": {\n "txt": "x"}}'), 'scenario.json:4: unknown match key "txt"'),
        ("expect_closed false", steps('  {"as": "bob",\n "expect_closed": false}'),
         'scenario.json:4: "expect_closed" must be true'),
        ("timeout 0", steps('  {"as": "bob", "expect": {},\n "timeout_ms": 0}'),
         'scenario.json:4: "timeout_ms" must be an integer from 1 to 3600000 (ms)'),
        ("timeout a string", steps('  {"as": "bob", "expect_closed": true,\n "timeout_ms": "1"}'),
         'scenario.json:4: "timeout_ms" must be an integer'),
        ("skip_others not a bool", steps('  {"as": "bob", "expect": {},\n "skip_others": "yes"}'),
         'scenario.json:4: "skip_others" must be true or false'),
        ("sleep negative", steps('  {\n "sleep_ms": -1}'), 'scenario.json:4: "sleep_ms" must be an integer from 0 to 3600000 (ms)'),
        ("sleep fractional", steps('  {\n "sleep_ms": 1.5}'), 'scenario.json:4: "sleep_ms" must be an integer'),
        ("repeat negative", steps('  {"steps": [{"sleep_ms": 1}],\n "repeat": -1}'),
         'scenario.json:4: "repeat" must be an integer from 0 to 1000000'),
        ("repeat without steps", steps('  {"sleep_ms": 1},\n  {"repeat": 2}'), 'scenario.json:4: "repeat" needs "steps"'),
        ("repeat of nothing", steps('  {"repeat": 2,\n "steps": []}'),
         'scenario.json:4: "steps" of a repeat needs at least one step'),
        ("a mistake inside a repeat", steps('  {"repeat": 2, "steps": [\n    {"as": "bob", "send": {"text": "x"}},\n'
                                            '    {"as": "dave", "expect": {}}]}'), 'scenario.json:5: unknown client "dave"'),
        # tests/e2e/test_run.py
        ("wrong type", CLIENTS + ' "steps": [\n  {"sleep_ms": 10},\n  {"as": "bob", "expect": {}, "timeout_ms": "soon"}]}',
         'scenario.json:4: "timeout_ms" must be an integer from 1 to 3600000 (ms)'),
        ("missing as", CLIENTS + ' "steps": [\n  {"sleep_ms": 10},\n  {"send": {"text": "x"}}]}',
         'scenario.json:4: which client? This step needs "as": one of "alice", "bob"'),
    ]

    def test_each_mistake(self):
        for name, text, expected in self.CASES:
            with self.subTest(name):
                with self.assertRaises(ScenarioError) as raised:
                    parse(text)
                self.assertTrue(str(raised.exception).startswith(expected),
                                f"{raised.exception}\n  does not start with\n{expected}")

    def test_load_names_the_file(self):
        with self.assertRaises(ScenarioError) as raised:
            load_scenario("/nonexistent/scenario.json")
        self.assertTrue(str(raised.exception).startswith("/nonexistent/scenario.json: cannot read"))
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "bad.json")
            with open(path, "w", encoding="utf-8") as file:
                file.write('{"connect": "7000",\n "stpes": []}')
            with self.assertRaises(ScenarioError) as raised:
                load_scenario(path)
            self.assertEqual(str(raised.exception), f'{path}:2: unknown key "stpes": a scenario has "clients" (or '
                                                    '"connect" and "codec" for one client), "steps", "timeout_ms" '
                                                    'and "name"')
            with open(path, "w", encoding="utf-8") as file:
                file.write('{"connect": "7000", "steps": [{"sleep_ms": 5}]}')
            self.assertEqual(load_scenario(path).steps[0].sleep_ms, 5)


if __name__ == "__main__":
    unittest.main()
