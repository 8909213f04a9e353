"""Helpers for the end-to-end tests of wirebench-cli (stdlib only).

The binary comes from the WIREBENCH_CLI environment variable (CTest sets it).
Every process and socket a test opens is closed in tearDown, and every wait
has a timeout, so a hanging binary fails a test instead of hanging the run.
"""

import json
import os
import queue
import re
import signal
import socket
import struct
import subprocess
import tempfile
import threading
import time
import unittest

CLI = os.environ.get("WIREBENCH_CLI", "wirebench-cli")
# CTest sets it: 3 in sanitized builds, whose processes run several times slower.
TIME_FACTOR = max(1.0, float(os.environ.get("WIREBENCH_TEST_TIME_FACTOR", "1")))
WAIT = 10.0 * TIME_FACTOR  # seconds: the bound of every single wait

LISTENING = re.compile(r"^listening on 127\.0\.0\.1:(\d+)$")


def envelope(payload, type_=1, channel="", id_=0, version=1):
    """One envelope frame (docs/protocol.md section 3), built independently of the C++ code."""
    if isinstance(payload, str):
        payload = payload.encode()
    name = channel.encode()
    body = struct.pack(">BBHI", type_, version, len(name), id_) + name + payload
    return struct.pack(">I", len(body)) + body


class CliProcess:
    """A running wirebench-cli whose stdout and stderr lines are read by threads."""

    def __init__(self, args):
        self.args = [CLI] + list(args)
        self.proc = subprocess.Popen(self.args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     stdin=subprocess.DEVNULL)
        self.stdout = queue.Queue()
        self.stderr = queue.Queue()
        self.threads = [threading.Thread(target=self._pump, args=(stream, lines), daemon=True)
                        for stream, lines in ((self.proc.stdout, self.stdout), (self.proc.stderr, self.stderr))]
        for thread in self.threads:
            thread.start()

    @staticmethod
    def _pump(stream, lines):
        for raw in iter(stream.readline, b""):
            lines.put(raw.decode("utf-8", "replace").rstrip("\n"))
        lines.put(None)  # end of stream

    def readline(self, timeout=WAIT):
        """The next stdout line; None at end of output; AssertionError on timeout."""
        try:
            return self.stdout.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no output from {self.args} within {timeout} s") from None

    def event(self, timeout=WAIT):
        line = self.readline(timeout)
        if line is None:
            raise AssertionError(f"{self.args} ended its output; stderr: {self.stderr_text()}")
        return json.loads(line)

    def event_named(self, name, timeout=WAIT):
        """Skips events until one named @name arrives; returns it."""
        deadline = time.monotonic() + timeout
        while True:
            event = self.event(max(0.01, deadline - time.monotonic()))
            if event["event"] == name:
                return event

    def remaining_stdout(self, timeout=WAIT):
        """Every stdout line until the end of output (the process must be ending)."""
        lines = []
        while True:
            line = self.readline(timeout)
            if line is None:
                return lines
            lines.append(line)

    def stderr_text(self):
        lines = []
        while True:
            try:
                line = self.stderr.get_nowait()
            except queue.Empty:
                break
            if line is not None:
                lines.append(line)
        return "\n".join(lines)

    def signal(self, number):
        self.proc.send_signal(number)

    def wait(self, timeout=WAIT):
        return self.proc.wait(timeout=timeout)

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=WAIT)
        for thread in self.threads:  # the pipes reach their end once the process is gone
            thread.join(timeout=WAIT)
        self.proc.stdout.close()
        self.proc.stderr.close()


class CliTestCase(unittest.TestCase):
    """Starts wirebench-cli processes and loopback sockets; tearDown ends them all."""

    def setUp(self):
        self.processes = []
        self.sockets = []

    def tearDown(self):
        for sock in self.sockets:
            sock.close()
        for process in self.processes:
            process.kill()

    def start(self, *args):
        process = CliProcess(args)
        self.processes.append(process)
        return process

    def serve(self, *args):
        """Starts `serve` on 127.0.0.1, any port; returns (process, port)."""
        process = self.start("serve", "--listen", "127.0.0.1:0", *args)
        first = process.readline()
        match = LISTENING.match(first or "")
        self.assertIsNotNone(match, f"first line {first!r}; stderr: {process.stderr_text()}")
        port = int(match.group(1))
        self.assertGreater(port, 0)
        return process, port

    def proxy(self, upstream_port, *args):
        """Starts `proxy --upstream 127.0.0.1:upstream_port` on any port; returns (process, port)."""
        process = self.start("proxy", "--upstream", f"127.0.0.1:{upstream_port}", *args)
        first = process.readline()
        match = LISTENING.match(first or "")
        if not match:  # stderr_text() takes the lines it returns: only when failing
            self.fail(f"first line {first!r}; stderr: {process.stderr_text()}")
        return process, int(match.group(1))

    def path(self, name):
        """@p name in a folder of this test's own, removed after it."""
        if not hasattr(self, "_folder"):
            self._folder = tempfile.TemporaryDirectory()
            self.addCleanup(self._folder.cleanup)
        return os.path.join(self._folder.name, name)

    def write_lines(self, name, lines):
        """Writes @p lines (objects as compact JSON, strings as they are), one a line; returns the path."""
        path = self.path(name)
        with open(path, "w", encoding="utf-8") as file:
            for line in lines:
                file.write((line if isinstance(line, str) else json.dumps(line, separators=(",", ":"))) + "\n")
        return path

    def run_cli(self, *args, timeout=WAIT * 3):
        """Runs wirebench-cli to completion; returns the CompletedProcess (text mode)."""
        return subprocess.run([CLI] + list(args), capture_output=True, text=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)

    def connect(self, port):
        sock = socket.create_connection(("127.0.0.1", port), timeout=WAIT)
        self.sockets.append(sock)
        return sock

    def recv_exactly(self, sock, count):
        data = b""
        while len(data) < count:
            chunk = sock.recv(count - len(data))
            if not chunk:
                raise AssertionError(f"connection closed after {len(data)} of {count} bytes")
            data += chunk
        return data

    def assert_closed_by_peer(self, sock):
        """The peer closes @sock within the wait (recv sees end of stream or a reset)."""
        sock.settimeout(WAIT)
        try:
            while sock.recv(4096):
                pass
        except ConnectionResetError:
            pass

    @staticmethod
    def events(stdout):
        return [json.loads(line) for line in stdout.splitlines() if line.strip()]

    @staticmethod
    def free_port():
        """A loopback port nobody listens on (bound, then released)."""
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]


def main():
    unittest.main(verbosity=2)


SIGTERM = signal.SIGTERM
SIGINT = signal.SIGINT
