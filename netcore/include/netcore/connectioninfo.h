#pragma once

#include <netcore/netcore_export.h>

#include <QtCore/QDateTime>
#include <QtCore/QMetaType>
#include <QtNetwork/QHostAddress>

namespace netcore {

/** A snapshot of one server connection: who, since when, and its traffic. */
struct NETCORE_EXPORT ConnectionInfo
{
    /** The server's id of the connection (1, 2, ..., never reused by one Server); 0: none. */
    quint64 id = 0;
    /** The peer's address, as the socket reports it (peerString() shows a mapped IPv4 as IPv4). */
    QHostAddress peerAddress;
    /** The peer's TCP port. */
    quint16 peerPort = 0;
    /** When the server accepted it (local time). */
    QDateTime connectedSince;
    /** Messages decoded from the peer, bad frames excluded. */
    quint64 messagesIn = 0;
    /** Messages written to the peer. */
    quint64 messagesOut = 0;
    /** Bytes read from the peer (after TLS decryption). */
    quint64 bytesIn = 0;
    /** Bytes written to the socket, bytesPending included. */
    quint64 bytesOut = 0;
    /** Output not yet handed to the kernel: grows while the peer does not read. */
    quint64 bytesPending = 0;

    /** "127.0.0.1:5000", "[::1]:5000". */
    QString peerString() const;
};

} // namespace netcore

Q_DECLARE_METATYPE(netcore::ConnectionInfo)
