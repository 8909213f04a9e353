#pragma once

#include <QtCore/QObject>

class QSocketNotifier;
class QTimer;

namespace netcore {

/**
 * The end of a connection the server closes, kept on a duplicate of its
 * descriptor. QTcpSocket closes its descriptor as soon as its output is
 * written, and a close() while the peer's bytes wait unread makes the kernel
 * reset the connection, throwing away what it had not sent yet: the peer
 * would see a reset, and lose the server's last bytes.
 *
 * Here the duplicate keeps the connection open after QTcpSocket is done with
 * it. What the peer sends is read and dropped from the start; once the
 * socket has written its last byte (finishWriting()), the write side is shut
 * down, so the peer gets a FIN after everything; when its FIN comes back, the
 * descriptor is closed in order. A peer that does not end its side within
 * the timeout is reset.
 *
 *     close()         finishWriting()             peer's FIN
 *        |-- drain ------|-- shutdown(SHUT_WR) -------|-- close()
 *                        |-- timeout ----------------------------> reset
 *
 * Lives in the connection's I/O thread, owned by its IoWorker (it outlives
 * the ServerConnection), and deletes itself when done.
 */
class OrderlyClose : public QObject
{
    Q_OBJECT

public:
    /** Takes @p duplicate and reads and drops what arrives on it; @p timeout counts from finishWriting(). */
    OrderlyClose(int duplicate, int timeout, QObject *parent);
    /** Closes the descriptor if it is still open (the server is going away: no more waiting). */
    ~OrderlyClose() override;

    /** The socket wrote its last byte and closed its descriptor: send the FIN, and wait for the peer's. */
    void finishWriting();
    /** The close became an abort (the peer never read its output): reset now. */
    void abort();

private:
    void drain();
    void finish(bool reset);

    int m_descriptor;
    int m_timeout;
    QSocketNotifier *m_readable;
    QTimer *m_deadline = nullptr;
    bool m_writeShut = false; ///< our FIN is queued
    bool m_peerEnded = false; ///< the peer's FIN (or an error) was read
};

} // namespace netcore
