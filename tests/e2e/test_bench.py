#!/usr/bin/env python3
"""wirebench-cli bench: its report, its frames on the wire, idle connections and exit codes."""

import json
import re
import resource
import socket
import subprocess
import threading

import wbcli
from wbcli import envelope


class PythonPeer:
    """A loopback server in a thread: `answer(bytes) -> bytes` is called per chunk received."""

    def __init__(self, answer):
        self.answer = answer
        self.received = bytearray()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        try:
            conn, _ = self.listener.accept()
        except OSError:
            return
        with conn:
            try:
                while chunk := conn.recv(65536):
                    self.received += chunk
                    conn.sendall(self.answer(chunk))
            except OSError:
                pass

    def close(self):
        self.listener.close()
        self.thread.join(timeout=wbcli.WAIT)


class FramedAnswer:
    """Answers each whole frame of `size` bytes with `answer(index, frame) -> bytes` (a PythonPeer's answer)."""

    def __init__(self, size, answer):
        self.size, self.answer, self.pending, self.count = size, answer, bytearray(), 0

    def __call__(self, chunk):
        self.pending += chunk
        replies = bytearray()
        while len(self.pending) >= self.size:
            frame = bytes(self.pending[:self.size])
            del self.pending[:self.size]
            replies += self.answer(self.count, frame)
            self.count += 1
        return bytes(replies)


class BenchTest(wbcli.CliTestCase):
    def bench(self, port, *args):
        return self.run_cli("bench", f"127.0.0.1:{port}", *args)

    def peer(self, answer):
        peer = PythonPeer(answer)
        self.addCleanup(peer.close)
        return peer

    def test_text_report_against_serve_echo(self):
        _, port = self.serve("--echo", "--events", "none")
        result = self.bench(port, "--connections", "2", "--inflight", "8", "--duration", "1")
        self.assertEqual(result.returncode, 0, result.stderr)
        frames = re.search(r"^frames/s\s+(\d+)$", result.stdout, re.MULTILINE)
        self.assertIsNotNone(frames, result.stdout)
        self.assertGreater(int(frames.group(1)), 0)
        for label in ("MB/s", "latency", "connections", "generator", "replies"):
            self.assertRegex(result.stdout, rf"(?m)^{re.escape(label)}\s")
        self.assertIn("every one echoed: yes", result.stdout)

    def test_json_is_one_object_with_every_figure(self):
        _, port = self.serve("--echo", "--events", "none")
        result = self.bench(port, "--connections", "3", "--inflight", "4", "--size", "100",
                            "--duration", "1", "--warmup", "0.2", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(len(lines), 1, result.stdout)
        report = json.loads(lines[0])
        self.assertEqual((report["connections"], report["inflight"], report["size"], report["idle"]),
                         (3, 4, 100, 0))
        self.assertEqual(report["frame_size"], 4 + 8 + 100)
        self.assertEqual(report["codec"], "envelope")
        self.assertGreater(report["frames"], 0)
        self.assertGreater(report["frames_per_s"], 0)
        self.assertTrue(report["replies_ok"])
        self.assertLessEqual(report["p50_us"], report["p99_us"])
        self.assertLessEqual(report["p99_us"], report["max_us"] * 1.01)
        self.assertTrue(report["all_echoed"])
        self.assertEqual(report["echoed_connections"], 3)

    def test_sends_envelope_frames_of_the_given_size_and_counts_the_echoes(self):
        peer = self.peer(lambda chunk: chunk)
        result = self.bench(peer.port, "--inflight", "4", "--size", "10", "--duration", "0.3", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        frame = envelope(b"x" * 10, type_=0)
        self.assertGreater(len(peer.received), 0)
        # Every frame is the same binary envelope; the last one may have been cut by the end of the run.
        whole = len(peer.received) // len(frame)
        self.assertEqual(bytes(peer.received[:whole * len(frame)]), frame * whole)
        self.assertLessEqual(json.loads(result.stdout)["frames"], whole)

    def test_other_codecs_frame_with_their_own_format(self):
        _, port = self.serve("--echo", "--events", "none", "--codec", "line")
        result = self.bench(port, "--codec", "line", "--duration", "0.3", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        report = json.loads(result.stdout)
        self.assertEqual((report["codec"], report["frame_size"]), ("line", 65))
        self.assertGreater(report["frames"], 0)

    def test_idle_connections_are_opened_and_left_alone(self):
        server, port = self.serve("--echo")
        result = self.bench(port, "--idle", "20", "--connections", "2", "--duration", "0.5", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        report = json.loads(result.stdout)
        self.assertEqual((report["idle"], report["connections"], report["echoed_connections"]), (20, 2, 2))
        connected, messages_from = [], set()
        while len(connected) < 22 or len(messages_from) < 2:
            event = server.event()
            if event["event"] == "connected":
                connected.append(event["conn"])
            elif event["event"] == "message":
                messages_from.add(event["conn"])
        # The idle ones connect first; only the two that connected last ever send.
        self.assertEqual(messages_from, set(connected[-2:]))

    def test_idle_only_holds_connections(self):
        server, port = self.serve()
        result = self.bench(port, "--idle", "5", "--connections", "0", "--duration", "0.2", "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout)["frames"], 0)
        self.assertEqual([server.event()["event"] for _ in range(5)], ["connected"] * 5)

    def test_bad_arguments_exit_2(self):
        port = self.free_port()
        for args in ([], ["127.0.0.1"], ["127.0.0.1:1", "127.0.0.1:2"], [f"127.0.0.1:{port}", "--inflight", "0"],
                     [f"127.0.0.1:{port}", "--duration", "soon"], [f"127.0.0.1:{port}", "--size", "-1"],
                     [f"127.0.0.1:{port}", "--connections", "0"], [f"127.0.0.1:{port}", "--bogus"],
                     [f"127.0.0.1:{port}", "--codec", "nope"], [f"127.0.0.1:{port}", "--strip", "1"]):
            with self.subTest(args=args):
                result = self.run_cli("bench", *args)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn("Usage: wirebench-cli bench", result.stderr)
                self.assertEqual(result.stdout, "")

    def test_cannot_connect_exits_1_with_one_line(self):
        result = self.bench(self.free_port(), "--duration", "0.2")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1, result.stderr)
        self.assertIn("cannot connect", result.stderr)
        self.assertEqual(result.stdout, "")

    def test_a_reply_that_cannot_be_framed_exits_1(self):
        peer = self.peer(lambda chunk: b"\x00\x00\x00\x01")  # N = 1: shorter than the header
        result = self.bench(peer.port, "--duration", "2")
        self.assertEqual(result.returncode, 1, result.stdout)
        self.assertIn("1 bytes", result.stderr)

    def bench_against(self, answer, *args):
        """Runs bench (10-byte payloads: 22-byte frames) against a peer that answers each frame with `answer`."""
        peer = self.peer(FramedAnswer(4 + 8 + 10, answer))
        result = self.bench(peer.port, "--size", "10", "--duration", "0.5", "--warmup", "0", "--json", *args)
        return result, json.loads(result.stdout)

    def test_a_true_echo_passes_the_check(self):
        result, report = self.bench_against(lambda index, frame: frame, "--inflight", "4")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(report["replies_ok"])
        self.assertEqual((report["differing_frames"], report["wrong_length_frames"], report["unasked_frames"]),
                         (0, 0, 0))
        # MB/s is what arrived: whole 22-byte frames, and at most a part of one per connection.
        self.assertGreaterEqual(report["bytes_received"], report["frames"] * 22)
        self.assertAlmostEqual(report["mb_per_s"], report["bytes_received"] / report["seconds"] / 1e6, places=3)
        # Its own CPU use, so that a saturated generator is not taken for a slow server.
        self.assertGreater(report["generator_cpu"], 0)
        self.assertEqual(report["generator_bound"], report["generator_cpu"] >= 0.9)

    def test_a_peer_that_corrupts_one_byte_in_50_fails_the_check_with_exit_3(self):
        def corrupt(index, frame):
            return frame[:-1] + b"?" if index % 50 == 49 else frame

        result, report = self.bench_against(corrupt, "--inflight", "4")
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertFalse(report["replies_ok"])
        self.assertGreater(report["differing_frames"], 0)
        self.assertEqual((report["wrong_length_frames"], report["unasked_frames"]), (0, 0))
        self.assertIn("not what was sent", result.stderr)

    def test_a_peer_that_answers_short_fails_the_check_with_exit_3(self):
        short = envelope(b"x" * 9, type_=0)

        result, report = self.bench_against(lambda index, frame: short if index % 50 == 49 else frame,
                                            "--inflight", "4")
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertGreater(report["wrong_length_frames"], 0)
        self.assertEqual(report["differing_frames"], 0)

    def test_a_peer_that_sends_extra_frames_fails_the_check_with_exit_3(self):
        result, report = self.bench_against(lambda index, frame: frame * 2 if index % 50 == 49 else frame)
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertGreater(report["unasked_frames"], 0)
        self.assertEqual((report["differing_frames"], report["wrong_length_frames"]), (0, 0))

    def test_too_many_connections_for_the_descriptor_limit_exit_1(self):
        limit = 512  # the child's own limit, whatever this machine's is

        def lower_the_limit():
            resource.setrlimit(resource.RLIMIT_NOFILE, (limit, limit))

        result = subprocess.run([wbcli.CLI, "bench", f"127.0.0.1:{self.free_port()}", "--idle", str(limit)],
                                capture_output=True, text=True, timeout=wbcli.WAIT * 3,
                                stdin=subprocess.DEVNULL, preexec_fn=lower_the_limit)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("RLIMIT_NOFILE", result.stderr)
        self.assertIn(str(limit), result.stderr)


if __name__ == "__main__":
    wbcli.main()
