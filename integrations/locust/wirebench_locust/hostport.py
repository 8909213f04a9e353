"""HOST:PORT as Locust's --host gives it (a scenario's own "connect" is read by endpoint.parse)."""


def parse_host_port(text):
    """(host, port) from "HOST:PORT" or "[V6]:PORT"; a "tcp://" in front is allowed. ValueError otherwise."""
    address = text.strip()
    if address.startswith("tcp://"):
        address = address[len("tcp://"):]
    address = address.rstrip("/")
    host, colon, port = address.rpartition(":")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f'"{text}" is not HOST:PORT (--host 127.0.0.1:7000)')
    return host, int(port)
