#pragma once

#include <netcore/netcore.h>

#include <tests/timefactor.h>

#include <QtNetwork/QTcpServer>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>
#include <vector>

namespace testing {

/** A client connected to 127.0.0.1:@p port, or a failed QVERIFY in the caller. */
inline std::unique_ptr<netcore::Client> connectedClient(quint16 port,
                                                        const netcore::CodecConfig &codec = {})
{
    auto client = std::make_unique<netcore::Client>(codec);
    client->connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!client->waitForConnected(5000))
        return nullptr;
    return client;
}

/** A loopback port that was free a moment ago: nobody listens there, or a server may come back on it. */
inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

/** Waits until @p server has @p count open connections. */
inline bool waitForConnections(const netcore::Server &server, int count)
{
    return QTest::qWaitFor([&] { return server.connectionCount() == count; }, 5000);
}

/** The ids of the server's connections, in accept order. */
inline QList<quint64> connectionIds(const netcore::Server &server)
{
    QList<quint64> ids;
    for (const netcore::ConnectionInfo &info : server.connections())
        ids.append(info.id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

} // namespace testing
