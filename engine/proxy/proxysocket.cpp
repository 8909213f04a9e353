#include "proxysocket.h"

#include <netcore/endpoint.h>

#include <QtCore/QSocketNotifier>

#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace wirebench {

namespace {

bool isTransient(int error)
{
    return error == EAGAIN || error == EWOULDBLOCK;
}

QString addressOf(const sockaddr_storage &storage)
{
    const quint16 port = storage.ss_family == AF_INET6 ? ntohs(reinterpret_cast<const sockaddr_in6 &>(storage).sin6_port)
                                                       : ntohs(reinterpret_cast<const sockaddr_in &>(storage).sin_port);
    return netcore::Endpoint::format(QHostAddress(reinterpret_cast<const sockaddr *>(&storage)), port);
}

} // namespace

ProxySocket::ProxySocket(int descriptor, std::function<void()> onReadable, std::function<void()> onWritable,
                         QObject *parent)
    : QObject(parent), m_fd(descriptor)
{
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    // Forwarded bytes go out as they came: Nagle would hold a small write back for the peer's ACK.
    const int on = 1;
    ::setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    m_readNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    m_writeNotifier = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
    m_readNotifier->setEnabled(false);
    m_writeNotifier->setEnabled(false);
    connect(m_readNotifier, &QSocketNotifier::activated, this, [handler = std::move(onReadable)] { handler(); });
    connect(m_writeNotifier, &QSocketNotifier::activated, this, [handler = std::move(onWritable)] { handler(); });
}

ProxySocket::~ProxySocket()
{
    close();
}

int ProxySocket::startConnect(const QHostAddress &address, quint16 port, int *error)
{
    *error = 0;
    sockaddr_storage storage{};
    socklen_t length = 0;
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto &in6 = reinterpret_cast<sockaddr_in6 &>(storage);
        in6.sin6_family = AF_INET6;
        in6.sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        memcpy(&in6.sin6_addr, &bytes, sizeof bytes);
        length = sizeof in6;
    } else {
        auto &in4 = reinterpret_cast<sockaddr_in &>(storage);
        in4.sin_family = AF_INET;
        in4.sin_port = htons(port);
        in4.sin_addr.s_addr = htonl(address.toIPv4Address());
        length = sizeof in4;
    }
    const int fd = ::socket(storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *error = errno;
        return -1;
    }
    if (::connect(fd, reinterpret_cast<sockaddr *>(&storage), length) < 0 && errno != EINPROGRESS) {
        *error = errno; // refused at once, as loopback can
        ::close(fd);
        return -1;
    }
    return fd;
}

int ProxySocket::connectResult() const
{
    int error = 0;
    socklen_t length = sizeof error;
    if (::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &error, &length) < 0)
        return errno;
    return error;
}

QString ProxySocket::address(bool local) const
{
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    const int result = local ? ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&storage), &length)
                             : ::getpeername(m_fd, reinterpret_cast<sockaddr *>(&storage), &length);
    return result == 0 ? addressOf(storage) : QString();
}

qint64 ProxySocket::read(char *data, qint64 size)
{
    return transfer([&] { return ::read(m_fd, data, size_t(size)); });
}

qint64 ProxySocket::write(const char *data, qint64 size)
{
    // MSG_NOSIGNAL: a peer gone while bytes were on their way is EPIPE here, not SIGPIPE.
    return transfer([&] { return ::send(m_fd, data, size_t(size), MSG_NOSIGNAL); });
}

template<typename Call>
qint64 ProxySocket::transfer(Call call)
{
    for (;;) {
        const ssize_t count = call();
        if (count >= 0)
            return count;
        if (errno == EINTR)
            continue;
        if (isTransient(errno))
            return WouldBlock;
        m_error = errno;
        return Failed;
    }
}

void ProxySocket::setReadEnabled(bool enabled)
{
    if (m_fd >= 0 && m_readNotifier->isEnabled() != enabled)
        m_readNotifier->setEnabled(enabled);
}

void ProxySocket::setWriteEnabled(bool enabled)
{
    if (m_fd >= 0 && m_writeNotifier->isEnabled() != enabled)
        m_writeNotifier->setEnabled(enabled);
}

bool ProxySocket::isReadEnabled() const
{
    return m_fd >= 0 && m_readNotifier->isEnabled();
}

void ProxySocket::shutdownWrite()
{
    if (m_fd >= 0 && !m_writeShut) {
        ::shutdown(m_fd, SHUT_WR);
        m_writeShut = true;
    }
}

void ProxySocket::reset()
{
    if (m_fd < 0)
        return;
    const linger abort{1, 0};
    ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
    close();
}

void ProxySocket::close()
{
    if (m_fd < 0)
        return;
    // The notifiers go before the descriptor: a notifier on a closed (and reused) number would watch another socket.
    m_readNotifier->setEnabled(false);
    m_writeNotifier->setEnabled(false);
    delete m_readNotifier;
    delete m_writeNotifier;
    m_readNotifier = m_writeNotifier = nullptr;
    ::close(m_fd);
    m_fd = -1;
}

} // namespace wirebench
