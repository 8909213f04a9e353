#!/usr/bin/env python3
"""The wirebench GUI as a process: the demo's screenshot, its exit codes, and what works without a display."""

import contextlib
import json
import os
import struct
import subprocess
import tempfile
import time
import unittest

import wbcli

GUI = os.environ.get("WIREBENCH_GUI", "wirebench")


def run_gui(*args, display=True):
    env = dict(os.environ)
    if display:
        env["QT_QPA_PLATFORM"] = "offscreen"
    else:  # no display at all: only what needs none may work
        env.pop("QT_QPA_PLATFORM", None)
        env.pop("DISPLAY", None)
        env.pop("WAYLAND_DISPLAY", None)
    with tempfile.TemporaryDirectory() as home:  # the user's saved layout is not touched
        env["HOME"] = home
        env["XDG_CONFIG_HOME"] = home
        return subprocess.run([GUI] + list(args), capture_output=True, text=True, env=env,
                              timeout=wbcli.WAIT * 6, stdin=subprocess.DEVNULL)


@contextlib.contextmanager
def x_display():
    """A display of its own on Xvfb: -displayfd picks a free number atomically (xvfb-run -a races)."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                              pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as ready:
            number = ready.readline().strip()  # written once the server accepts clients
        if not number:
            raise RuntimeError("Xvfb did not start")
        display = ":" + number
        wait_until_accepting(display)
        yield display
    finally:
        server.kill()
        server.wait()


def wait_until_accepting(display):
    """Waits until a client can connect to DISPLAY: once, under ASan, the GUI started right after
    -displayfd answered and could not connect, while xwininfo a moment later could."""
    env = dict(os.environ, DISPLAY=display)
    deadline = time.monotonic() + wbcli.WAIT
    while subprocess.run(["xwininfo", "-root"], capture_output=True, env=env).returncode != 0:
        if time.monotonic() > deadline:
            raise RuntimeError(f"Xvfb on {display} accepts no client")
        time.sleep(0.05)  # polling an outside server: there is no event to wait on


def wait_for_window(env, name, process):
    """The X window tree once a window whose name contains NAME is there (or PROCESS ended, or time ran out)."""
    deadline = time.monotonic() + wbcli.WAIT * 6
    tree = ""
    while time.monotonic() < deadline and process.poll() is None:
        tree = subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True, env=env).stdout
        if name in tree:
            break
        time.sleep(0.05)  # polling the X server for the window: there is no event to wait on from outside
    return tree


def png_size(path):
    with open(path, "rb") as png:
        header = png.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", header[16:24])


class GuiTest(unittest.TestCase):
    def test_screenshot_runs_the_demo_and_saves_the_window(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "shot.png")
            result = run_gui("--screenshot", path)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn(f"screenshot written to {path}", result.stdout)
            self.assertEqual(png_size(path), (1600, 960))

    def test_a_screenshot_of_a_workspace_shows_it_instead_of_the_demo(self):
        with tempfile.TemporaryDirectory() as folder:
            workspace = os.path.join(folder, "empty.json")
            with open(workspace, "w") as out:
                json.dump({"format": "wirebench-workspace", "version": 1,
                           "servers": [], "clients": [], "payloads": []}, out)
            path = os.path.join(folder, "start.png")
            result = run_gui("--screenshot", path, "--workspace", workspace)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn(f"screenshot written to {path}", result.stdout)
            self.assertEqual(png_size(path), (1600, 960))

    def test_a_screenshot_that_cannot_be_written_exits_1(self):
        result = run_gui("--screenshot", "/nonexistent-folder/shot.png")
        self.assertEqual(result.returncode, 1)
        self.assertIn("cannot write the screenshot", result.stderr)

    def test_a_workspace_that_cannot_be_read_exits_1_with_the_reason(self):
        result = run_gui("--workspace", "/nonexistent-folder/bench.json")
        self.assertEqual(result.returncode, 1)
        self.assertIn("/nonexistent-folder/bench.json", result.stderr)

    def test_an_unexpected_argument_exits_2(self):
        result = run_gui("stray")
        self.assertEqual(result.returncode, 2)
        self.assertIn("unexpected argument: stray", result.stderr)

    def test_version_and_help_need_no_display(self):
        version = run_gui("--version", display=False)
        self.assertEqual(version.returncode, 0, version.stderr)
        self.assertRegex(version.stdout, r"\d+\.\d+\.\d+")
        help_text = run_gui("--help", display=False)
        self.assertEqual(help_text.returncode, 0, help_text.stderr)
        self.assertIn("--screenshot", help_text.stdout)

    def test_the_title_on_a_real_display_names_the_workspace_once(self):
        # What the window manager shows: the platform appends the application's name itself.
        with tempfile.TemporaryDirectory() as folder:
            workspace = os.path.join(folder, "ws1.json")
            with open(workspace, "w") as out:
                json.dump({"format": "wirebench-workspace", "version": 1,
                           "servers": [], "clients": [], "payloads": []}, out)
            with x_display() as display:
                env = dict(os.environ, DISPLAY=display, HOME=folder, XDG_CONFIG_HOME=folder)
                env.pop("QT_QPA_PLATFORM", None)
                gui = subprocess.Popen([GUI, "--workspace", workspace], env=env,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                try:
                    names = wait_for_window(env, "ws1.json", gui)
                finally:
                    gui.kill()
                    _, errors = gui.communicate()
            self.assertIn('"ws1.json \u2014 Wirebench"', names, names + errors)


if __name__ == "__main__":
    unittest.main(verbosity=2)
