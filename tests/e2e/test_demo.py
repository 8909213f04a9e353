#!/usr/bin/env python3
"""wirebench-cli demo: the headless demo finishes on its own and shows every message type."""

import wbcli


class DemoTest(wbcli.CliTestCase):
    def test_demo_exchanges_all_four_types_and_exits_zero(self):
        result = self.run_cli("demo", timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        for kind in ("json", "text", "binary", "cbor"):
            with self.subTest(kind=kind):
                self.assertTrue(any(f"message {kind} " in line for line in lines), result.stdout)
        for channel in ("#chat", "#telemetry"):
            self.assertIn(channel, result.stdout)
        for name in ("alice", "bob", "carol"):
            self.assertIn(name, result.stdout)
        self.assertEqual(sum(" connected" in line for line in lines), 3)
        self.assertEqual(sum(" disconnected" in line for line in lines), 3)

    def test_demo_rejects_arguments(self):
        result = self.run_cli("demo", "--bogus")
        self.assertEqual(result.returncode, 2)


if __name__ == "__main__":
    wbcli.main()
