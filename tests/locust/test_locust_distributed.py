"""Locust runs Wirebench scenarios: a master and two workers on loopback against wirebench-cli serve."""

import os
import unittest

import locustpath  # noqa: F401

from locustprocess import EXAMPLES, LocustTestCase
from wbcli import WAIT

SCENARIO = os.path.join(EXAMPLES, "login-and-ping.scenario.json")  # connects to 127.0.0.1:7000 unless --host


class TestDistributed(LocustTestCase):
    def run_distributed(self, server_port, seconds=3):
        """A master and two workers, headless; returns (exit code, CSV prefix, master log)."""
        master_port = self.free_port()
        prefix = self.path("run")
        master = self.locust(
            "master", "--headless", "--master", "--master-bind-host", "127.0.0.1",
            "--master-bind-port", str(master_port), "--expect-workers", "2",
            "--expect-workers-max-wait", str(int(WAIT * 3)), "--users", "4", "--spawn-rate", "4",
            "--run-time", f"{seconds}s", "--stop-timeout", "5", "--scenario", SCENARIO,
            "--host", f"127.0.0.1:{server_port}", "--csv", prefix, "--only-summary")
        for number in (1, 2):
            self.locust(f"worker{number}", "--worker", "--master-host", "127.0.0.1",
                        "--master-port", str(master_port))
        code = master.wait(WAIT * 6 + seconds)
        for worker in self.locusts[1:]:
            worker.wait(WAIT * 3)
        return code, prefix, master.log()

    def test_master_and_two_workers_run_the_scenario(self):
        code, prefix, log = self.run_distributed(self.serve_example_rules("PONG"))
        self.assertEqual(code, 0, log)
        self.assertNotIn("old (pre 2.0) worker", log)

        stats = {row["Name"]: row for row in self.read_csv(f"{prefix}_stats.csv")}
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

        workers = self.read_csv(f"{prefix}_workers.csv")
        self.assertEqual(len(workers), 2, workers)
        for worker in workers:
            self.assertGreater(int(worker["Request Count"]), 0, workers)
            self.assertEqual(worker["Failure Count"], "0")
        # Every request the master counted came from its two workers.
        self.assertEqual(sum(int(worker["Request Count"]) for worker in workers),
                         int(stats["Aggregated"]["Request Count"]))

    def test_wrong_answers_are_failures_naming_the_step(self):
        code, prefix, log = self.run_distributed(self.serve_example_rules("PANG"), seconds=2)
        self.assertEqual(code, 1, log)  # Locust's exit code when a request failed
        failures = self.read_csv(f"{prefix}_failures.csv")
        self.assertTrue(failures, log)
        for failure in failures:
            self.assertTrue(failure["Name"].startswith("steps[2].steps[1] expect text"), failure)
            self.assertIn('got text "PANG ', failure["Error"])
            self.assertGreater(int(failure["Occurrences"]), 0)
        stats = {row["Name"]: row for row in self.read_csv(f"{prefix}_stats.csv")}
        login = next(name for name in stats if name.startswith("steps[1] expect"))
        self.assertEqual(stats[login]["Failure Count"], "0")  # the login was answered right


class TestScenarioOption(LocustTestCase):
    def run_local(self, *args):
        process = self.locust("local", "--headless", "--users", "1", "--run-time", "1s",
                              "--host", "127.0.0.1:9", *args)
        return process.wait(WAIT * 3), process.log()

    def test_a_scenario_that_does_not_parse_ends_locust_with_exit_2(self):
        path = self.write_text("bad.json", '{"connect": "127.0.0.1:9",\n "steps": [{"sned": {"text": "x"}}]}\n')
        code, log = self.run_local("--scenario", path)
        self.assertEqual(code, 2, log)
        self.assertIn(f"locustfile: {path}:2:", log)

    def test_no_scenario_ends_locust_with_exit_2(self):
        code, log = self.run_local()
        self.assertEqual(code, 2, log)
        self.assertIn("--scenario FILE", log)


if __name__ == "__main__":
    unittest.main(verbosity=2)
