"""Locust's --host, read with netcore's HOST:PORT grammar."""

import unittest

import locustpath  # noqa: F401

from wirebench_locust.hostport import parse_host_port


class ParseHostPortTest(unittest.TestCase):
    def test_what_it_takes(self):
        for text, expected in (("127.0.0.1:7000", ("127.0.0.1", 7000)), ("tcp://example.org:1/", ("example.org", 1)),
                               ("[::1]:5000", ("::1", 5000)), (" h:65535 ", ("h", 65535))):
            with self.subTest(text):
                self.assertEqual(parse_host_port(text), expected)

    def test_what_it_refuses(self):
        # A host and a port are both needed; an IPv6 host needs its brackets, as netcore's Endpoint says.
        for text in ("h", "h:0", ":5000", "5000", "h:x", "h:65536", "::1:7000", ""):
            with self.subTest(text):
                with self.assertRaisesRegex(ValueError, r"is not HOST:PORT \(--host 127\.0\.0\.1:7000\)$"):
                    parse_host_port(text)


if __name__ == "__main__":
    unittest.main()
