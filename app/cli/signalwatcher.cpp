#include "signalwatcher.h"

#include <QtCore/QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace wirebench::cli {

namespace {
// The write end is read by the signal handler, hence a plain int.
int g_sockets[2] = {-1, -1};
} // namespace

SignalWatcher::SignalWatcher(std::initializer_list<int> signalNumbers, QObject *parent)
    : QObject(parent)
{
    if (g_sockets[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_sockets) != 0) {
        qWarning("SignalWatcher: cannot create the signal socketpair; signals keep their default action");
        return;
    }
    m_notifier = new QSocketNotifier(g_sockets[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalWatcher::onReadable);

    for (const int number : signalNumbers) {
        struct sigaction action = {};
        action.sa_handler = &SignalWatcher::handleSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        if (::sigaction(number, &action, nullptr) == 0)
            m_signals.append(number);
    }
}

SignalWatcher::~SignalWatcher()
{
    for (const int number : std::as_const(m_signals)) {
        struct sigaction action = {};
        action.sa_handler = SIG_DFL;
        sigemptyset(&action.sa_mask);
        ::sigaction(number, &action, nullptr);
    }
    if (m_notifier) {
        delete m_notifier;
        ::close(g_sockets[0]);
        ::close(g_sockets[1]);
        g_sockets[0] = g_sockets[1] = -1;
    }
}

void SignalWatcher::handleSignal(int signalNumber)
{
    const int savedErrno = errno;
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    [[maybe_unused]] const ssize_t written = ::write(g_sockets[0], &byte, 1);
    errno = savedErrno;
}

void SignalWatcher::onReadable()
{
    unsigned char byte = 0;
    if (::read(g_sockets[1], &byte, 1) == 1)
        Q_EMIT signalReceived(int(byte));
}

} // namespace wirebench::cli
