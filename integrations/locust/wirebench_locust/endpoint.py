"""HOST:PORT as people type it and as netcore writes it: port of netcore::Endpoint.

    127.0.0.1:5000 -> 127.0.0.1, 5000     [::1]:5000   -> ::1, 5000
    5000, :5000    -> the default, 5000   example.org  -> example.org, 0
"""


def _is_ascii_digits(text):
    return text != "" and all("0" <= c <= "9" for c in text)


def parse(text, default_host):
    """(host, port) for text; port 0 when none is given. Raises ValueError with netcore's words."""
    port_text, port_given = "", False
    if text.startswith("["):
        close = text.find("]")
        rest = "" if close < 0 else text[close + 1:]
        if close < 0 or (rest and not rest.startswith(":")):
            raise ValueError(f'"{text}" is not HOST:PORT')
        host, port_text, port_given = text[1:close], rest[1:], rest != ""
    elif text.count(":") == 1:
        host, port_text = text.split(":")
        port_given = True
    elif _is_ascii_digits(text):
        host, port_text, port_given = "", text, True
    else:
        host = text  # a host alone, or an IPv6 address without brackets
    host = host or default_host
    port = 0
    if port_given:
        # Only ASCII digits: int() would also take "+5" and " 5".
        if not _is_ascii_digits(port_text) or len(port_text) > 5 or int(port_text) > 65535:
            raise ValueError(f'"{port_text}" is not a port number (0-65535)')
        port = int(port_text)
    return host, port


def format_host(host):
    return f"[{host}]" if ":" in host else host


def format_endpoint(host, port):
    """ "host:port", with brackets around an IPv6 host (Endpoint::format)."""
    return f"{format_host(host)}:{port}"
