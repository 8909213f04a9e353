#include "orderlyclose.h"

#include <QtCore/QSocketNotifier>
#include <QtCore/QTimer>

#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

namespace netcore {

namespace {
constexpr int drainChunksPerWakeUp = 16;
} // namespace

OrderlyClose::OrderlyClose(int duplicate, int timeout, QObject *parent)
    : QObject(parent), m_descriptor(duplicate), m_timeout(timeout),
      m_readable(new QSocketNotifier(duplicate, QSocketNotifier::Read, this))
{
    connect(m_readable, &QSocketNotifier::activated, this, &OrderlyClose::drain);
}

OrderlyClose::~OrderlyClose()
{
    if (m_descriptor >= 0) {
        m_readable->setEnabled(false);
        ::close(m_descriptor);
    }
}

void OrderlyClose::drain()
{
    char chunk[16384];
    // Bounded per wake-up, so that a peer that talks without a pause does not hold the I/O
    // thread: the notifier is level-triggered and comes back for the rest.
    for (int chunks = 0; chunks < drainChunksPerWakeUp; ++chunks) {
        const ssize_t got = ::recv(m_descriptor, chunk, sizeof chunk, MSG_DONTWAIT);
        if (got > 0 || (got < 0 && errno == EINTR))
            continue; // the server stopped listening: the peer's bytes go nowhere
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        // 0: the peer's FIN; or an error (a reset): either way, the peer is done.
        m_peerEnded = true;
        m_readable->setEnabled(false); // an ended stream stays readable: no more wake-ups for it
        if (m_writeShut)
            finish(false);
        return;
    }
}

void OrderlyClose::finishWriting()
{
    if (m_descriptor < 0 || m_writeShut)
        return;
    m_writeShut = true;
    // The FIN goes after every byte the kernel still holds for the peer.
    if (::shutdown(m_descriptor, SHUT_WR) != 0 || m_peerEnded) {
        finish(false); // the connection failed already, or the peer ended first: nothing to wait for
        return;
    }
    m_deadline = new QTimer(this);
    m_deadline->setSingleShot(true);
    connect(m_deadline, &QTimer::timeout, this, [this] { finish(true); });
    m_deadline->start(m_timeout);
}

void OrderlyClose::abort()
{
    finish(true);
}

void OrderlyClose::finish(bool reset)
{
    if (m_descriptor < 0)
        return;
    m_readable->setEnabled(false); // before the descriptor goes: its number may be reused at once
    if (reset) {
        const linger abortive{1, 0}; // shared with the socket's own descriptor, if that is still open
        ::setsockopt(m_descriptor, SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    }
    ::close(m_descriptor);
    m_descriptor = -1;
    if (m_deadline)
        m_deadline->stop();
    deleteLater();
}

} // namespace netcore
