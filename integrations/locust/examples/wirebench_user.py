"""A Locust user written by hand on WirebenchUser: log in once, then ping as fast as answers come.

    wirebench-cli serve --listen 127.0.0.1:7000 --responder login-and-ping.json
    locust -f integrations/locust/examples/wirebench_user.py --host 127.0.0.1:7000

Each request is a message and the answer it expects: Locust times the pair,
and an answer that does not match is a failure that says what came.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from locust import constant, task  # noqa: E402

from wirebench_locust.locustversion import ensure_version  # noqa: E402
from wirebench_locust.matcher import Matcher  # noqa: E402
from wirebench_locust.message import Message  # noqa: E402
from wirebench_locust.wirebenchuser import WirebenchUser  # noqa: E402

ensure_version()  # Debian's Locust: needed for --master and --worker

PONG = Matcher.from_json({"text": "^PONG \\d+$"})  # made once, used by every request


class PingUser(WirebenchUser):
    codec = "envelope"  # or {"codec": "line", "delimiter": "\\r\\n"}, as scenario files write it
    wait_time = constant(0)

    def on_start(self):
        super().on_start()
        self.pings = 0
        self.client.request(Message("json", b'{"user":"alice"}', channel="login"),
                            expect={"channel": "login", "json": {"/ok": True}}, name="login")

    @task
    def ping(self):
        self.pings += 1
        self.client.request(Message.text(f"PING {self.pings}"), expect=PONG, name="ping")
