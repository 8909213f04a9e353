#include "testhelpers.h"

#include <QtCore/QMutex>

using netcore::Client;
using netcore::DisconnectReason;
using netcore::Message;
using netcore::Server;

/**
 * What a server's handlers may do from its I/O threads: greet a connection
 * before anything it sent is answered, and end it (in order, or with a
 * reset) with the replies already given still delivered.
 */
class TestServerHandlers : public QObject
{
    Q_OBJECT

private slots:
    void greetingGoesFirst_data();
    void greetingGoesFirst();
    void resetClientResetsThePeer();
    void closeFromAHandlerSendsItsRepliesFirst();
    void resetFromAHandlerSendsItsRepliesThenRst();
    void handlersAreSetBeforeListening();
};

void TestServerHandlers::greetingGoesFirst_data()
{
    QTest::addColumn<int>("workers");
    QTest::newRow("main thread") << 0;
    QTest::newRow("I/O threads") << 2;
}

void TestServerHandlers::greetingGoesFirst()
{
    QFETCH(int, workers);
    Server server;
    server.setWorkers(workers);
    QList<quint64> greeted;
    QMutex greetedMutex;
    server.setConnectionHandler([&](const netcore::ConnectionInfo &info) {
        {
            QMutexLocker lock(&greetedMutex);
            greeted.append(info.id);
        }
        server.send(info.id, Message::text(QStringLiteral("hello ") + info.peerString()));
    });
    server.setMessageHandler([&](quint64 connection, const netcore::MessageView &message) {
        server.send(connection, message);
        return true;
    });
    QSignalSpy connected(&server, &Server::clientConnected);
    QVERIFY(server.listen());
    for (int round = 0; round < 20; ++round) { // the race it guards against is a matter of timing
        Client client;
        QList<Message> received;
        connect(&client, &Client::messageReceived, &client, [&](const Message &m) { received.append(m); });
        client.connectToHost(QStringLiteral("127.0.0.1"), server.serverPort());
        client.send(Message::text(QStringLiteral("first"))); // written the moment it connects
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, testing::scaled(5000));
        QCOMPARE(received.at(0).payload(), QStringLiteral("hello 127.0.0.1:%1").arg(client.localPort()).toUtf8());
        QCOMPARE(received.at(1).payload(), QByteArray("first"));
    }
    QTRY_COMPARE(connected.size(), 20);
    QMutexLocker lock(&greetedMutex);
    QCOMPARE(greeted.size(), 20);
    QCOMPARE(connected.first().at(0).value<netcore::ConnectionInfo>().id, greeted.first()); // the same info
}

void TestServerHandlers::resetClientResetsThePeer()
{
    Server server;
    server.setWorkers(1);
    QVERIFY(server.listen());
    QVERIFY(!server.resetClient(99));
    QCOMPARE(server.error(), netcore::ErrorCode::NotConnected);
    auto client = testing::connectedClient(server.serverPort());
    QVERIFY(client);
    QVERIFY(testing::waitForConnections(server, 1));
    QSignalSpy serverSide(&server, &Server::clientDisconnected);
    QSignalSpy clientSide(client.get(), &Client::disconnected);
    QVERIFY(server.resetClient(testing::connectionIds(server).first()));
    QVERIFY(clientSide.wait(testing::scaled(5000)));
    QCOMPARE(clientSide.first().at(0).value<DisconnectReason>(), DisconnectReason::PeerReset);
    QTRY_COMPARE(serverSide.size(), 1);
    QCOMPARE(serverSide.first().at(1).value<DisconnectReason>(), DisconnectReason::ClosedLocally);
    QCOMPARE(serverSide.first().at(2).toString(), QStringLiteral("reset by the server"));
}

void TestServerHandlers::closeFromAHandlerSendsItsRepliesFirst()
{
    Server server;
    server.setWorkers(1);
    server.setMessageHandler([&](quint64 connection, const netcore::MessageView &message) {
        server.send(connection, Message::text(QStringLiteral("bye")));
        if (message.payload() == "QUIT")
            server.disconnectClient(connection);
        return false; // and delivered: what was read before the end arrives before clientDisconnected
    });
    QStringList events;
    connect(&server, &Server::messageReceived, &server, [&](quint64, const Message &m) { events << QString::fromUtf8(m.payload()); });
    connect(&server, &Server::clientDisconnected, &server, [&] { events << QStringLiteral("disconnected"); });
    QVERIFY(server.listen());
    auto client = testing::connectedClient(server.serverPort());
    QVERIFY(client);
    QList<Message> received;
    connect(client.get(), &Client::messageReceived, client.get(), [&](const Message &m) { received.append(m); });
    QSignalSpy disconnected(client.get(), &Client::disconnected);
    client->send(Message::text(QStringLiteral("QUIT")));
    QVERIFY(disconnected.wait(testing::scaled(5000)));
    QCOMPARE(disconnected.first().at(0).value<DisconnectReason>(), DisconnectReason::PeerClosed);
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.first().payload(), QByteArray("bye"));
    QTRY_COMPARE(events, (QStringList{QStringLiteral("QUIT"), QStringLiteral("disconnected")}));
}

void TestServerHandlers::resetFromAHandlerSendsItsRepliesThenRst()
{
    Server server;
    server.setWorkers(1);
    server.setMessageHandler([&](quint64 connection, const netcore::MessageView &) {
        server.send(connection, Message::text(QStringLiteral("last words")));
        server.resetClient(connection);
        return true;
    });
    QVERIFY(server.listen());
    auto client = testing::connectedClient(server.serverPort());
    QVERIFY(client);
    QList<Message> received;
    connect(client.get(), &Client::messageReceived, client.get(), [&](const Message &m) { received.append(m); });
    QSignalSpy disconnected(client.get(), &Client::disconnected);
    client->send(Message::text(QStringLiteral("x")));
    QVERIFY(disconnected.wait(testing::scaled(5000)));
    QCOMPARE(disconnected.first().at(0).value<DisconnectReason>(), DisconnectReason::PeerReset);
    QCOMPARE(received.size(), 1);
    QCOMPARE(received.first().payload(), QByteArray("last words"));
}

void TestServerHandlers::handlersAreSetBeforeListening()
{
    Server server;
    QVERIFY(server.listen());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("setConnectionHandler")));
    QVERIFY(!server.setConnectionHandler([](const netcore::ConnectionInfo &) {}));
    QCOMPARE(server.error(), netcore::ErrorCode::InvalidConfiguration);
}

QTEST_GUILESS_MAIN(TestServerHandlers)
#include "tst_serverhandlers.moc"
