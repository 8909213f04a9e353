#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QtGlobal>

/**
 * A peer on a plain non-blocking POSIX socket, for tests that must control
 * exactly when bytes are read, written, or cut off: a client that never
 * reads, one that sends half a header, one that resets mid-frame.
 */
class RawPeer
{
public:
    /** How the other side ended the stream, as read() told. */
    enum class End {
        Open,  ///< not ended (yet)
        Fin,   ///< an orderly end: read() returned 0
        Reset, ///< read() failed (ECONNRESET, mostly)
    };

    RawPeer() = default;
    ~RawPeer();
    RawPeer(const RawPeer &) = delete;
    RawPeer &operator=(const RawPeer &) = delete;

    /** Connects to 127.0.0.1:@p port; @p receiveBuffer > 0 shrinks SO_RCVBUF first. */
    bool connectTo(quint16 port, int receiveBuffer = 0);
    bool isOpen() const { return m_fd >= 0; }

    /** Writes what the kernel takes now; returns how many bytes (0 when it would block, -1 on error). */
    qint64 sendSome(QByteArrayView bytes);
    /** Writes all of @p bytes, waiting up to @p msecs; false on error or timeout. */
    bool sendAll(QByteArrayView bytes, int msecs = 5000);
    /** Reads what is there now (empty when nothing); sets @p closed on end of stream or error. */
    QByteArray receiveSome(bool *closed = nullptr);
    /**
     * Reads until the other side ends the stream, or @p msecs pass, running
     * Qt's events meanwhile; returns what arrived, and how it ended in @p end.
     */
    QByteArray receiveUntilEnd(int msecs, End *end);
    /** Bytes written but not yet acknowledged by the other side's kernel (SIOCOUTQ). */
    qint64 unacknowledged() const;
    /** Waits up to @p msecs for the other side to close (dropping what arrives), running Qt's events meanwhile. */
    bool waitForClose(int msecs);

    void close();
    /** Closes with SO_LINGER 0: the other side sees a reset, not an orderly end. */
    void reset();

private:
    int m_fd = -1;
};
