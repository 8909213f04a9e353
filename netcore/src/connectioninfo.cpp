#include <netcore/connectioninfo.h>

namespace netcore {

QString ConnectionInfo::peerString() const
{
    const QString port = QString::number(peerPort);
    // A dual-stack listener sees IPv4 peers as ::ffff:a.b.c.d; show them as IPv4.
    bool isIpv4 = false;
    const quint32 ipv4 = peerAddress.toIPv4Address(&isIpv4);
    if (isIpv4)
        return QHostAddress(ipv4).toString() + QLatin1Char(':') + port;
    if (peerAddress.protocol() == QAbstractSocket::IPv6Protocol)
        return QLatin1Char('[') + peerAddress.toString() + QLatin1String("]:") + port;
    return peerAddress.toString() + QLatin1Char(':') + port;
}

} // namespace netcore
