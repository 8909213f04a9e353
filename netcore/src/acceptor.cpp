#include "acceptor.h"

#include <QtNetwork/QHostAddress>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace netcore {

Acceptor::Acceptor(DescriptorHandler handler, QObject *parent)
    : QTcpServer(parent), m_handler(std::move(handler))
{
}

void Acceptor::incomingConnection(qintptr descriptor)
{
    m_handler(descriptor);
}

bool peerOfDescriptor(qintptr descriptor, QHostAddress *address, quint16 *port)
{
    sockaddr_storage storage {};
    socklen_t length = sizeof(storage);
    if (::getpeername(int(descriptor), reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return false;
    address->setAddress(reinterpret_cast<const sockaddr *>(&storage));
    *port = 0;
    if (storage.ss_family == AF_INET)
        *port = ntohs(reinterpret_cast<const sockaddr_in *>(&storage)->sin_port);
    else if (storage.ss_family == AF_INET6)
        *port = ntohs(reinterpret_cast<const sockaddr_in6 *>(&storage)->sin6_port);
    return true;
}

void closeDescriptor(qintptr descriptor)
{
    ::close(int(descriptor));
}

} // namespace netcore
