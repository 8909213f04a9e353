#include "peerend.h"

#include "epolleventdispatcher.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace netcore {

PeerEnd peerEndOf(qintptr descriptor, bool ownDuplicate)
{
    if (descriptor < 0)
        return PeerEnd::Unknown;
    if (!ownDuplicate) // closed already, and perhaps reused: never ask the kernel about it
        return EpollEventDispatcher::isReportingErrorOn(descriptor) ? PeerEnd::Reset : PeerEnd::Unknown;
    tcp_info info{};
    socklen_t size = sizeof info;
    if (::getsockopt(int(descriptor), IPPROTO_TCP, TCP_INFO, &info, &size) != 0)
        return PeerEnd::Unknown;
    switch (info.tcpi_state) {
    case TCP_CLOSE_WAIT:
    case TCP_LAST_ACK:
        return PeerEnd::Closed;
    case TCP_CLOSE:
        return PeerEnd::Reset;
    default:
        return PeerEnd::Unknown;
    }
}

QByteArray readWhatTheKernelKept(int descriptor)
{
    QByteArray kept;
    char chunk[16384];
    ssize_t got = 0;
    while ((got = ::recv(descriptor, chunk, sizeof chunk, MSG_DONTWAIT)) > 0)
        kept.append(chunk, qsizetype(got));
    return kept;
}

} // namespace netcore
