#pragma once

#include <netcore/netcore_export.h>

#include <QtCore/QDateTime>
#include <QtCore/QMetaType>
#include <QtNetwork/QHostAddress>

namespace netcore {

/** A snapshot of one server connection: who, since when, and its traffic. */
struct NETCORE_EXPORT ConnectionInfo
{
    quint64 id = 0;
    QHostAddress peerAddress;
    quint16 peerPort = 0;
    QDateTime connectedSince;
    quint64 messagesIn = 0;
    quint64 messagesOut = 0;
    quint64 bytesIn = 0;
    quint64 bytesOut = 0;
    /** Output not yet handed to the kernel: grows while the peer does not read. */
    quint64 bytesPending = 0;

    /** "127.0.0.1:5000", "[::1]:5000". */
    QString peerString() const;
};

} // namespace netcore

Q_DECLARE_METATYPE(netcore::ConnectionInfo)
