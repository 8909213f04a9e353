"""A Locust user that speaks one of Wirebench's codecs."""

from locust import User

from .hostport import parse_host_port
from .runner import CONNECT_TIMEOUT_MS
from .requestreporter import RequestReporter
from .wirebenchclient import WirebenchClient


class WirebenchUser(User):
    """Subclass it, set `codec`, and write tasks with `self.client`:

        class Chat(WirebenchUser):
            codec = "envelope"      # or {"codec": "line", "delimiter": "\\r\\n"}, as scenario files write it

            @task
            def ping(self):
                self.client.request(Message.text("ping", channel="chat"), expect={"text": "^pong"}, name="ping")

    Each user has its own connection to --host (HOST:PORT), made when it starts.
    """

    abstract = True
    codec = "envelope"
    connect_timeout = CONNECT_TIMEOUT_MS / 1000  # seconds, netcore's

    def __init__(self, environment):
        super().__init__(environment)
        host, port = parse_host_port(self.host or "")
        self.client = WirebenchClient(RequestReporter(environment.events), host, port, self.codec,
                                      self.connect_timeout)

    def on_start(self):
        self.client.connect()

    def on_stop(self):
        self.client.close()
