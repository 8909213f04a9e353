"""A hand-written Locust user on WirebenchUser (integrations/locust/examples/wirebench_user.py), run by `locust`."""

import os
import unittest

import locustpath  # noqa: F401

from locustprocess import EXAMPLES, LocustTestCase
from wbcli import WAIT

LOCUSTFILE = os.path.join(EXAMPLES, "wirebench_user.py")
USERS = 3


class TestWirebenchUser(LocustTestCase):
    def run_users(self, pong):
        port = self.serve_example_rules(pong)
        prefix = self.path("run")
        process = self.locust("local", "--headless", "--users", str(USERS), "--spawn-rate", str(USERS),
                              "--run-time", "2s", "--host", f"127.0.0.1:{port}", "--csv", prefix,
                              "--only-summary", locustfile=LOCUSTFILE)
        code = process.wait(WAIT * 3)
        stats = {(row["Type"], row["Name"]): row for row in self.read_csv(f"{prefix}_stats.csv")}
        return code, stats, self.read_csv(f"{prefix}_failures.csv"), process.log()

    def test_requests_are_timed_and_counted(self):
        code, stats, failures, log = self.run_users("PONG")
        self.assertEqual(code, 0, log)
        self.assertEqual(failures, [])
        # One connect and one login a user, in on_start; then pings until the end.
        self.assertEqual(stats[("connect", f"127.0.0.1:{self.port_of(stats)}")]["Request Count"], str(USERS))
        self.assertEqual(stats[("request", "login")]["Request Count"], str(USERS))
        self.assertGreater(int(stats[("request", "ping")]["Request Count"]), USERS)
        self.assertEqual(stats[("", "Aggregated")]["Failure Count"], "0")
        # An answer's size is its payload: {"ok":true,"user":"alice"}.
        self.assertEqual(float(stats[("request", "login")]["Average Content Size"]), len(b'{"ok":true,"user":"alice"}'))

    def test_a_wrong_answer_is_a_failure_saying_what_came(self):
        code, stats, failures, log = self.run_users("PANG")
        self.assertEqual(code, 1, log)
        self.assertEqual(stats[("request", "login")]["Failure Count"], "0")
        self.assertEqual(stats[("request", "ping")]["Failure Count"], stats[("request", "ping")]["Request Count"])
        errors = {failure["Error"] for failure in failures if failure["Name"] == "ping"}
        self.assertTrue(errors, failures)
        for error in errors:
            self.assertRegex(error, r'^RequestFailed\(\'expected text matching /\^PONG \\\\d\+\$/; got text "PANG \d+"\'\)$')

    @staticmethod
    def port_of(stats):
        return next(name for kind, name in stats if kind == "connect").rsplit(":", 1)[1]


if __name__ == "__main__":
    unittest.main(verbosity=2)
