#!/usr/bin/env python3
"""wirebench-cli proxy without faults: bytes pass unchanged and at once, both ways, with
every codec; the ends pass on as they came; the events say what passed; a client that
never reads holds the proxy's memory down. The faults are test_proxy_faults.py's."""

import os
import random
import select
import socket
import time

import wbcli
from rawupstream import RawUpstream, read_until_end, reset

CODECS = {
    "envelope": [],
    "length": ["--codec", "length"],
    "line": ["--codec", "line"],
    "raw": ["--codec", "raw"],
    "python-comms": ["--codec", "python-comms"],
}


class ProxyTestCase(wbcli.CliTestCase):
    def setUp(self):
        super().setUp()
        self.upstream = RawUpstream()
        self.addCleanup(self.upstream.close)

    def through_proxy(self, *args):
        """A proxy in front of the raw upstream and one client through it: (proxy, client, upstream side)."""
        proxy, port = self.proxy(self.upstream.port, *args)
        client = self.connect(port)
        return proxy, client, self.upstream.accepted()

    def exchange(self, sender, receiver, data):
        """Sends @data from one socket while the other reads it; returns what arrived."""
        sender.sendall(data)
        return self.recv_exactly(receiver, len(data))


class PassthroughTest(ProxyTestCase):
    def test_random_bytes_pass_unchanged_both_ways_with_every_codec(self):
        generator = random.Random(15)
        for name, args in CODECS.items():
            with self.subTest(codec=name):
                proxy, client, server = self.through_proxy(*args)
                for size in (1, 1000, 300_000):
                    up = generator.randbytes(size)
                    down = generator.randbytes(size)
                    self.assertEqual(self.exchange(client, server, up), up)
                    self.assertEqual(self.exchange(server, client, down), down)
                proxy.kill()

    def test_garbage_under_the_envelope_codec_is_reported_and_still_forwarded(self):
        proxy, client, server = self.through_proxy()
        frame = wbcli.envelope("fine", channel="chat")
        garbage = b"\xff\xff\xff\xff" + os.urandom(5000)  # a length no frame may have: a stream error
        data = frame + garbage + frame
        self.assertEqual(self.exchange(client, server, data), data)
        message = proxy.event_named("message")
        self.assertEqual((message["dir"], message["channel"], message["text"]), ("c2s", "chat", "fine"))
        error = proxy.event_named("error")
        self.assertEqual((error["dir"], error["code"]), ("c2s", "FrameTooLarge"))
        # From here on the direction is shown raw: the rest arrives as binary messages.
        raw = proxy.event_named("message")
        self.assertEqual((raw["dir"], raw["type"]), ("c2s", "binary"))
        # The other direction still decodes.
        reply = wbcli.envelope("back")
        self.assertEqual(self.exchange(server, client, reply), reply)
        self.assertEqual(proxy.event_named("message")["text"], "back")

    def test_bytes_are_not_held_back_until_a_frame_completes(self):
        proxy, client, server = self.through_proxy()
        frame = wbcli.envelope("x" * 100)
        self.assertEqual(self.exchange(client, server, frame[:30]), frame[:30])  # half a frame arrives as it is
        self.assertEqual(self.exchange(client, server, frame[30:]), frame[30:])
        self.assertEqual(proxy.event_named("message")["size"], 100)

    def test_many_clients_at_once_each_with_its_own_upstream_connection(self):
        proxy, port = self.proxy(self.upstream.port, "--events", "none", "--workers", "2")
        clients = [self.connect(port) for _ in range(20)]
        servers = [self.upstream.accepted() for _ in clients]
        # Each upstream connection names its client by the first bytes it gets.
        for index, client in enumerate(clients):
            client.sendall(b"%02d" % index)
        by_index = {int(self.recv_exactly(server, 2)): server for server in servers}
        self.assertEqual(sorted(by_index), list(range(20)))
        for index, client in enumerate(clients):
            payload = os.urandom(50_000)
            self.assertEqual(self.exchange(by_index[index], client, payload), payload)


class EventsTest(ProxyTestCase):
    def test_events_name_connection_direction_and_ends(self):
        proxy, client, server = self.through_proxy()
        connected = proxy.event()
        self.assertEqual(connected["event"], "connected")
        self.assertEqual(connected["peer"], "127.0.0.1:%d" % client.getsockname()[1])
        upstream = proxy.event()
        self.assertEqual((upstream["event"], upstream["conn"]), ("upstream-connected", connected["conn"]))
        self.assertEqual(upstream["local"], "127.0.0.1:%d" % server.getpeername()[1])
        self.exchange(client, server, wbcli.envelope('{"a":1}', type_=2, channel="c", id_=7))
        message = proxy.event_named("message")
        self.assertEqual({k: message[k] for k in ("conn", "dir", "channel", "type", "id", "size", "text")},
                         {"conn": connected["conn"], "dir": "c2s", "channel": "c", "type": "json", "id": 7,
                          "size": 7, "text": '{"a":1}'})
        client.close()
        self.assertEqual(read_until_end(server)[0], "fin")
        server.close()
        ended = proxy.event_named("disconnected")
        self.assertEqual((ended["conn"], ended["side"], ended["reason"]), (connected["conn"], "client", "closed"))

    def test_text_events_are_readable_lines(self):
        proxy, client, server = self.through_proxy("--events", "text")
        self.exchange(client, server, wbcli.envelope("hello"))
        line = ""
        while " message " not in line:
            line = proxy.readline()
        self.assertIn('c2s text (5 B) "hello"', line)

    def test_the_seed_is_printed_on_stderr(self):
        proxy, _port = self.proxy(self.upstream.port, "--seed", "1234")
        proxy.signal(wbcli.SIGTERM)
        self.assertEqual(proxy.wait(), 0)
        proxy.kill()  # gone already: this waits for its pipes to be read to their end
        self.assertIn("seed 1234", proxy.stderr_text())


class EndsTest(ProxyTestCase):
    def test_an_upstream_that_refuses_closes_the_client_and_the_proxy_runs_on(self):
        proxy, port = self.proxy(self.free_port())
        client = self.connect(port)
        error = proxy.event_named("error")
        self.assertEqual(error["code"], "ConnectionRefused")
        self.assertEqual(read_until_end(client)[0], "fin")
        self.assertEqual(proxy.event_named("disconnected")["side"], "upstream")
        self.assertEqual(read_until_end(self.connect(port))[0], "fin")  # the next client is served the same way
        self.assertIsNone(proxy.proc.poll())

    def test_an_upstream_dying_mid_stream_passes_its_end_on(self):
        for how in ("fin", "reset"):
            with self.subTest(end=how):
                proxy, client, server = self.through_proxy()
                self.exchange(client, server, b"request")
                server.sendall(b"half a reply")
                if how == "reset":
                    reset(server)
                else:
                    server.close()
                end, data = read_until_end(client)
                self.assertEqual(end, how)
                if how == "fin":  # an RST may overtake what was still on its way, as on a real network
                    self.assertEqual(data, b"half a reply")
                    client.close()  # the client's side was open until now: half-closed, as the upstream left it
                ended = proxy.event_named("disconnected")
                self.assertEqual((ended["side"], ended["reason"]), ("upstream", "closed" if how == "fin" else "reset"))
                proxy.kill()

    def test_a_client_reset_resets_the_upstream(self):
        _proxy, client, server = self.through_proxy()
        self.exchange(client, server, b"x")
        reset(client)
        self.assertEqual(read_until_end(server)[0], "reset")

    def test_half_close_both_ways(self):
        for first in ("client", "upstream"):
            with self.subTest(half_closes=first):
                proxy, client, server = self.through_proxy()
                closer, other = (client, server) if first == "client" else (server, client)
                closer.sendall(b"last words")
                closer.shutdown(socket.SHUT_WR)
                self.assertEqual(read_until_end(other), ("fin", b"last words"))
                # The other way still flows after the half-close, then ends in turn.
                payload = os.urandom(200_000)
                other.sendall(payload)
                other.shutdown(socket.SHUT_WR)
                self.assertEqual(read_until_end(closer), ("fin", payload))
                ended = proxy.event_named("disconnected")
                self.assertEqual((ended["side"], ended["reason"]), (first, "closed"))
                proxy.kill()

    def test_sigterm_resets_what_is_open_and_exits_0(self):
        proxy, client, server = self.through_proxy()
        self.exchange(client, server, b"x")
        proxy.signal(wbcli.SIGTERM)
        self.assertEqual(proxy.wait(), 0)
        self.assertEqual(read_until_end(client)[0], "reset")


class BackpressureTest(ProxyTestCase):
    def test_a_client_that_never_reads_bounds_what_the_proxy_holds(self):
        proxy, client, server = self.through_proxy("--events", "none")
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
        rss_before = resident_kib(proxy.proc.pid)
        written = write_until_stalled(server)
        # Kernel buffers on the way hold some megabytes; the proxy itself at most its 1 MiB queue and one read.
        self.assertLess(written, 48 * 1024 * 1024)
        growth = resident_kib(proxy.proc.pid) - rss_before
        self.assertLess(growth, 16 * 1024, f"the proxy grew by {growth} KiB while {written} B waited")
        # Reading resumes the flow, and every byte arrives.
        received = 0
        client.settimeout(wbcli.WAIT)
        while received < written:
            received += len(client.recv(1 << 20))
        self.assertEqual(received, written)


def write_until_stalled(sock, stall_seconds=1.0):
    """Writes to @sock until it takes nothing for @stall_seconds; returns how many bytes it took."""
    sock.setblocking(False)
    chunk = b"\x00" * (1 << 20)
    written = 0
    while True:
        try:
            written += sock.send(chunk)
            continue
        except BlockingIOError:
            pass
        _, writable, _ = select.select([], [sock], [], stall_seconds * wbcli.TIME_FACTOR)
        if not writable:
            sock.setblocking(True)
            return written


def resident_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError(f"no VmRSS for process {pid}")


if __name__ == "__main__":
    wbcli.main()
