#!/usr/bin/env python3
"""wirebench-cli proxy's faults, each measured end to end (issue 15).

A real client socket talks through `proxy` to a RawUpstream the test drives by
hand. Every wait is on data or an end, bounded by a socket timeout; the timing
bounds are the fault's own figure, on one side, and that figure plus MARGIN on
the other, so a fault that acts too early, too late or not at all fails.
"""

import collections
import re
import socket
import struct
import threading
import time

import wbcli
from rawupstream import RawUpstream, read_until_end

# How late a timed fault may act: loopback scheduling, the proxy's timers, Python's threads.
MARGIN = 0.15 * wbcli.TIME_FACTOR

Frame = collections.namedtuple("Frame", "type version channel id payload raw")


def split_frame(data):
    """The first whole envelope frame of @data and the rest; (None, data) if it is not whole yet."""
    if len(data) < 4:
        return None, data
    (length,) = struct.unpack_from(">I", data)
    if len(data) < 4 + length:
        return None, data
    raw = bytes(data[:4 + length])
    type_, version, channel_length, id_ = struct.unpack_from(">BBHI", raw, 4)
    channel = raw[12:12 + channel_length].decode()
    return Frame(type_, version, channel, id_, raw[12 + channel_length:], raw), data[4 + length:]


def parse_frames(data):
    """@data as envelope frames; AssertionError unless it is whole frames only."""
    frames = []
    while data:
        frame, data = split_frame(data)
        if frame is None:
            raise AssertionError(f"{len(data)} bytes left that are no whole frame")
        frames.append(frame)
    return frames


class FrameReader:
    """Reads envelope frames off a socket, each with the time it was whole."""

    def __init__(self, sock):
        self.sock = sock
        self.buffer = b""

    def next(self):
        """(frame, monotonic time), or None at the end of the stream."""
        while True:
            frame, self.buffer = split_frame(self.buffer)
            if frame is not None:
                return frame, time.monotonic()
            chunk = self.sock.recv(65536)
            if not chunk:
                if self.buffer:
                    raise AssertionError(f"the stream ended inside a frame: {self.buffer!r}")
                return None
            self.buffer += chunk


def frames_on(channels, first_id=1):
    """One envelope frame per channel name, ids counting from @first_id, each payload naming its id."""
    return [wbcli.envelope(b"payload-%d" % id_, channel=channel, id_=id_)
            for id_, channel in enumerate(channels, start=first_id)]


class ProxyFaultCase(wbcli.CliTestCase):
    """A RawUpstream per test, and a proxy with faults in front of it."""

    def setUp(self):
        super().setUp()
        self.upstream = RawUpstream()
        self.addCleanup(self.upstream.close)

    def through(self, *args):
        """Starts `proxy ARGS`, connects a client; returns (proxy, client, upstream side) once both are up."""
        proxy, port = self.proxy(self.upstream.port, *args)
        client = self.connect(port)
        server = self.upstream.accepted()
        proxy.event_named("upstream-connected")  # the proxy reads the client from now on
        return proxy, client, server

    def events_until_disconnected(self, proxy):
        """Every event up to and including the connection's disconnected event."""
        events = []
        while not events or events[-1]["event"] != "disconnected":
            events.append(proxy.event())
        return events

    @staticmethod
    def faults(events, kind):
        return [event for event in events if event["event"] == "fault" and event["fault"] == kind]

    def exchange_and_end(self, proxy, client, server):
        """Client FIN; the upstream reads to its end and sends FIN back; the client reads to its end.

        Returns (bytes the upstream got, bytes the client got, the events up to disconnected)."""
        client.shutdown(socket.SHUT_WR)
        end, upstream_got = read_until_end(server)
        self.assertEqual(end, "fin")
        server.shutdown(socket.SHUT_WR)
        end, client_got = read_until_end(client)
        self.assertEqual(end, "fin")
        return upstream_got, client_got, self.events_until_disconnected(proxy)

    def assert_between(self, value, low, high, what):
        self.assertGreaterEqual(value, low, f"{what}: {value:.3f} s, below {low:.3f} s")
        self.assertLessEqual(value, high, f"{what}: {value:.3f} s, above {high:.3f} s")


class LatencyTest(ProxyFaultCase):
    def test_latency_delays_each_way_by_its_amount(self):
        proxy, client, server = self.through("--latency", "200")
        for i in range(3):
            start = time.monotonic()
            client.sendall(b"ping %d" % i)
            self.assertEqual(self.recv_exactly(server, 6), b"ping %d" % i)
            self.assert_between(time.monotonic() - start, 0.200, 0.200 + MARGIN, f"c2s write {i}")
        start = time.monotonic()
        server.sendall(b"pong")
        self.assertEqual(self.recv_exactly(client, 4), b"pong")
        self.assert_between(time.monotonic() - start, 0.200, 0.200 + MARGIN, "s2c write")

    def test_latency_only_in_the_direction_asked(self):
        proxy, client, server = self.through("--latency", "300", "--direction", "s2c")
        start = time.monotonic()
        client.sendall(b"up")
        self.assertEqual(self.recv_exactly(server, 2), b"up")
        self.assertLess(time.monotonic() - start, 0.300, "c2s is not delayed")
        start = time.monotonic()
        server.sendall(b"down")
        self.assertEqual(self.recv_exactly(client, 4), b"down")
        self.assert_between(time.monotonic() - start, 0.300, 0.300 + MARGIN, "s2c write")

    def test_jitter_keeps_the_order(self):
        # Each write is its own read in the proxy (1 ms apart), each with its own random delay
        # from 10 to 90 ms: without the order kept, later writes would overtake earlier ones.
        proxy, client, server = self.through("--latency", "50", "--jitter", "40", "--seed", "7")
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        writes = [b"<%03d>" % i for i in range(150)]
        start = time.monotonic()
        for write in writes:
            client.sendall(write)
            time.sleep(0.001)  # pacing, so that the proxy reads them apart; no synchronisation
        sent = time.monotonic() - start
        first = self.recv_exactly(server, len(writes[0]))
        self.assertGreaterEqual(time.monotonic() - start, 0.010, "no write is delayed less than 50 - 40 ms")
        received = first + self.recv_exactly(server, sum(map(len, writes)) - len(first))
        self.assertEqual(received, b"".join(writes))
        self.assertLessEqual(time.monotonic() - start, sent + 0.090 + MARGIN, "delayed at most 50 + 40 ms")


class BandwidthTest(ProxyFaultCase):
    def test_rate_within_a_fifth_of_the_limit(self):
        kib_per_s = 256
        total = 384 * 1024  # 1.5 s at the limit
        proxy, client, server = self.through("--bandwidth", str(kib_per_s))
        data = bytes(range(256)) * (total // 256)
        sender = threading.Thread(target=client.sendall, args=(data,), daemon=True)
        start = time.monotonic()
        sender.start()
        received = self.recv_exactly(server, total)
        elapsed = time.monotonic() - start
        sender.join(wbcli.WAIT)
        self.assertEqual(received, data)
        rate = total / 1024 / elapsed
        self.assertGreaterEqual(rate, kib_per_s * 0.8, f"{rate:.0f} KiB/s")
        self.assertLessEqual(rate, kib_per_s * 1.2, f"{rate:.0f} KiB/s")


class SliceTest(ProxyFaultCase):
    def reads_of(self, sock, total):
        """The sizes of the reads a raw receiver sees until @total bytes came, and the bytes."""
        sizes, data = [], b""
        while len(data) < total:
            chunk = sock.recv(1 << 20)
            self.assertTrue(chunk, "the connection ended early")
            sizes.append(len(chunk))
            data += chunk
        return sizes, data

    def test_paused_slices_arrive_one_read_each(self):
        # 30 ms apart (more when the build is slow): each slice is alone in the receive queue when read.
        size, pause = 200, 0.030 * wbcli.TIME_FACTOR
        proxy, client, server = self.through("--slice", f"{size}:{int(pause * 1e6)}")
        data = bytes(i % 251 for i in range(12 * size))
        start = time.monotonic()
        client.sendall(data)
        sizes, received = self.reads_of(server, len(data))
        elapsed = time.monotonic() - start
        self.assertEqual(received, data)
        self.assertLessEqual(max(sizes), size, sizes)
        self.assertGreaterEqual(len(sizes), 12)
        self.assertLessEqual(len(sizes), 13, sizes)
        self.assertGreaterEqual(elapsed, 11 * pause, "11 pauses between 12 slices")

    def test_slices_without_pause_keep_the_bytes(self):
        proxy, client, server = self.through("--slice", "7")
        data = bytes(i % 253 for i in range(50000))
        client.sendall(data)
        self.assertEqual(self.recv_exactly(server, len(data)), data)
        server.sendall(data[:999])
        self.assertEqual(self.recv_exactly(client, 999), data[:999])


class LimitDataTest(ProxyFaultCase):
    def test_exactly_the_limit_passes_then_both_sides_end(self):
        proxy, client, server = self.through("--limit-data", "1000")
        data = bytes(i % 256 for i in range(3000))
        client.sendall(data)
        self.assertEqual(read_until_end(server), ("fin", data[:1000]))
        self.assertEqual(read_until_end(client), ("fin", b""))
        client.close()
        server.close()
        event = self.events_until_disconnected(proxy)[-1]
        self.assertEqual(event["side"], "proxy")
        self.assertIn("limit-data", event["reason"])


class TimeoutTest(ProxyFaultCase):
    def test_passes_nothing_and_closes_after_its_time(self):
        proxy, port = self.proxy(self.upstream.port, "--timeout", "300")
        start = time.monotonic()
        client = self.connect(port)
        server = self.upstream.accepted()
        client.sendall(b"lost")
        server.sendall(b"lost too")
        self.assertEqual(read_until_end(client), ("fin", b""))
        self.assert_between(time.monotonic() - start, 0.300, 0.300 + MARGIN, "the client's end")
        self.assertEqual(read_until_end(server), ("fin", b""))
        client.close()
        server.close()
        event = self.events_until_disconnected(proxy)[-1]
        self.assertEqual(event["side"], "proxy")
        self.assertIn("timeout", event["reason"])

    def test_an_end_does_not_pass_either(self):
        # As Toxiproxy's timeout: the client's FIN is lost like its data; the proxy's own close comes at its time.
        proxy, port = self.proxy(self.upstream.port, "--timeout", "300")
        start = time.monotonic()
        client = self.connect(port)
        server = self.upstream.accepted()
        client.sendall(b"lost")
        client.shutdown(socket.SHUT_WR)
        self.assertEqual(read_until_end(server), ("fin", b""))
        self.assert_between(time.monotonic() - start, 0.300, 0.300 + MARGIN, "the upstream's end")
        event = proxy.event_named("disconnected")  # the proxy ended it: the client's FIN never went anywhere
        self.assertEqual((event["side"], event["reason"]), ("proxy", "timeout: closed after 300 ms"))

    def test_zero_holds_it_open(self):
        proxy, client, server = self.through("--timeout", "0")
        client.sendall(b"lost")
        client.shutdown(socket.SHUT_WR)  # an end is lost too: held open means open
        server.sendall(b"lost too")
        server.settimeout(0.5)
        with self.assertRaises(socket.timeout, msg="the upstream got data or an end"):
            server.recv(4096)
        client.settimeout(0.05)  # the same 0.5 s have passed for it
        with self.assertRaises(socket.timeout, msg="the client got data or an end"):
            client.recv(4096)


class ResetAfterTest(ProxyFaultCase):
    def test_both_sides_see_a_reset_after_its_time(self):
        proxy, port = self.proxy(self.upstream.port, "--reset-after", "300")
        start = time.monotonic()
        client = self.connect(port)
        server = self.upstream.accepted()
        client.sendall(b"before")
        self.assertEqual(self.recv_exactly(server, 6), b"before")
        with self.assertRaises(ConnectionResetError):
            client.recv(4096)
        self.assert_between(time.monotonic() - start, 0.300, 0.300 + MARGIN, "the client's reset")
        self.assertEqual(read_until_end(server), ("reset", b""))
        event = self.events_until_disconnected(proxy)[-1]
        self.assertEqual(event["side"], "proxy")
        self.assertIn("reset-after", event["reason"])


class SlowCloseTest(ProxyFaultCase):
    def test_the_end_passes_late_the_data_at_once(self):
        proxy, client, server = self.through("--slow-close", "300")
        start = time.monotonic()
        server.sendall(b"bye")
        server.shutdown(socket.SHUT_WR)
        self.assertEqual(self.recv_exactly(client, 3), b"bye")
        self.assertLess(time.monotonic() - start, 0.300, "the data is not held")
        self.assertEqual(client.recv(4096), b"")
        self.assert_between(time.monotonic() - start, 0.300, 0.300 + MARGIN, "the client's end")


class MessageFaultTest(ProxyFaultCase):
    """Message-level faults, with the envelope codec (the default): by channel, the rest untouched."""

    CHANNELS = ["a", "b", "", "a", "b", "chat", "a", "a", "b", ""]

    def run_frames(self, *args, frames=None, piece=None):
        """Sends @frames c2s (in writes of @piece bytes, if given) through a proxy with ARGS and ends;
        (bytes the upstream got, events)."""
        data = b"".join(frames or frames_on(self.CHANNELS))
        proxy, client, server = self.through(*args)
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for start in range(0, len(data), piece or len(data)):  # the proxy reads frames in parts
            client.sendall(data[start:start + (piece or len(data))])
        upstream_got, client_got, events = self.exchange_and_end(proxy, client, server)
        self.assertEqual(client_got, b"")
        return upstream_got, events

    def test_drop_by_channel(self):
        frames = frames_on(self.CHANNELS)
        got, events = self.run_frames("--drop", "a", piece=5)
        self.assertEqual(got, b"".join(f for f, ch in zip(frames, self.CHANNELS) if ch != "a"))
        dropped = [i + 1 for i, ch in enumerate(self.CHANNELS) if ch == "a"]
        self.assertEqual([(e["id"], e["channel"], e["dir"]) for e in self.faults(events, "drop")],
                         [(i, "a", "c2s") for i in dropped])

    def test_drop_any_channel(self):
        got, events = self.run_frames("--drop", "*")
        self.assertEqual(got, b"")
        self.assertEqual(len(self.faults(events, "drop")), len(self.CHANNELS))

    def test_duplicate_by_channel(self):
        frames = frames_on(self.CHANNELS)
        got, events = self.run_frames("--duplicate", "b")
        self.assertEqual(got, b"".join(f * (2 if ch == "b" else 1) for f, ch in zip(frames, self.CHANNELS)))
        self.assertEqual([e["id"] for e in self.faults(events, "duplicate")],
                         [i + 1 for i, ch in enumerate(self.CHANNELS) if ch == "b"])

    def test_corrupt_flips_one_payload_byte_framing_kept(self):
        # Also a frame with nothing to flip, and one larger than a proxy's read (64 KiB).
        frames = frames_on(self.CHANNELS) + [wbcli.envelope(b"", channel="a", id_=99),
                                             wbcli.envelope(bytes(200000), channel="big", id_=100)]
        got, events = self.run_frames("--corrupt", "1", frames=frames)
        received, sent = parse_frames(got), parse_frames(b"".join(frames))
        self.assertEqual(len(received), len(sent))
        for before, after in zip(sent, received):
            self.assertEqual(after[:4], before[:4], "type, version, channel and id kept")
            self.assertEqual(len(after.raw), len(before.raw))
            differing = [i for i, (x, y) in enumerate(zip(before.payload, after.payload)) if x != y]
            if not before.payload:  # nothing to flip: it passes as it was, unreported
                self.assertEqual(after.raw, before.raw)
                continue
            self.assertEqual(len(differing), 1, f"frame {before.id}: {before.payload!r} -> {after.payload!r}")
            flipped = before.payload[differing[0]] ^ after.payload[differing[0]]
            self.assertEqual(bin(flipped).count("1"), 1, "one bit flipped")
        corrupted = self.faults(events, "corrupt")
        self.assertEqual([(e["id"], e["size"]) for e in corrupted],
                         [(f.id, len(f.payload)) for f in sent if f.payload])

    def test_delay_channel_is_overtaken(self):
        proxy, client, server = self.through("--delay-channel", "slow:300")
        frames = frames_on(["slow", "fast", "", "slow", "fast"])
        start = time.monotonic()
        client.sendall(b"".join(frames))
        client.shutdown(socket.SHUT_WR)  # the end waits for what is held
        reader = FrameReader(server)
        arrivals = [reader.next() for _ in frames]
        self.assertIsNone(reader.next(), "the upstream's end after the last frame")
        self.assertEqual([frame.id for frame, _ in arrivals], [2, 3, 5, 1, 4])
        self.assertEqual([frame.raw for frame, _ in arrivals], [frames[i - 1] for i in (2, 3, 5, 1, 4)])
        for frame, at in arrivals:
            if frame.channel == "slow":
                self.assert_between(at - start, 0.300, 0.300 + MARGIN, f"delayed frame {frame.id}")
            else:
                self.assertLess(at - start, 0.300, f"frame {frame.id} on '{frame.channel}' is not delayed")
        server.shutdown(socket.SHUT_WR)
        self.assertEqual(read_until_end(client), ("fin", b""))
        events = self.events_until_disconnected(proxy)
        self.assertEqual([e["id"] for e in self.faults(events, "delay-channel")], [1, 4])

    def test_line_codec_corrupt_keeps_one_delimiter_per_line(self):
        # Each payload byte is one bit away from "\n": a careless flip would split the line.
        line = bytes(0x0A ^ (1 << bit) for bit in range(8)) * 3
        lines = [line[i:] + b"\n" for i in range(20)]
        # Seed 1 picks, for several lines, the bit that would make a "\n" first (checked by removing the guard).
        got, events = self.run_frames("--codec", "line", "--payload", "binary", "--corrupt", "1", "--seed", "1",
                                      frames=lines)
        received = got.split(b"\n")
        self.assertEqual(received.pop(), b"", "the stream ends with a delimiter")
        self.assertEqual(len(received), len(lines))
        for before, after in zip(lines, received):
            self.assertEqual(len(after) + 1, len(before))
            self.assertEqual(sum(x != y for x, y in zip(before, after)), 1, f"{before!r} -> {after!r}")
        self.assertEqual(len(self.faults(events, "corrupt")), len(lines))


class SeedTest(ProxyFaultCase):
    """--drop '*:0.5' over 200 messages: the dropped ids, as the upstream sees them."""

    def dropped_ids(self, *seed_args):
        """(the ids the upstream did not get, the ids the fault events name, the seed in use)."""
        frames = frames_on([""] * 200)
        proxy, client, server = self.through("--drop", "*:0.5", *seed_args)
        client.sendall(b"".join(frames))
        got, _, events = self.exchange_and_end(proxy, client, server)
        missing = set(range(1, 201)) - {frame.id for frame in parse_frames(got)}
        return missing, {e["id"] for e in self.faults(events, "drop")}, self.seed_of(proxy)

    def seed_of(self, proxy):
        """The seed the proxy printed on stderr: "proxy to HOST:PORT, seed N (...)"."""
        while True:
            line = proxy.stderr.get(timeout=wbcli.WAIT)
            self.assertIsNotNone(line, "stderr ended without the seed")
            match = re.search(r", seed (\d+) ", line)
            if match:
                return int(match.group(1))

    def test_same_seed_same_drops_other_seed_other_drops(self):
        first, reported, seed = self.dropped_ids()  # a seed picked and printed on stderr
        self.assertEqual(first, reported)
        self.assertTrue(50 < len(first) < 150, f"{len(first)} of 200 dropped at p 0.5")
        again, reported_again, seed_again = self.dropped_ids("--seed", str(seed))
        self.assertEqual(seed_again, seed)
        self.assertEqual(again, first)
        self.assertEqual(reported_again, first)
        other, reported_other, _ = self.dropped_ids("--seed", str(seed + 1))
        self.assertEqual(other, reported_other)
        self.assertNotEqual(other, first)


class DirectionTest(ProxyFaultCase):
    def test_drop_c2s_lets_replies_pass(self):
        proxy, client, server = self.through("--drop", "*", "--direction", "c2s")
        requests, replies = frames_on(["q"] * 3), frames_on(["r"] * 3, first_id=10)
        client.sendall(b"".join(requests))
        server.sendall(b"".join(replies))
        self.assertEqual(self.recv_exactly(client, len(b"".join(replies))), b"".join(replies))
        upstream_got, client_rest, events = self.exchange_and_end(proxy, client, server)
        self.assertEqual((upstream_got, client_rest), (b"", b""))
        self.assertEqual([(e["id"], e["dir"]) for e in self.faults(events, "drop")],
                         [(1, "c2s"), (2, "c2s"), (3, "c2s")])

    def test_drop_s2c_lets_requests_pass(self):
        proxy, client, server = self.through("--drop", "*", "--direction", "s2c")
        requests, replies = frames_on(["q"] * 3), frames_on(["r"] * 3, first_id=10)
        client.sendall(b"".join(requests))
        server.sendall(b"".join(replies))
        self.assertEqual(self.recv_exactly(server, len(b"".join(requests))), b"".join(requests))
        upstream_rest, client_got, events = self.exchange_and_end(proxy, client, server)
        self.assertEqual((upstream_rest, client_got), (b"", b""))
        self.assertEqual([(e["id"], e["dir"]) for e in self.faults(events, "drop")],
                         [(10, "s2c"), (11, "s2c"), (12, "s2c")])


class UsageTest(wbcli.CliTestCase):
    def proxy_usage(self, *args):
        return self.run_cli("proxy", "--upstream", f"127.0.0.1:{self.free_port()}", *args)

    def test_message_faults_need_frames(self):
        for fault in (["--drop", "chat"], ["--duplicate", "*"], ["--corrupt", "0.5"], ["--delay-channel", "a:10"]):
            with self.subTest(fault=fault):
                result = self.proxy_usage("--codec", "raw", *fault)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(fault[0], result.stderr)
                self.assertIn("codec with frames, not raw", result.stderr)

    def test_bad_values(self):
        for args, why in ((["--drop", "chat:2"], "probability"), (["--corrupt", "-0.1"], "probability"),
                          (["--delay-channel", "chat"], "CHANNEL:MS"), (["--slice", "0"], "--slice"),
                          (["--latency", "-5"], "--latency"), (["--direction", "sideways"], "--direction"),
                          (["--drop", ":0.5"], "channel")):
            with self.subTest(args=args):
                result = self.proxy_usage(*args)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(why, result.stderr.splitlines()[0])


if __name__ == "__main__":
    wbcli.main()
