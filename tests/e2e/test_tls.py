#!/usr/bin/env python3
"""TLS from the command line: serve --tls-cert/--tls-key, send --tls with --ca or --insecure."""

import os
import subprocess
import tempfile

import wbcli


class TlsTest(wbcli.CliTestCase):
    @classmethod
    def setUpClass(cls):
        # A self-signed certificate for localhost and 127.0.0.1, made now: nothing secret is committed.
        cls.directory = tempfile.TemporaryDirectory()
        cls.cert = os.path.join(cls.directory.name, "cert.pem")
        cls.key = os.path.join(cls.directory.name, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout", cls.key, "-out", cls.cert],
                       check=True, capture_output=True)

    @classmethod
    def tearDownClass(cls):
        cls.directory.cleanup()

    def tls_server(self):
        return self.serve("--echo", "--tls-cert", self.cert, "--tls-key", self.key)

    def test_ca_file_round_trip(self):
        _, port = self.tls_server()
        result = self.run_cli("send", f"127.0.0.1:{port}", "--ca", self.cert, "--text", "secret",
                              "--expect", "1")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.events(result.stdout)[0]["text"], "secret")

    def test_insecure_accepts_the_self_signed_certificate(self):
        _, port = self.tls_server()
        result = self.run_cli("send", f"127.0.0.1:{port}", "--insecure", "--text", "x", "--expect", "1")
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_self_signed_server_is_refused_without_ca_or_insecure(self):
        _, port = self.tls_server()
        result = self.run_cli("send", f"127.0.0.1:{port}", "--tls", "--text", "x", "--expect", "1")
        self.assertEqual(result.returncode, 1)
        self.assertIn("TLS handshake", result.stderr)
        self.assertIn("self-signed", result.stderr)

    def test_plaintext_peer_on_a_tls_port_is_closed(self):
        server, port = self.tls_server()
        result = self.run_cli("send", f"127.0.0.1:{port}", "--text", "in clear", "--expect", "1")
        self.assertEqual(result.returncode, 1)
        gone = server.event_named("disconnected")
        self.assertEqual(gone["reason"], "TlsFailed")

    def test_option_mistakes_are_usage_errors(self):
        result = self.run_cli("serve", "--tls-cert", self.cert)
        self.assertEqual(result.returncode, 2)
        self.assertIn("--tls-key", result.stderr)
        result = self.run_cli("send", "127.0.0.1:1", "--ca", self.cert, "--insecure", "--text", "x")
        self.assertEqual(result.returncode, 2)

    def test_unreadable_files_fail_with_their_name(self):
        result = self.run_cli("serve", "--tls-cert", "/nonexistent.pem", "--tls-key", self.key)
        self.assertEqual(result.returncode, 1)
        self.assertIn("/nonexistent.pem", result.stderr)


if __name__ == "__main__":
    wbcli.main()
