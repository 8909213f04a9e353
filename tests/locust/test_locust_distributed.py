"""Locust runs Wirebench scenarios: a master and two workers on loopback against wirebench-cli serve."""

import csv
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from locustprocess import WAIT, LocustProcess, free_port  # noqa: E402
from wbcli import CliTestCase  # noqa: E402

SCENARIO = {
    "name": "login and ping",
    "connect": "127.0.0.1:9",  # replaced by --host
    "steps": [
        {"send": {"channel": "login", "json": {"user": "alice"}}},
        {"expect": {"channel": "login", "json": {"/ok": True}}},
        {"repeat": 3, "steps": [
            {"send": {"text": "PING {{seq}}"}},
            {"expect": {"text": "^PONG \\d+$"}},
        ]},
    ],
}


def rules(pong):
    return {"rules": [
        {"when": {"channel": "login"}, "reply": {"json": {"ok": True, "user": "{{json:/user}}"}}},
        {"when": {"text": "^PING (\\d+)$"}, "reply": {"text": pong + " {{1}}"}},
    ]}


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


class LocustTestCase(CliTestCase):
    def setUp(self):
        super().setUp()
        self.locusts = []

    def tearDown(self):
        for locust in self.locusts:
            locust.kill()
        super().tearDown()

    def locust(self, name, *args):
        process = LocustProcess(os.path.dirname(self.path("x")), name, args)
        self.locusts.append(process)
        return process

    def write_json(self, name, value):
        path = self.path(name)
        with open(path, "w", encoding="utf-8") as file:
            json.dump(value, file)
        return path

    def serve_rules(self, pong):
        _server, port = self.serve("--responder", self.write_json("rules.json", rules(pong)))
        return port

    def run_distributed(self, server_port, seconds=3):
        """A master and two workers, headless; returns (exit code, CSV prefix, master log)."""
        scenario = self.write_json("scenario.json", SCENARIO)
        master_port = free_port()
        prefix = self.path("run")
        master = self.locust(
            "master", "--headless", "--master", "--master-bind-host", "127.0.0.1",
            "--master-bind-port", str(master_port), "--expect-workers", "2",
            "--expect-workers-max-wait", str(int(WAIT * 3)), "--users", "4", "--spawn-rate", "4",
            "--run-time", f"{seconds}s", "--stop-timeout", "5", "--scenario", scenario,
            "--host", f"127.0.0.1:{server_port}", "--csv", prefix, "--only-summary")
        for number in (1, 2):
            self.locust(f"worker{number}", "--worker", "--master-host", "127.0.0.1",
                        "--master-port", str(master_port))
        code = master.wait(WAIT * 6 + seconds)
        for worker in self.locusts[1:]:
            worker.wait(WAIT * 3)
        return code, prefix, master.log()


class TestDistributed(LocustTestCase):
    def test_master_and_two_workers_run_the_scenario(self):
        code, prefix, log = self.run_distributed(self.serve_rules("PONG"))
        self.assertEqual(code, 0, log)
        self.assertNotIn("old (pre 2.0) worker", log)

        stats = {row["Name"]: row for row in read_csv(f"{prefix}_stats.csv")}
        login = [name for name in stats if name.startswith("steps[1] expect")]
        pong = [name for name in stats if name.startswith("steps[2].steps[1] expect")]
        self.assertEqual((len(login), len(pong)), (1, 1), list(stats))
        self.assertEqual(stats[login[0]]["Type"], "expect")
        logins = int(stats[login[0]]["Request Count"])
        pongs = int(stats[pong[0]]["Request Count"])
        self.assertGreater(logins, 0)
        # Three pongs a pass; a pass cut by the end of the run has fewer.
        self.assertGreaterEqual(pongs, 3 * logins - 3 * 4)
        self.assertLessEqual(pongs, 3 * logins)
        self.assertEqual(stats["Aggregated"]["Failure Count"], "0", log)

        workers = read_csv(f"{prefix}_workers.csv")
        self.assertEqual(len(workers), 2, workers)
        for worker in workers:
            self.assertGreater(int(worker["Request Count"]), 0, workers)
            self.assertEqual(worker["Failure Count"], "0")
        # Every request the master counted came from its two workers.
        self.assertEqual(sum(int(worker["Request Count"]) for worker in workers),
                         int(stats["Aggregated"]["Request Count"]))

    def test_wrong_answers_are_failures_naming_the_step(self):
        code, prefix, log = self.run_distributed(self.serve_rules("PANG"), seconds=2)
        self.assertEqual(code, 1, log)  # Locust's exit code when a request failed
        failures = read_csv(f"{prefix}_failures.csv")
        self.assertTrue(failures, log)
        for failure in failures:
            self.assertTrue(failure["Name"].startswith("steps[2].steps[1] expect text"), failure)
            self.assertIn('got text "PANG ', failure["Error"])
            self.assertGreater(int(failure["Occurrences"]), 0)
        stats = {row["Name"]: row for row in read_csv(f"{prefix}_stats.csv")}
        login = next(name for name in stats if name.startswith("steps[1] expect"))
        self.assertEqual(stats[login]["Failure Count"], "0")  # the login was answered right


class TestScenarioOption(LocustTestCase):
    def run_local(self, *args):
        process = self.locust("local", "--headless", "--users", "1", "--run-time", "1s",
                              "--host", "127.0.0.1:9", *args)
        return process.wait(WAIT * 3), process.log()

    def test_a_scenario_that_does_not_parse_ends_locust_with_exit_2(self):
        path = self.path("bad.json")
        with open(path, "w", encoding="utf-8") as file:
            file.write('{"connect": "127.0.0.1:9",\n "steps": [{"sned": {"text": "x"}}]}\n')
        code, log = self.run_local("--scenario", path)
        self.assertEqual(code, 2, log)
        self.assertIn(f"locustfile: {path}:2:", log)

    def test_no_scenario_ends_locust_with_exit_2(self):
        code, log = self.run_local()
        self.assertEqual(code, 2, log)
        self.assertIn("--scenario FILE", log)


if __name__ == "__main__":
    unittest.main(verbosity=2)
