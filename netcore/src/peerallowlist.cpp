#include <netcore/peerallowlist.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QStringList>

namespace netcore {

namespace {
struct Strings
{
    Q_DECLARE_TR_FUNCTIONS(netcore::PeerAllowList)
};
} // namespace

bool PeerAllowList::parse(const QString &ranges, PeerAllowList *list, QString *error)
{
    PeerAllowList parsed;
    for (const QString &part : ranges.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString range = part.trimmed();
        QPair<QHostAddress, int> subnet;
        if (range.contains(QLatin1Char('/'))) {
            subnet = QHostAddress::parseSubnet(range);
        } else {
            const QHostAddress host(range); // one address: the whole prefix
            subnet = {host, host.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32};
        }
        if (subnet.first.isNull()) {
            if (error)
                *error = Strings::tr("\"%1\" is not an address range such as 127.0.0.0/8 or ::1/128").arg(range);
            return false;
        }
        parsed.add(subnet.first, subnet.second);
    }
    *list = parsed;
    return true;
}

void PeerAllowList::add(const QHostAddress &network, int prefixLength)
{
    m_ranges.append({network, prefixLength});
}

bool PeerAllowList::allows(const QHostAddress &peer) const
{
    if (m_ranges.isEmpty())
        return true;
    bool isMappedV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isMappedV4);
    const QHostAddress plain = isMappedV4 ? QHostAddress(v4) : peer;
    for (const auto &range : m_ranges) {
        if (plain.isInSubnet(range.first, range.second) || peer.isInSubnet(range.first, range.second))
            return true;
    }
    return false;
}

QString PeerAllowList::toString() const
{
    QStringList parts;
    for (const auto &range : m_ranges)
        parts.append(QStringLiteral("%1/%2").arg(range.first.toString()).arg(range.second));
    return parts.join(QLatin1Char(','));
}

} // namespace netcore
