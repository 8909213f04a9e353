"""WirebenchClient, the `client` of a WirebenchUser, without Locust: what it reports for each request."""

import unittest

import locustpath  # noqa: F401

from wbcli import envelope
from rawupstream import RawUpstream

from wirebench_locust.message import Message
from wirebench_locust.wirebenchclient import WirebenchClient


class RecordingReporter:
    """Keeps each report as (type, name, failure, size)."""

    def __init__(self):
        self.reports = []

    def report(self, request_type, name, elapsed_ms, size=0, failure=None):
        self.reports.append((request_type, name, failure, size))

    def timed(self, request_type, name, action):
        try:
            result = action()
        except Exception as error:
            self.report(request_type, name, 0.0, failure=str(error))
            raise
        self.report(request_type, name, 0.0)
        return result


class WirebenchClientTest(unittest.TestCase):
    def request_from(self, frames, expect, timeout=5.0, skip_others=False):
        """One request to a server that sends `frames` to each client; the answer and the reports made."""
        server = RawUpstream(frames)
        self.addCleanup(server.close)
        reporter = RecordingReporter()
        client = WirebenchClient(reporter, "127.0.0.1", server.port)
        self.addCleanup(client.close)
        answer = client.request(Message.text("hi"), expect=expect, name="hi", timeout=timeout,
                                skip_others=skip_others)
        return answer, reporter.reports

    def test_the_answer_that_matches_is_a_request(self):
        answer, reports = self.request_from(envelope(b"pong"), {"text": "^pong$"})
        self.assertEqual(answer, Message.text("pong"))
        self.assertEqual(len(reports), 2)
        self.assertEqual((reports[0][0], reports[0][2]), ("connect", None))  # connected on first use
        self.assertEqual(reports[1], ("request", "hi", None, 4))

    def test_a_wrong_answer_is_a_failure_saying_what_came(self):
        answer, reports = self.request_from(envelope(b"pang"), {"text": "^pong$"})
        self.assertIsNone(answer)
        self.assertEqual(reports[-1], ("request", "hi", 'expected text matching /^pong$/; got text "pang"', 0))

    def test_skip_others_passes_over_what_does_not_match(self):
        frames = envelope(b"noise") + envelope(b"pong")
        answer, reports = self.request_from(frames, {"text": "^pong$"})
        self.assertIsNone(answer)
        self.assertEqual(reports[-1][2], 'expected text matching /^pong$/; got text "noise"')
        answer, reports = self.request_from(frames, {"text": "^pong$"}, skip_others=True)
        self.assertEqual(answer, Message.text("pong"))
        self.assertEqual(reports[-1], ("request", "hi", None, 4))
        answer, reports = self.request_from(frames, None)
        self.assertEqual(answer, Message.text("noise"))  # None: any answer

    def test_a_bad_frame_is_a_failure(self):
        _answer, reports = self.request_from(envelope(b"?", 9), {})
        self.assertRegex(reports[-1][2], r"^expected any message; got a frame the codec refused: ")

    def test_a_stream_error_is_the_refused_frame_as_a_scenario_says_it(self):
        _answer, reports = self.request_from(bytes.fromhex("00000007 01010000 000000"), {})
        self.assertEqual(reports[-1][2], "expected any message; got a frame the codec refused: "
                                         "frame length 7 is shorter than the 8-byte header")

    def test_the_request_after_a_close_connects_again(self):
        # One write: an answer, then a stream error. The answer is delivered; the connection has ended.
        server = RawUpstream(envelope(b"pong") + bytes.fromhex("00000007 01010000 000000"))
        self.addCleanup(server.close)
        reporter = RecordingReporter()
        client = WirebenchClient(reporter, "127.0.0.1", server.port)
        self.addCleanup(client.close)
        for _ in range(2):
            self.assertEqual(client.request(Message.text("hi"), expect={"text": "^pong$"}, name="hi"),
                             Message.text("pong"))
        self.assertEqual([(kind, failure) for kind, _name, failure, _size in reporter.reports],
                         [("connect", None), ("request", None), ("connect", None), ("request", None)])

    def test_silence_is_a_timeout(self):
        _answer, reports = self.request_from(b"", {}, timeout=0.2)
        self.assertEqual(reports[-1][2], "expected any message; got nothing within 200 ms")


if __name__ == "__main__":
    unittest.main()
