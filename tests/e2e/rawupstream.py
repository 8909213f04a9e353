"""A raw TCP server for the tests: it accepts, and hands each accepted socket to
the test, which then reads, writes and ends it by hand; or it greets each with
fixed bytes, a peer that sends what no netcore server would (stdlib only)."""

import queue
import socket
import struct
import threading

import wbcli


class RawUpstream:
    """Listens on 127.0.0.1, any port; accepted() returns the next accepted socket.

    `greeting`: bytes sent to each connection as it is accepted (a bad frame, a broken stream).
    """

    def __init__(self, greeting=b""):
        self.greeting = greeting
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.connections = queue.Queue()
        self.accepted_sockets = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:  # the listener closed
                return
            connection.settimeout(wbcli.WAIT)
            connection.sendall(self.greeting)
            self.accepted_sockets.append(connection)
            self.connections.put(connection)

    def accepted(self, timeout=wbcli.WAIT):
        try:
            return self.connections.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"the upstream accepted no connection within {timeout} s") from None

    def close(self):
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() under way: close() alone would not
        self.listener.close()
        self.thread.join(wbcli.WAIT)
        for connection in self.accepted_sockets:
            connection.close()


def reset(sock):
    """Closes @sock with RST (SO_LINGER 0)."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def read_until_end(sock):
    """Everything @sock receives until the far end closes; ('fin' | 'reset', bytes)."""
    data = bytearray()
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return "fin", bytes(data)
            data += chunk
    except ConnectionResetError:
        return "reset", bytes(data)
