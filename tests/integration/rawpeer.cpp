#include "rawpeer.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDeadlineTimer>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <linux/sockios.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

RawPeer::~RawPeer() { close(); }

bool RawPeer::connectTo(quint16 port, int receiveBuffer)
{
    close();
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_fd < 0)
        return false;
    if (receiveBuffer > 0) // before connect(), so the advertised window is small from the start
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        close();
        return false;
    }
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    return true;
}

qint64 RawPeer::sendSome(QByteArrayView bytes)
{
    const ssize_t sent = ::send(m_fd, bytes.data(), size_t(bytes.size()), MSG_NOSIGNAL);
    if (sent >= 0)
        return sent;
    return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
}

bool RawPeer::sendAll(QByteArrayView bytes, int msecs)
{
    const QDeadlineTimer deadline(msecs);
    while (!bytes.isEmpty()) {
        const qint64 sent = sendSome(bytes);
        if (sent < 0 || deadline.hasExpired())
            return false;
        if (sent == 0) {
            pollfd writable{m_fd, POLLOUT, 0};
            ::poll(&writable, 1, 10);
        }
        bytes = bytes.sliced(sent);
    }
    return true;
}

QByteArray RawPeer::receiveSome(bool *closed)
{
    QByteArray bytes;
    char chunk[64 * 1024];
    for (;;) {
        const ssize_t got = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (got > 0) {
            bytes.append(chunk, got);
            continue;
        }
        if (closed)
            *closed = got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
        return bytes;
    }
}

bool RawPeer::waitForClose(int msecs)
{
    const QDeadlineTimer deadline(msecs);
    while (!deadline.hasExpired()) {
        bool closed = false;
        receiveSome(&closed);
        if (closed)
            return true;
        // The server under test may live in this thread: let it run while we wait.
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        pollfd readable{m_fd, POLLIN, 0};
        ::poll(&readable, 1, 5);
    }
    return false;
}

QByteArray RawPeer::receiveUntilEnd(int msecs, End *end)
{
    *end = End::Open;
    QByteArray bytes;
    char chunk[64 * 1024];
    const QDeadlineTimer deadline(msecs);
    while (!deadline.hasExpired()) {
        const ssize_t got = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (got > 0) {
            bytes.append(chunk, got);
            continue;
        }
        if (got == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) {
            *end = got == 0 ? End::Fin : End::Reset;
            return bytes;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        pollfd readable{m_fd, POLLIN, 0};
        ::poll(&readable, 1, 5);
    }
    return bytes;
}

qint64 RawPeer::unacknowledged() const
{
    int queued = 0;
    return ::ioctl(m_fd, SIOCOUTQ, &queued) == 0 ? queued : -1;
}

void RawPeer::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
}

void RawPeer::reset()
{
    if (m_fd < 0)
        return;
    const linger abortive{1, 0};
    ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    close();
}
