#include <tests/integration/testhelpers.h>

#include <QtCore/QCborMap>
#include <QtCore/QJsonObject>
#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtNetwork/QTcpSocket>

using namespace netcore;


class tst_Server : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void allowListRefusesPeersOutsideIt();
    void echoesEveryType_data();
    void echoesEveryType();
    void broadcastReachesEveryClient();
    void relayExcludesTheSender();
    void maxConnectionsRefusesTheExtraPeer();
    void acceptFilterRejectsByAddress();
    void disconnectsOneClientOnly();
    void idleTimeoutClosesOnlySilentPeers();
    void workersServeTwentyClients();
    void badFrameIsDroppedAndConnectionSurvives();
    void streamErrorClosesTheConnection();
    void pausedServerAcceptsAfterResume();
    void countsTrafficPerConnection();
    void inboxKeepsMessagesForPolling();
    void listenOnAPortInUseFails();
    void handlerAnswersInTheIoThread_data();
    void handlerAnswersInTheIoThread();
};

static void echoAll(Server &server)
{
    QObject::connect(&server, &Server::messageReceived, &server,
                     [&server](quint64 id, const Message &message) { server.send(id, message); });
}

void tst_Server::echoesEveryType_data()
{
    QTest::addColumn<int>("workers");
    QTest::addColumn<Message>("message");
    const QList<Message> messages = {
        Message::text(QStringLiteral("héllo"), QStringLiteral("ünï"), 65535),
        Message::json(QJsonDocument(QJsonObject{{QStringLiteral("a"), 1}}), QStringLiteral("chat"), 7),
        Message::binary(QByteArray::fromHex("00ff"), QStringLiteral("image"), 0x01020304),
        Message::cbor(QCborMap{{QStringLiteral("k"), 1}}, QStringLiteral("state"), 1),
    };
    for (int workers : {0, 2}) {
        for (const Message &message : messages) {
            const QByteArray name = messageTypeName(message.type()).toUtf8() + " workers=" + QByteArray::number(workers);
            QTest::newRow(name.constData()) << workers << message;
        }
    }
}

void tst_Server::echoesEveryType()
{
    QFETCH(int, workers);
    QFETCH(Message, message);
    Server server;
    server.setWorkers(workers);
    echoAll(server);
    QVERIFY(server.listen());
    auto client = testing::connectedClient(server.serverPort());
    QVERIFY(client);
    QVERIFY(client->send(message));
    const std::optional<Message> echoed = client->receive(5000);
    QVERIFY(echoed);
    QCOMPARE(*echoed, message);
}

void tst_Server::broadcastReachesEveryClient()
{
    Server server;
    QVERIFY(server.listen());
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < 5; ++i) {
        clients.push_back(testing::connectedClient(server.serverPort()));
        QVERIFY(clients.back());
    }
    QVERIFY(testing::waitForConnections(server, 5));
    const Message news = Message::text(QStringLiteral("to all"), QStringLiteral("news"));
    QCOMPARE(server.broadcast(news), 5);
    for (auto &client : clients) {
        const auto received = client->receive(5000);
        QVERIFY(received);
        QCOMPARE(*received, news);
    }
}

void tst_Server::relayExcludesTheSender()
{
    Server server;
    QObject::connect(&server, &Server::messageReceived, &server,
                     [&server](quint64 id, const Message &message) { server.broadcast(message, id); });
    QVERIFY(server.listen());
    auto sender = testing::connectedClient(server.serverPort());
    auto first = testing::connectedClient(server.serverPort());
    auto second = testing::connectedClient(server.serverPort());
    QVERIFY(sender && first && second);
    QVERIFY(testing::waitForConnections(server, 3));
    const Message hello = Message::text(QStringLiteral("hello"), QStringLiteral("chat"));
    sender->send(hello);
    QCOMPARE(first->receive(5000).value_or(Message()), hello);
    QCOMPARE(second->receive(5000).value_or(Message()), hello);
    QVERIFY(!sender->receive(200));
}

void tst_Server::maxConnectionsRefusesTheExtraPeer()
{
    Server server;
    server.setMaxConnections(2);
    QSignalSpy refused(&server, &Server::connectionRefused);
    QVERIFY(server.listen());
    auto a = testing::connectedClient(server.serverPort());
    auto b = testing::connectedClient(server.serverPort());
    QVERIFY(a && b);
    QVERIFY(testing::waitForConnections(server, 2));

    Client extra;
    QSignalSpy extraLost(&extra, &Client::disconnected);
    extra.connectToHost(QStringLiteral("127.0.0.1"), server.serverPort());
    QTRY_COMPARE(refused.count(), 1);
    QCOMPARE(refused.at(0).at(0).value<QHostAddress>().toIPv4Address(), QHostAddress(QHostAddress::LocalHost).toIPv4Address());
    QVERIFY(refused.at(0).at(2).toString().contains(QStringLiteral("full")));
    QTRY_VERIFY(extraLost.count() == 1 || extra.state() == Client::State::Disconnected);
    QCOMPARE(server.connectionCount(), 2);

    // A freed slot is usable again.
    a->disconnectFromHost();
    QVERIFY(testing::waitForConnections(server, 1));
    QVERIFY(testing::connectedClient(server.serverPort()));
}

void tst_Server::acceptFilterRejectsByAddress()
{
    Server server;
    QList<QHostAddress> asked;
    server.setAcceptFilter([&asked](const QHostAddress &address, quint16) {
        asked.append(address);
        return false;
    });
    QSignalSpy refused(&server, &Server::connectionRefused);
    QSignalSpy connected(&server, &Server::clientConnected);
    QVERIFY(server.listen());
    Client client;
    client.connectToHost(QStringLiteral("127.0.0.1"), server.serverPort());
    QTRY_COMPARE(refused.count(), 1);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().toIPv4Address(), QHostAddress(QHostAddress::LocalHost).toIPv4Address());
    QVERIFY(refused.at(0).at(2).toString().contains(QStringLiteral("filter")));
    QTest::qWait(50);
    QCOMPARE(connected.count(), 0);
    QCOMPARE(server.connectionCount(), 0);
}

void tst_Server::allowListRefusesPeersOutsideIt()
{
    Server server;
    PeerAllowList elsewhere;
    QString error;
    QVERIFY(PeerAllowList::parse(QStringLiteral("10.0.0.0/8,::1/128"), &elsewhere, &error));
    server.setAllowList(elsewhere);
    bool filterAsked = false;
    server.setAcceptFilter([&filterAsked](const QHostAddress &, quint16) { return filterAsked = true; });
    QSignalSpy refused(&server, &Server::connectionRefused);
    QVERIFY(server.listen());
    Client client;
    client.connectToHost(QStringLiteral("127.0.0.1"), server.serverPort());
    QTRY_COMPARE(refused.count(), 1);
    QVERIFY(refused.at(0).at(2).toString().contains(QLatin1String("10.0.0.0/8")));
    QVERIFY(!filterAsked); // the allow-list comes first

    PeerAllowList loopback;
    QVERIFY(PeerAllowList::parse(QStringLiteral("127.0.0.0/8"), &loopback, &error));
    server.setAllowList(loopback);
    auto allowed = testing::connectedClient(server.serverPort());
    QVERIFY(allowed);
    QVERIFY(testing::waitForConnections(server, 1));
    QVERIFY(filterAsked);
}

void tst_Server::disconnectsOneClientOnly()
{
    Server server;
    echoAll(server);
    QSignalSpy gone(&server, &Server::clientDisconnected);
    QVERIFY(server.listen());
    auto kicked = testing::connectedClient(server.serverPort());
    auto kept = testing::connectedClient(server.serverPort());
    QVERIFY(kicked && kept);
    QVERIFY(testing::waitForConnections(server, 2));
    const quint64 kickedId = testing::connectionIds(server).first();

    QVERIFY(server.disconnectClient(kickedId));
    QVERIFY(kicked->waitForDisconnected(5000));
    QTRY_COMPARE(gone.count(), 1);
    QCOMPARE(gone.at(0).at(0).value<ConnectionInfo>().id, kickedId);
    QCOMPARE(gone.at(0).at(1).value<DisconnectReason>(), DisconnectReason::ClosedLocally);
    QVERIFY(!server.disconnectClient(kickedId));

    kept->send(Message::text(QStringLiteral("still here")));
    QCOMPARE(kept->receive(5000).value_or(Message()).toText(), QStringLiteral("still here"));
}

void tst_Server::idleTimeoutClosesOnlySilentPeers()
{
    Server server;
    // The chatty peer speaks every 50 ms: on a slow (sanitized) build the timeout grows, not the gap.
    server.setIdleTimeout(testing::scaled(300));
    QSignalSpy gone(&server, &Server::clientDisconnected);
    QVERIFY(server.listen());
    auto silent = testing::connectedClient(server.serverPort());
    auto chatty = testing::connectedClient(server.serverPort());
    QVERIFY(silent && chatty);
    QTimer keepAlive;
    QObject::connect(&keepAlive, &QTimer::timeout, chatty.get(), [&] { chatty->send(Message::text(QStringLiteral("."))); });
    keepAlive.start(50);

    QVERIFY(silent->waitForDisconnected(5000));
    QTRY_COMPARE(gone.count(), 1);
    QCOMPARE(gone.at(0).at(1).value<DisconnectReason>(), DisconnectReason::IdleTimeout);
    QTest::qWait(testing::scaled(400)); // longer than the timeout: the chatty one would be gone by now
    QVERIFY(chatty->isConnected());
    QCOMPARE(server.connectionCount(), 1);
}

void tst_Server::workersServeTwentyClients()
{
    Server server;
    server.setWorkers(2);
    echoAll(server);
    QVERIFY(server.listen());
    std::vector<std::unique_ptr<Client>> clients;
    for (int i = 0; i < 20; ++i) {
        clients.push_back(testing::connectedClient(server.serverPort()));
        QVERIFY(clients.back());
    }
    QVERIFY(testing::waitForConnections(server, 20));
    for (int i = 0; i < 20; ++i) {
        for (int n = 0; n < 10; ++n)
            clients[size_t(i)]->send(Message::text(QStringLiteral("%1/%2").arg(i).arg(n), {}, quint32(n)));
    }
    for (int i = 0; i < 20; ++i) {
        for (int n = 0; n < 10; ++n) {
            const auto echoed = clients[size_t(i)]->receive(5000);
            QVERIFY(echoed);
            QCOMPARE(echoed->toText(), QStringLiteral("%1/%2").arg(i).arg(n));
        }
    }
    const QList<ConnectionInfo> infos = server.connections();
    QCOMPARE(infos.size(), 20);
    for (const ConnectionInfo &info : infos) {
        QCOMPARE(info.messagesIn, 10u);
        QCOMPARE(info.messagesOut, 10u);
    }
}

void tst_Server::badFrameIsDroppedAndConnectionSurvives()
{
    Server server;
    echoAll(server);
    QSignalSpy errors(&server, &Server::errorOccurred);
    QSignalSpy messages(&server, &Server::messageReceived);
    QVERIFY(server.listen());
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(peer.waitForConnected(5000));
    // Unknown type 9, then the "hi" vector, in one write.
    const QByteArray bad = QByteArray::fromHex("0000000a0901000000000000" "6869");
    const QByteArray good = QByteArray::fromHex("0000000a0101000000000000" "6869");
    peer.write(bad + good);
    QTRY_COMPARE(messages.count(), 1);
    QCOMPARE(errors.count(), 1);
    const Error error = errors.at(0).at(0).value<Error>();
    QCOMPARE(error.code, ErrorCode::UnknownMessageType);
    QVERIFY(!error.isStreamError());
    QCOMPARE(error.rawFrame, bad);
    QCOMPARE(error.connection, testing::connectionIds(server).first());
    QCOMPARE(messages.at(0).at(1).value<Message>().toText(), QStringLiteral("hi"));
    // Still connected, and the echo of the good frame arrives intact.
    QTRY_COMPARE(peer.bytesAvailable(), qint64(good.size()));
    QCOMPARE(peer.readAll(), good);
    QCOMPARE(server.connectionCount(), 1);
}

void tst_Server::streamErrorClosesTheConnection()
{
    Server server;
    QSignalSpy errors(&server, &Server::errorOccurred);
    QSignalSpy gone(&server, &Server::clientDisconnected);
    QVERIFY(server.listen());
    QTcpSocket peer;
    peer.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(peer.waitForConnected(5000));
    peer.write(QByteArray::fromHex("0000000a0102000000000000" "6869")); // version 2
    QTRY_COMPARE(gone.count(), 1);
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::UnsupportedVersion);
    QCOMPARE(gone.at(0).at(1).value<DisconnectReason>(), DisconnectReason::StreamError);
    QTRY_COMPARE(peer.state(), QAbstractSocket::UnconnectedState);
}

void tst_Server::pausedServerAcceptsAfterResume()
{
    Server server;
    QSignalSpy connected(&server, &Server::clientConnected);
    QVERIFY(server.listen());
    server.pauseAccepting();
    QVERIFY(server.isAcceptingPaused());
    Client client;
    client.connectToHost(QStringLiteral("127.0.0.1"), server.serverPort());
    QTest::qWait(200);
    QCOMPARE(connected.count(), 0);
    server.resumeAccepting();
    QVERIFY(!server.isAcceptingPaused());
    QTRY_COMPARE(connected.count(), 1);
}

void tst_Server::countsTrafficPerConnection()
{
    Server server;
    echoAll(server);
    QSignalSpy connected(&server, &Server::clientConnected);
    QVERIFY(server.listen());
    auto client = testing::connectedClient(server.serverPort());
    QVERIFY(client);
    QTRY_COMPARE(connected.count(), 1);
    const ConnectionInfo fresh = connected.at(0).at(0).value<ConnectionInfo>();
    QVERIFY(fresh.connectedSince.isValid());
    QVERIFY(fresh.peerString().startsWith(QStringLiteral("127.0.0.1:")));

    client->send(Message::text(QStringLiteral("hi"))); // 14 bytes on the wire
    client->send(Message::text(QStringLiteral("hi")));
    QVERIFY(client->receive(5000));
    QVERIFY(client->receive(5000));
    const ConnectionInfo info = server.connectionInfo(fresh.id);
    QCOMPARE(info.messagesIn, 2u);
    QCOMPARE(info.bytesIn, 28u);
    QCOMPARE(info.messagesOut, 2u);
    QCOMPARE(info.bytesOut, 28u);
    QCOMPARE(client->bytesIn(), 28u);
    QCOMPARE(client->messagesOut(), 2u);
}

void tst_Server::inboxKeepsMessagesForPolling()
{
    Server server;
    server.inbox().setCapacity(100);
    QVERIFY(server.listen());
    auto client = testing::connectedClient(server.serverPort());
    QVERIFY(client);
    for (int i = 1; i <= 3; ++i)
        client->send(Message::text(QString::number(i), QStringLiteral("test")));
    client->send(Message::text(QStringLiteral("other"), QStringLiteral("misc")));
    QTRY_COMPARE(server.inbox().pendingCount(), 4);

    ReceivedMessage latest;
    QVERIFY(server.inbox().latest(QStringLiteral("test"), &latest));
    QCOMPARE(latest.message.toText(), QStringLiteral("3"));
    const QList<ReceivedMessage> channel = server.inbox().takeChannel(QStringLiteral("test"));
    QCOMPARE(channel.size(), 3);
    QCOMPARE(channel.first().message.toText(), QStringLiteral("1"));
    QVERIFY(server.inbox().takeChannel(QStringLiteral("test")).isEmpty());
    const QList<ReceivedMessage> all = server.inbox().takeAll();
    QCOMPARE(all.size(), 4);
    QCOMPARE(all.last().message.channel(), QStringLiteral("misc"));
    QCOMPARE(all.last().connection, testing::connectionIds(server).first());
    QCOMPARE(server.inbox().pendingCount(), 0);
}

void tst_Server::listenOnAPortInUseFails()
{
    Server first;
    QVERIFY(first.listen());
    Server second;
    QVERIFY(!second.listen(QHostAddress::LocalHost, first.serverPort()));
    QCOMPARE(second.error(), ErrorCode::AddressInUse);
    QVERIFY(!second.errorString().isEmpty());
}

void tst_Server::handlerAnswersInTheIoThread_data()
{
    QTest::addColumn<int>("workers");
    QTest::newRow("own thread") << 0;
    QTest::newRow("two I/O threads") << 2;
}

void tst_Server::handlerAnswersInTheIoThread()
{
    QFETCH(int, workers);
    Server server;
    server.setWorkers(workers);
    QThread *handlerThread = nullptr;
    // Handles "ping" in place; anything else goes on to messageReceived.
    server.setMessageHandler([&](quint64 connection, const MessageView &message) {
        handlerThread = QThread::currentThread();
        if (message.payload() == "echo")
            return server.send(connection, message); // the view itself: encoded from the receive buffer
        if (message.payload() == "shout")
            return server.broadcast(message) == 1; // written while the read is handled: counted once
        if (message.payload() != "ping")
            return false;
        return server.send(connection, Message::text(QStringLiteral("pong"), message.channel(), message.id()));
    });
    QSignalSpy received(&server, &Server::messageReceived);
    QVERIFY(server.listen());
    auto client = testing::connectedClient(server.serverPort());
    QVERIFY(client);
    for (quint32 i = 0; i < 50; ++i)
        client->send(Message::text(QStringLiteral("ping"), QStringLiteral("c"), i));
    client->send(Message::text(QStringLiteral("other")));
    for (quint32 i = 0; i < 50; ++i) {
        const auto reply = client->receive(5000);
        QVERIFY(reply);
        QCOMPARE(*reply, Message::text(QStringLiteral("pong"), QStringLiteral("c"), i));
    }
    const Message echo(MessageType::Binary, "echo", QString::fromUtf8("\xc3\xbc"), 77);
    client->send(echo);
    const auto echoed = client->receive(5000);
    QVERIFY(echoed);
    QCOMPARE(*echoed, echo);
    const Message shout = Message::text(QStringLiteral("shout"));
    client->send(shout);
    const auto shouted = client->receive(5000);
    QVERIFY(shouted);
    QCOMPARE(*shouted, shout);
    QTRY_COMPARE(received.count(), 1);
    QCOMPARE(received.at(0).at(1).value<Message>().toText(), QStringLiteral("other"));
    QCOMPARE(handlerThread == server.thread(), workers == 0);
    const ConnectionInfo info = server.connections().value(0);
    QCOMPARE(info.messagesIn, 53u);
    QCOMPARE(info.messagesOut, 52u);
    QCOMPARE(info.bytesOut, client->bytesIn());
}

QTEST_GUILESS_MAIN(tst_Server)
#include "tst_server.moc"
