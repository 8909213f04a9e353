#pragma once

#include <netcore/netcore.h>

#include <QtNetwork/QTcpServer>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>
#include <vector>

namespace testing {

/** WIREBENCH_TEST_TIME_FACTOR, as CTest sets it (3 in sanitized builds), at least 1. */
inline double timeFactor()
{
    bool ok = false;
    const double factor = qEnvironmentVariable("WIREBENCH_TEST_TIME_FACTOR").toDouble(&ok);
    return ok && factor >= 1 ? factor : 1;
}

/** @p msecs times timeFactor(): for a deadline that bounds a wait for an event, never for a sleep. */
inline int scaled(int msecs) { return int(msecs * timeFactor()); }

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
