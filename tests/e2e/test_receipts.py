#!/usr/bin/env python3
"""serve --receipts and send --receipts: delivery confirmed end to end, and what happens without it."""

import wbcli


class ReceiptsTest(wbcli.CliTestCase):
    def test_send_exits_zero_once_the_server_confirmed(self):
        server, port = self.serve("--receipts")
        result = self.run_cli("send", f"127.0.0.1:{port}", "--receipts", "--channel", "work",
                              "--text", "one", "--text", "two", "--timeout", "5000")
        self.assertEqual(result.returncode, 0, result.stderr)
        messages = [server.event_named("message") for _ in range(2)]
        self.assertEqual([m["text"] for m in messages], ["one", "two"])
        self.assertEqual({m["channel"] for m in messages}, {"work"})
        server.signal(wbcli.SIGTERM)
        self.assertEqual(server.wait(), 0)
        # The receipts' own messages are not shown as application messages.
        self.assertNotIn("netcore.delivery", "".join(server.remaining_stdout()))

    def test_a_server_without_receipts_never_confirms(self):
        server, port = self.serve()
        result = self.run_cli("send", f"127.0.0.1:{port}", "--receipts", "--text", "one", "--timeout", "1500")
        self.assertEqual(result.returncode, 3)
        self.assertIn("did not confirm delivery", result.stderr)
        # It sees the client's hello as an ordinary message on the reserved channel, then the text.
        hello = server.event_named("message")
        self.assertEqual((hello["channel"], hello["type"]), ("netcore.delivery", "cbor"))
        self.assertEqual(server.event_named("message")["text"], "one")

    def test_receipts_need_the_envelope_codec(self):
        for command in (["serve", "--codec", "line", "--receipts"],
                        ["send", "127.0.0.1:1", "--codec", "line", "--receipts", "--text", "x"]):
            result = self.run_cli(*command)
            self.assertEqual(result.returncode, 2, command)
            self.assertIn("--receipts needs the envelope codec", result.stderr)


if __name__ == "__main__":
    wbcli.main()
