#pragma once

#include <QtCore/QObject>
#include <QtNetwork/QHostAddress>

#include <functional>

class QSocketNotifier;

namespace wirebench {

/**
 * One end of a proxied connection: a non-blocking TCP descriptor with its
 * read and write notifiers. Raw, not a QTcpSocket: a proxy must half-close
 * (shutdown(SHUT_WR), which QTcpSocket cannot), reset on purpose (SO_LINGER
 * 0), and move bytes from one descriptor to the other without buffering
 * them twice. Lives in one I/O thread.
 */
class ProxySocket : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ProxySocket)

public:
    /** What read() and write() return besides a count. */
    enum : qint64 {
        WouldBlock = -1, ///< nothing now: wait for the notifier
        Failed = -2,     ///< the connection failed (lastError() says how); for read(), a reset
    };

    /** Takes @p descriptor (connected or connecting); the handlers run on its notifiers. */
    ProxySocket(int descriptor, std::function<void()> onReadable, std::function<void()> onWritable,
                QObject *parent = nullptr);
    ~ProxySocket() override;

    /**
     * A non-blocking connect() to @p address:@p port: the descriptor, up when it turns writable
     * (see connectResult()); or -1, with the errno in @p error, if it failed at once.
     */
    static int startConnect(const QHostAddress &address, quint16 port, int *error);
    /** After a connecting descriptor turned writable: 0 if it connected, else the errno. */
    int connectResult() const;

    int descriptor() const { return m_fd; }
    bool isOpen() const { return m_fd >= 0; }
    /** "HOST:PORT" of the far end, or of this end (@p local). */
    QString address(bool local) const;

    /** A count, 0 at the peer's end (FIN), WouldBlock, or Failed. */
    qint64 read(char *data, qint64 size);
    /** A count (maybe short), WouldBlock, or Failed. */
    qint64 write(const char *data, qint64 size);
    int lastError() const { return m_error; }

    void setReadEnabled(bool enabled);
    void setWriteEnabled(bool enabled);
    bool isReadEnabled() const;

    /** Sends FIN: the peer reads its end; this side can still read. */
    void shutdownWrite();
    bool isWriteShut() const { return m_writeShut; }
    /** Closes with RST (SO_LINGER 0): the peer sees ECONNRESET. */
    void reset();
    /** Closes the descriptor (FIN if not shut already; RST if unread bytes remain, as the kernel does). */
    void close();

private:
    /** Runs a read or write call, again after EINTR; its count, WouldBlock or Failed. */
    template<typename Call>
    qint64 transfer(Call call);

    int m_fd = -1;
    int m_error = 0;
    bool m_writeShut = false;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
};

} // namespace wirebench
