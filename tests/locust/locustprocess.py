"""Runs the `locust` command on integrations/locust/locustfile.py, as a user would (tests only).

Debian's `locust` runs on /usr/bin/python3; the `python3` first on PATH may
be another interpreter that cannot import locust, so the command is used,
never `python3 -m locust`. LOCUST names it (CTest sets it); else PATH.
"""

import csv
import os
import shutil
import subprocess

import locustpath

from clitestcase import CliTestCase

LOCUSTFILE = os.path.join(locustpath.ROOT, "integrations", "locust", "locustfile.py")
EXAMPLES = os.path.join(locustpath.ROOT, "integrations", "locust", "examples")
EXAMPLE_RULES = os.path.join(EXAMPLES, "login-and-ping.json")


def locust_command():
    command = os.environ.get("LOCUST") or shutil.which("locust")
    if not command:
        raise AssertionError("no `locust` command: install python3-locust (scripts/install-deps does)")
    return command


class LocustProcess:
    """One locust process; its output goes to a file of the test's folder."""

    def __init__(self, folder, name, args, locustfile=LOCUSTFILE):
        self.log_path = os.path.join(folder, f"{name}.log")
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen([locust_command(), "-f", locustfile] + list(args), cwd=folder,
                                     stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)

    def wait(self, timeout):
        """The exit code; AssertionError (with the log) if it runs past `timeout` seconds."""
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"locust still running after {timeout:.0f} s:\n{self.log()}")

    def log(self):
        self._log.flush()
        with open(self.log_path, encoding="utf-8", errors="replace") as file:
            return file.read()

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._log.close()


class LocustTestCase(CliTestCase):
    """CliTestCase with locust processes, ended in tearDown like the rest."""

    def setUp(self):
        super().setUp()
        self.locusts = []

    def tearDown(self):
        for locust in self.locusts:
            locust.kill()
        super().tearDown()

    def locust(self, name, *args, locustfile=LOCUSTFILE):
        process = LocustProcess(os.path.dirname(self.path("x")), name, args, locustfile)
        self.locusts.append(process)
        return process

    def serve_example_rules(self, pong="PONG"):
        """serve --responder with the examples' rules, answering pings with `pong` instead of PONG; the port."""
        with open(EXAMPLE_RULES, encoding="utf-8") as file:
            rules = file.read().replace("PONG", pong)
        _server, port = self.serve("--responder", self.write_text("rules.json", rules))
        return port

    @staticmethod
    def read_csv(path):
        with open(path, newline="", encoding="utf-8") as file:
            return list(csv.DictReader(file))
