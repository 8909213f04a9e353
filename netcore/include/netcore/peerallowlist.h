#pragma once

#include <netcore/netcore_export.h>

#include <QtCore/QList>
#include <QtCore/QPair>
#include <QtNetwork/QHostAddress>

namespace netcore {

/**
 * The peers a server accepts, as CIDR ranges ("127.0.0.0/8", "::1/128",
 * "10.1.2.3" for one host). Empty = everyone. An IPv4 peer that reaches an
 * IPv6 socket as \::ffff:a.b.c.d is matched as a.b.c.d.
 */
class NETCORE_EXPORT PeerAllowList
{
public:
    PeerAllowList() = default;

    /**
     * Parses comma-separated ranges. Returns false, with @p error saying
     * which part is wrong, and leaves @p list untouched if one does not parse.
     */
    static bool parse(const QString &ranges, PeerAllowList *list, QString *error);

    /** Allows the network of @p network's first @p prefixLength bits (32 or 128: one host); not checked. */
    void add(const QHostAddress &network, int prefixLength);
    /** No ranges: every peer is allowed. */
    bool isEmpty() const { return m_ranges.isEmpty(); }
    /** True if @p peer is in one of the ranges, or the list is empty. */
    bool allows(const QHostAddress &peer) const;
    /** "127.0.0.0/8,::1/128": what parse() reads back. */
    QString toString() const;

private:
    QList<QPair<QHostAddress, int>> m_ranges;
};

} // namespace netcore
