#!/usr/bin/env python3
"""wirebench-cli send against failing peers: each fault is its own readable error, exit code 1."""

import socket
import struct
import threading

import wbcli


class OneShotPeer:
    """Accepts one connection on 127.0.0.1 and ends it the way asked: 'reset' or 'half-close'."""

    def __init__(self, how):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(1)
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, args=(how,), daemon=True)
        self.thread.start()

    def _serve(self, how):
        connection, _ = self.listener.accept()
        connection.recv(4096)  # the request arrived; now end the connection
        if how == "reset":
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            connection.close()
        else:
            connection.shutdown(socket.SHUT_WR)  # FIN, still reading
            connection.recv(4096)
            connection.close()

    def close(self):
        self.thread.join(wbcli.WAIT)
        self.listener.close()


class FaultsTest(wbcli.CliTestCase):
    def send(self, target, *extra):
        return self.run_cli("send", target, "--text", "hi", "--expect", "1", "--timeout", "5000", *extra)

    def test_connection_refused(self):
        with socket.socket() as unused:  # a port nobody listens on
            unused.bind(("127.0.0.1", 0))
            port = unused.getsockname()[1]
        result = self.send(f"127.0.0.1:{port}")
        self.assertEqual(result.returncode, 1)
        self.assertIn("refused", result.stderr.lower())

    def test_unknown_host(self):
        result = self.send("no-such-host.invalid:5000")  # .invalid never resolves (RFC 2606)
        self.assertEqual(result.returncode, 1)
        self.assertIn("no-such-host.invalid", result.stderr)
        self.assertIn("not found", result.stderr.lower())

    def send_to_peer_that_ends(self, how):
        """send --expect 1 to a peer that ends the connection `how`; (result, error codes, disconnect reasons)."""
        peer = OneShotPeer(how)
        self.addCleanup(peer.close)
        result = self.send(f"127.0.0.1:{peer.port}", "--events", "jsonl")
        events = self.events(result.stdout)
        return (result, [e.get("code") for e in events if e["event"] == "error"],
                [e["reason"] for e in events if e["event"] == "disconnected"])

    def test_peer_reset(self):
        result, errors, reasons = self.send_to_peer_that_ends("reset")
        self.assertEqual(result.returncode, 1)
        self.assertIn("reset", result.stderr)
        self.assertEqual((errors, reasons), (["ConnectionReset"], ["PeerReset"]))

    def test_peer_half_close(self):
        result, errors, reasons = self.send_to_peer_that_ends("half-close")
        self.assertEqual(result.returncode, 1)
        self.assertIn("FIN", result.stderr)
        self.assertEqual((errors, reasons), ([], ["PeerClosed"]))  # an orderly end is not an error

if __name__ == "__main__":
    wbcli.main()
