#pragma once

#include <netcore/server.h>

#include <QtCore/QHash>
#include <QtCore/QList>

namespace benchtest {

/** A server that keeps what each connection sent, in order: what the bench's clients put on the wire. */
struct ServerRecorder
{
    ServerRecorder()
    {
        QObject::connect(&server, &netcore::Server::messageReceived,
                         [this](quint64 connection, const netcore::Message &message) {
                             if (!received.contains(connection))
                                 order.append(connection);
                             received[connection].append(message);
                         });
    }
    /** What the n-th connection (from 0) sent so far. */
    QList<netcore::Message> of(int n) const { return received.value(order.value(n)); }
    /** Messages received from every connection. */
    int total() const
    {
        int count = 0;
        for (const QList<netcore::Message> &messages : received)
            count += int(messages.size());
        return count;
    }

    netcore::Server server;
    QHash<quint64, QList<netcore::Message>> received;
    QList<quint64> order; ///< connections in the order they first sent something
};

} // namespace benchtest
