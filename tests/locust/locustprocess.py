"""Runs the `locust` command on integrations/locust/locustfile.py, as a user would (tests only).

Debian's `locust` runs on /usr/bin/python3; the `python3` first on PATH may
be another interpreter that cannot import locust, so the command is used,
never `python3 -m locust`. LOCUST names it (CTest sets it); else PATH.
"""

import os
import shutil
import socket
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LOCUSTFILE = os.path.join(ROOT, "integrations", "locust", "locustfile.py")
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))

from wbcli import TIME_FACTOR, WAIT  # noqa: E402


def locust_command():
    command = os.environ.get("LOCUST") or shutil.which("locust")
    if not command:
        raise AssertionError("no `locust` command: install python3-locust (scripts/install-deps does)")
    return command


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocustProcess:
    """One locust process; its output goes to a file of the test's folder."""

    def __init__(self, folder, name, args):
        self.log_path = os.path.join(folder, f"{name}.log")
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen([locust_command(), "-f", LOCUSTFILE] + list(args), cwd=folder,
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


__all__ = ["LocustProcess", "free_port", "TIME_FACTOR", "WAIT"]
