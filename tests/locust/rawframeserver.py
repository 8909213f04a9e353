"""A loopback server that sends each client fixed bytes, for the tests' bad frames and stream errors."""

import socket
import threading

import wbcli


class RawFrameServer:
    """Sends each client the bytes it was given, then reads until the client is done."""

    def __init__(self, frames):
        self.frames = frames
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return  # closed
            with connection:
                connection.settimeout(wbcli.WAIT)
                connection.sendall(self.frames)
                try:
                    while connection.recv(4096):  # until the client is done
                        pass
                except OSError:
                    pass

    def close(self):
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() that close() alone would not
        except OSError:
            pass
        self.listener.close()
        self.thread.join(timeout=wbcli.WAIT)
