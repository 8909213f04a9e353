"""HOST:PORT as Locust's --host gives it: netcore's grammar (endpoint.parse), with Locust's habits."""

from . import endpoint


def parse_host_port(text):
    """(host, port) from "HOST:PORT" or "[V6]:PORT"; a "tcp://" in front and a "/" behind are allowed.

    ValueError otherwise: a host and a port from 1 to 65535 are needed.
    """
    address = text.strip()
    if address.startswith("tcp://"):
        address = address[len("tcp://"):]
    address = address.rstrip("/")
    try:
        host, port = endpoint.parse(address, "")
    except ValueError:
        host, port = "", 0
    if not host or port == 0:
        raise ValueError(f'"{text}" is not HOST:PORT (--host 127.0.0.1:7000)')
    return host, port
