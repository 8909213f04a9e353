#include <tests/integration/testhelpers.h>

#include <QtCore/QRegularExpression>
#include <QtCore/QThread>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

#include <atomic>
#include <sys/socket.h>

using namespace netcore;

class tst_Client : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void receivesWithinTimeoutOrNothing();
    void refusedConnectionIsATypedError();
    void reconnectsAfterServerRestartAndDeliversQueuedInOrder();
    void fullSendQueueIsAnErrorNotADrop();
    void sendFromAnotherThreadKeepsOrder();
    void streamErrorFromServerClosesWithReason();
    void disconnectFromHostStopsReconnecting();
    void peerEndsAreTold_data();
    void peerEndsAreTold();
    void lastWordsBeforeAResetArriveWhileSending();
    void unknownHostIsATypedError();
    void tlsConfigurationWaitsForTheDisconnectedState_data();
    void tlsConfigurationWaitsForTheDisconnectedState();
};

void tst_Client::receivesWithinTimeoutOrNothing()
{
    Server server;
    QObject::connect(&server, &Server::messageReceived, &server,
                     [&server](quint64 id, const Message &message) { server.send(id, message); });
    QVERIFY(server.listen());
    auto client = testing::connectedClient(server.serverPort());
    QVERIFY(client);
    QCOMPARE(client->state(), Client::State::Connected);
    QVERIFY(!client->receive(100));
    client->send(Message::text(QStringLiteral("ping"), QStringLiteral("c"), 3));
    const auto reply = client->receive(5000);
    QVERIFY(reply);
    QCOMPARE(reply->toText(), QStringLiteral("ping"));
    QCOMPARE(reply->channel(), QStringLiteral("c"));
    QCOMPARE(reply->id(), 3u);
}

void tst_Client::refusedConnectionIsATypedError()
{
    const quint16 closedPort = testing::freePort();
    QVERIFY(closedPort != 0);
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    client.connectToHost(QStringLiteral("127.0.0.1"), closedPort);
    QVERIFY(!client.waitForConnected(5000));
    QCOMPARE(client.state(), Client::State::Disconnected);
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::ConnectionRefused);
    QCOMPARE(client.error(), ErrorCode::ConnectionRefused);
    QVERIFY(client.errorString().contains(QString::number(closedPort)));
}

void tst_Client::reconnectsAfterServerRestartAndDeliversQueuedInOrder()
{
    auto server = std::make_unique<Server>();
    QVERIFY(server->listen());
    const quint16 port = server->serverPort();

    Client client;
    client.setAutoReconnect(true);
    client.setReconnectDelays(20, 200);
    QSignalSpy connects(&client, &Client::connected);
    QSignalSpy losses(&client, &Client::disconnected);
    client.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(client.waitForConnected(5000));

    server.reset();
    QTRY_COMPARE(losses.count(), 1);
    QCOMPARE(losses.at(0).at(0).value<DisconnectReason>(), DisconnectReason::PeerClosed);
    QTRY_COMPARE(client.state(), Client::State::Reconnecting);
    for (int i = 0; i < 100; ++i)
        QVERIFY(client.send(Message::text(QString::number(i))));
    QCOMPARE(client.pendingMessageCount(), 100);
    QTest::qWait(300); // a few failed attempts, backing off

    Server restarted;
    restarted.inbox().setCapacity(1000);
    QVERIFY(restarted.listen(QHostAddress::LocalHost, port));
    QVERIFY(client.waitForConnected(5000));
    QCOMPARE(connects.count(), 2);
    QTRY_COMPARE(restarted.inbox().pendingCount(), 100);
    const QList<ReceivedMessage> received = restarted.inbox().takeAll();
    for (int i = 0; i < 100; ++i)
        QCOMPARE(received.at(i).message.toText(), QString::number(i));
    QCOMPARE(client.pendingMessageCount(), 0);
}

void tst_Client::fullSendQueueIsAnErrorNotADrop()
{
    Client client;
    client.setMaxPendingMessages(3);
    QSignalSpy errors(&client, &Client::errorOccurred);
    for (int i = 0; i < 3; ++i)
        QVERIFY(client.send(Message::text(QString::number(i))));
    QVERIFY(!client.send(Message::text(QStringLiteral("overflow"))));
    QCOMPARE(client.pendingMessageCount(), 3);
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::SendQueueFull);

    Server server;
    server.inbox().setCapacity(10);
    QVERIFY(server.listen());
    client.connectToHost(QStringLiteral("127.0.0.1"), server.serverPort());
    QVERIFY(client.waitForConnected(5000));
    QTRY_COMPARE(server.inbox().pendingCount(), 3);
    QCOMPARE(server.inbox().takeAll().last().message.toText(), QStringLiteral("2"));
}

void tst_Client::sendFromAnotherThreadKeepsOrder()
{
    Server server;
    server.inbox().setCapacity(1000);
    QVERIFY(server.listen());
    auto client = testing::connectedClient(server.serverPort());
    QVERIFY(client);
    Client *raw = client.get();
    // Told by an atomic, not by isFinished(): a hand-off that ThreadSanitizer sees too.
    std::atomic<bool> sent{false};
    QThread *sender = QThread::create([raw, &sent] {
        for (int i = 0; i < 500; ++i)
            raw->send(Message::text(QString::number(i)));
        sent = true;
    });
    sender->start();
    QTRY_VERIFY(sent);
    QVERIFY(sender->wait(5000));
    delete sender;
    QTRY_COMPARE(server.inbox().pendingCount(), 500);
    const QList<ReceivedMessage> received = server.inbox().takeAll();
    for (int i = 0; i < 500; ++i)
        QCOMPARE(received.at(i).message.toText(), QString::number(i));
}

void tst_Client::streamErrorFromServerClosesWithReason()
{
    QTcpServer rogue;
    QVERIFY(rogue.listen(QHostAddress::LocalHost));
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    QSignalSpy losses(&client, &Client::disconnected);
    QSignalSpy messages(&client, &Client::messageReceived);
    client.connectToHost(QStringLiteral("127.0.0.1"), rogue.serverPort());
    QVERIFY(client.waitForConnected(5000));
    QTRY_VERIFY(rogue.hasPendingConnections());
    QTcpSocket *peer = rogue.nextPendingConnection();
    // A good frame, then a length of 4 GiB - 1: a stream error, reported from the header alone.
    peer->write(QByteArray::fromHex("0000000a0101000000000000" "6869" "ffffffff"));
    QTRY_COMPARE(losses.count(), 1);
    QCOMPARE(messages.count(), 1);
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::FrameTooLarge);
    QCOMPARE(losses.at(0).at(0).value<DisconnectReason>(), DisconnectReason::StreamError);
    QCOMPARE(client.state(), Client::State::Disconnected);
}

void tst_Client::disconnectFromHostStopsReconnecting()
{
    Server server;
    QVERIFY(server.listen());
    Client client;
    client.setAutoReconnect(true);
    client.setReconnectDelays(10, 50);
    QSignalSpy losses(&client, &Client::disconnected);
    client.connectToHost(QStringLiteral("127.0.0.1"), server.serverPort());
    QVERIFY(client.waitForConnected(5000));
    client.disconnectFromHost();
    QTRY_COMPARE(losses.count(), 1);
    QCOMPARE(losses.at(0).at(0).value<DisconnectReason>(), DisconnectReason::ClosedLocally);
    QTest::qWait(200);
    QCOMPARE(client.state(), Client::State::Disconnected);
    QTRY_COMPARE(server.connectionCount(), 0);
    // Disconnected, it takes the configuration.
    QVERIFY(client.setTlsConfiguration(QSslConfiguration::defaultConfiguration()));
    QVERIFY(client.isTlsEnabled());
}

void tst_Client::peerEndsAreTold_data()
{
    QTest::addColumn<bool>("reset");
    QTest::newRow("orderly close (FIN)") << false;
    QTest::newRow("reset (RST)") << true;
}

void tst_Client::peerEndsAreTold()
{
    QFETCH(bool, reset);
    QTcpServer listener;
    QVERIFY(listener.listen(QHostAddress::LocalHost));
    Client client;
    QSignalSpy disconnected(&client, &Client::disconnected);
    QSignalSpy errors(&client, &Client::errorOccurred);
    client.connectToHost(QStringLiteral("127.0.0.1"), listener.serverPort());
    QVERIFY(client.waitForConnected(5000));
    QTRY_VERIFY(listener.hasPendingConnections());
    QTcpSocket *accepted = listener.nextPendingConnection();
    QVERIFY(accepted);
    if (reset) {
        const linger abortive{1, 0};
        ::setsockopt(int(accepted->socketDescriptor()), SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    }
    accepted->close();

    QTRY_COMPARE(disconnected.count(), 1);
    const auto reason = disconnected.at(0).at(0).value<DisconnectReason>();
    QCOMPARE(reason, reset ? DisconnectReason::PeerReset : DisconnectReason::PeerClosed);
    if (reset) {
        QCOMPARE(errors.count(), 1);
        QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::ConnectionReset);
    } else {
        QCOMPARE(errors.count(), 0); // an orderly end is not an error
    }
}

void tst_Client::lastWordsBeforeAResetArriveWhileSending()
{
    QTcpServer listener;
    QVERIFY(listener.listen(QHostAddress::LocalHost));
    Client client;
    QSignalSpy received(&client, &Client::messageReceived);
    QSignalSpy disconnected(&client, &Client::disconnected);
    client.connectToHost(QStringLiteral("127.0.0.1"), listener.serverPort());
    QVERIFY(client.waitForConnected(5000));
    QTRY_VERIFY(listener.hasPendingConnections());
    QTcpSocket *accepted = listener.nextPendingConnection();
    QVERIFY(accepted);
    // The peer never reads: the client is left with bytes to write when the reset comes, and the
    // socket that fails to write them must not take the peer's last words down with it.
    QVERIFY(client.send(Message::binary(QByteArray(8 * 1024 * 1024, 'x'))));
    QTest::qWait(50);
    const Message lastWords = Message::text(QStringLiteral("last words"));
    accepted->write(EnvelopeCodec(CodecConfig::envelope()).encode(lastWords));
    QVERIFY(accepted->flush());
    const linger abortive{1, 0};
    ::setsockopt(int(accepted->socketDescriptor()), SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    accepted->close();

    QTRY_COMPARE(disconnected.count(), 1);
    QCOMPARE(received.count(), 1);
    QCOMPARE(received.at(0).at(0).value<Message>(), lastWords);
}

void tst_Client::unknownHostIsATypedError()
{
    Client client;
    QSignalSpy errors(&client, &Client::errorOccurred);
    client.connectToHost(QStringLiteral("no-such-host.invalid"), 5000); // .invalid never resolves (RFC 2606)
    QVERIFY(!client.waitForConnected(10000));
    QTRY_VERIFY(!errors.isEmpty());
    QCOMPARE(errors.at(0).at(0).value<Error>().code, ErrorCode::HostNotFound);
    QVERIFY(errors.at(0).at(0).value<Error>().message.contains(QLatin1String("no-such-host.invalid")));
}

void tst_Client::tlsConfigurationWaitsForTheDisconnectedState_data()
{
    QTest::addColumn<bool>("waitForConnected");
    QTest::newRow("connecting") << false;
    QTest::newRow("connected") << true;
}

void tst_Client::tlsConfigurationWaitsForTheDisconnectedState()
{
    QFETCH(bool, waitForConnected);
    Server server;
    QObject::connect(&server, &Server::messageReceived, &server,
                     [&server](quint64 id, const Message &message) { server.send(id, message); });
    QVERIFY(server.listen());
    Client client;
    QSignalSpy disconnected(&client, &Client::disconnected);
    client.connectToHost(QStringLiteral("127.0.0.1"), server.serverPort());
    if (waitForConnected)
        QVERIFY(client.waitForConnected(5000));
    const Client::State before = client.state();

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("setTlsConfiguration.*disconnectFromHost")));
    QVERIFY(!client.setTlsConfiguration(QSslConfiguration::defaultConfiguration()));
    QVERIFY(!client.isTlsEnabled());
    QCOMPARE(client.error(), ErrorCode::InvalidConfiguration);
    QCOMPARE(client.state(), before);

    // The connection (or the attempt) goes on untouched, in plaintext...
    QVERIFY(client.waitForConnected(5000));
    QVERIFY(client.send(Message::text(QStringLiteral("still plain"))));
    const std::optional<Message> echoed = client.receive(5000);
    QVERIFY(echoed);
    QCOMPARE(echoed->toText(), QStringLiteral("still plain"));
    // ...and ends as any other: told, and Disconnected.
    client.disconnectFromHost();
    QTRY_COMPARE(disconnected.count(), 1);
    QCOMPARE(client.state(), Client::State::Disconnected);
    QTRY_COMPARE(server.connectionCount(), 0);
}

QTEST_GUILESS_MAIN(tst_Client)
#include "tst_client.moc"
