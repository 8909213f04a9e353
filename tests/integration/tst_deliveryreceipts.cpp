// Delivery receipts end to end, in one process: every message is delivered once,
// in order, across dropped and reset connections and a server that closes and comes back;
// what the bounded queue cannot take is reported, never silently lost.

#include <tests/integration/testhelpers.h>

#include <QtCore/QCborMap>
#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

#include <functional>
#include <sys/socket.h>

using namespace netcore;

namespace {

constexpr int workers = 2;

/** A server with receipts whose delivered message ids are recorded in order. */
struct RecordingServer
{
    Server server;
    QList<quint32> delivered;

    RecordingServer()
    {
        server.setWorkers(workers);
        server.setDeliveryReceipts(true);
        QObject::connect(&server, &Server::messageReceived,
                         [this](quint64, const Message &message) { delivered.append(message.id()); });
    }
};

std::unique_ptr<Client> receiptClient()
{
    auto client = std::make_unique<Client>();
    client->setDeliveryReceipts(true);
    client->setAutoReconnect(true);
    client->setReconnectDelays(10, 50);
    return client;
}

Message numbered(quint32 number) { return Message::text(QStringLiteral("m"), QStringLiteral("work"), number); }

QList<quint32> oneTo(int count)
{
    QList<quint32> numbers;
    for (int i = 1; i <= count; ++i)
        numbers.append(quint32(i));
    return numbers;
}

/** Ends @p socket with a reset (RST) instead of an orderly FIN, dropping what it had not sent. */
void resetSocket(QTcpSocket *socket)
{
    const linger abortive{1, 0};
    ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &abortive, sizeof abortive);
    socket->abort();
    socket->deleteLater();
}

/**
 * A relay in front of the server that resets connections: the client sees the server's side
 * reset mid-stream, the server a reset peer, and what the relay held is lost. The Server behind
 * it lives on with its sessions, as the receipts' promise for lost connections needs.
 */
struct ResettingRelay
{
    QTcpServer listener;
    QPointer<QTcpSocket> downstream; ///< the client's connection
    QPointer<QTcpSocket> upstream;   ///< the relay's connection to the server
    qint64 forwarded = 0;            ///< bytes from the client to the server, all connections
    std::function<void()> onForwarded;

    bool listen(quint16 serverPort)
    {
        QObject::connect(&listener, &QTcpServer::newConnection, &listener, [this, serverPort] {
            downstream = listener.nextPendingConnection();
            upstream = new QTcpSocket(&listener);
            upstream->connectToHost(QHostAddress::LocalHost, serverPort); // writes wait for the connection
            QObject::connect(downstream, &QTcpSocket::readyRead, downstream, [this, from = downstream] {
                const QByteArray bytes = from->readAll();
                if (from != downstream || !upstream)
                    return;
                upstream->write(bytes);
                forwarded += bytes.size();
                onForwarded();
            });
            QObject::connect(upstream, &QTcpSocket::readyRead, upstream, [this, from = upstream] {
                const QByteArray bytes = from->readAll();
                if (from == upstream && downstream)
                    downstream->write(bytes);
            });
        });
        return listener.listen(QHostAddress::LocalHost);
    }

    void resetBoth()
    {
        if (downstream)
            resetSocket(downstream);
        if (upstream)
            resetSocket(upstream);
    }
};

} // namespace

class TestDeliveryReceipts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyMessageIsConfirmed()
    {
        RecordingServer recording;
        QVERIFY(recording.server.listen());
        auto client = receiptClient();
        QSignalSpy confirmed(client.get(), &Client::messagesConfirmed);
        client->connectToHost(QStringLiteral("127.0.0.1"), recording.server.serverPort());
        QVERIFY(client->waitForConnected(5000));
        for (quint32 i = 1; i <= 2000; ++i)
            QVERIFY(client->send(numbered(i)));
        QVERIFY(client->waitForDelivered(10000));
        QCOMPARE(client->unconfirmedMessageCount(), 0);
        QCOMPARE(recording.delivered, oneTo(2000));
        int total = 0;
        for (const QList<QVariant> &signal : std::as_const(confirmed))
            total += signal.at(0).toInt();
        QCOMPARE(total, 2000);
        // The receipts are for the client, not for its application.
        QCOMPARE(client->inbox().pendingCount(), 0);
    }

    void droppedConnectionsLoseAndDoubleNothing()
    {
        RecordingServer recording;
        QVERIFY(recording.server.listen());
        auto client = receiptClient();
        client->setMaxPendingMessages(100000);
        client->connectToHost(QStringLiteral("127.0.0.1"), recording.server.serverPort());
        QVERIFY(client->waitForConnected(5000));
        const int total = 30000;
        quint32 next = 1;
        int drops = 0;
        // Batches sent from the event loop while the server drops the connection five times.
        QTimer sender;
        QObject::connect(&sender, &QTimer::timeout, [&] {
            for (int i = 0; i < 500 && next <= quint32(total); ++i)
                QVERIFY(client->send(numbered(next++)));
            if (drops < 5 && next > quint32(5000 * (drops + 1)) && recording.server.connectionCount() == 1) {
                recording.server.disconnectClient(testing::connectionIds(recording.server).first());
                ++drops;
            }
        });
        sender.start(1);
        QVERIFY(QTest::qWaitFor([&] { return next > quint32(total) && drops == 5; }, 20000));
        sender.stop();
        QVERIFY(client->waitForDelivered(20000));
        QCOMPARE(drops, 5);
        QCOMPARE(recording.delivered.size(), total);
        QCOMPARE(recording.delivered, oneTo(total));
    }

    void aServerThatClosesAndComesBackOnTheSamePort()
    {
        const quint16 port = testing::freePort();
        QVERIFY(port != 0);
        auto recording = std::make_unique<RecordingServer>();
        QVERIFY(recording->server.listen(QHostAddress::LocalHost, port));
        auto client = receiptClient();
        client->setMaxPendingMessages(100000);
        client->connectToHost(QStringLiteral("127.0.0.1"), port);
        QVERIFY(client->waitForConnected(5000));
        QList<quint32> delivered;
        quint32 next = 1;
        for (int restart = 0; restart < 3; ++restart) {
            for (int i = 0; i < 3000; ++i)
                QVERIFY(client->send(numbered(next++)));
            QTest::qWait(5); // some are read, some are in flight, some wait in the client
            recording->server.close();
            QVERIFY(QTest::qWaitFor([&] { return recording->server.connectionCount() == 0; }, 5000));
            delivered += recording->delivered;
            recording = std::make_unique<RecordingServer>();
            QVERIFY(recording->server.listen(QHostAddress::LocalHost, port));
        }
        QVERIFY(client->waitForDelivered(20000));
        delivered += recording->delivered;
        QCOMPARE(delivered, oneTo(int(next) - 1));
    }

    void resetConnectionsLoseAndDoubleNothing()
    {
        RecordingServer recording;
        QVERIFY(recording.server.listen());
        QSignalSpy serverLosses(&recording.server, &Server::clientDisconnected);
        ResettingRelay relay;
        QVERIFY(relay.listen(recording.server.serverPort()));
        auto client = receiptClient();
        client->setMaxPendingMessages(100000);
        QSignalSpy clientLosses(client.get(), &Client::disconnected);
        const int total = 30000;
        const int resets = 3;
        QList<int> unconfirmedAtReset;
        // Mid-stream, each time another 100 KB went through: frames are cut, some were delivered
        // and not confirmed yet, some died in the relay and the kernels' buffers.
        relay.onForwarded = [&] {
            if (unconfirmedAtReset.size() < resets && relay.forwarded > 100000 * (unconfirmedAtReset.size() + 1)) {
                unconfirmedAtReset.append(client->unconfirmedMessageCount());
                relay.resetBoth();
            }
        };
        client->connectToHost(QStringLiteral("127.0.0.1"), relay.listener.serverPort());
        QVERIFY(client->waitForConnected(5000));
        quint32 next = 1;
        QTimer sender;
        QObject::connect(&sender, &QTimer::timeout, [&] {
            for (int i = 0; i < 500 && next <= quint32(total); ++i)
                QVERIFY(client->send(numbered(next++)));
        });
        sender.start(1);
        QVERIFY(QTest::qWaitFor([&] { return next > quint32(total); }, 20000));
        sender.stop();
        QVERIFY(client->waitForDelivered(20000));

        qInfo("%d resets with %d, %d and %d messages unconfirmed; %llu written for %d",
              resets, unconfirmedAtReset.value(0), unconfirmedAtReset.value(1), unconfirmedAtReset.value(2),
              client->messagesOut(), total);
        QCOMPARE(unconfirmedAtReset.size(), resets);
        for (int unconfirmed : std::as_const(unconfirmedAtReset))
            QVERIFY2(unconfirmed > 0, "a reset with nothing unconfirmed proves nothing");
        QCOMPARE(clientLosses.size(), resets);
        for (const QList<QVariant> &loss : std::as_const(clientLosses))
            QCOMPARE(loss.at(0).value<DisconnectReason>(), DisconnectReason::PeerReset);
        QTRY_COMPARE(serverLosses.size(), resets);
        for (const QList<QVariant> &loss : std::as_const(serverLosses))
            QCOMPARE(loss.at(1).value<DisconnectReason>(), DisconnectReason::PeerReset);
        QVERIFY(client->messagesOut() > quint64(total)); // some were sent again...
        QCOMPARE(recording.delivered.size(), total);   // ...and delivered once
        QCOMPARE(recording.delivered, oneTo(total));
    }

    void aFullQueueRefusesAndReportsWhatItCannotHold()
    {
        const quint16 port = testing::freePort();
        QVERIFY(port != 0);
        auto client = receiptClient();
        client->setMaxPendingMessages(100);
        QSignalSpy errors(client.get(), &Client::errorOccurred);
        client->connectToHost(QStringLiteral("127.0.0.1"), port); // nobody listens yet
        int refused = 0;
        for (quint32 i = 1; i <= 150; ++i)
            refused += client->send(numbered(i)) ? 0 : 1;
        QCOMPARE(refused, 50);
        int queueFull = 0;
        for (const QList<QVariant> &signal : std::as_const(errors))
            queueFull += signal.at(0).value<Error>().code == ErrorCode::SendQueueFull ? 1 : 0;
        QCOMPARE(queueFull, 50);
        RecordingServer recording;
        QVERIFY(recording.server.listen(QHostAddress::LocalHost, port));
        QVERIFY(client->waitForDelivered(10000));
        QCOMPARE(recording.delivered, oneTo(100));
    }

    void clientsWithoutReceiptsAreServedAsBefore()
    {
        RecordingServer recording;
        QVERIFY(recording.server.listen());
        auto client = testing::connectedClient(recording.server.serverPort());
        QVERIFY(client);
        for (quint32 i = 1; i <= 10; ++i)
            client->send(numbered(i));
        QVERIFY(QTest::qWaitFor([&] { return recording.delivered.size() == 10; }, 5000));
        QCOMPARE(recording.delivered, oneTo(10));
        QTest::qWait(50);
        QCOMPARE(client->inbox().pendingCount(), 0); // no receipt was sent to it
    }

    void aMalformedHelloIsReportedAndTheConnectionLives()
    {
        RecordingServer recording;
        QSignalSpy errors(&recording.server, &Server::errorOccurred);
        QVERIFY(recording.server.listen());
        auto client = testing::connectedClient(recording.server.serverPort());
        QVERIFY(client);
        client->send(Message::cbor(QCborMap{{QStringLiteral("session"), 1}}, QStringLiteral("netcore.delivery")));
        client->send(numbered(1));
        QVERIFY(QTest::qWaitFor([&] { return recording.delivered.size() == 1; }, 5000));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.first().at(0).value<Error>().code, ErrorCode::InvalidReceipt);
        QCOMPARE(recording.server.connectionCount(), 1);
    }

    void theirChannelIsRefusedToApplicationsThatUseThem()
    {
        RecordingServer recording;
        QSignalSpy serverErrors(&recording.server, &Server::errorOccurred);
        QVERIFY(recording.server.listen());
        auto client = receiptClient();
        QSignalSpy clientErrors(client.get(), &Client::errorOccurred);
        client->connectToHost(QStringLiteral("127.0.0.1"), recording.server.serverPort());
        QVERIFY(client->waitForConnected(5000));
        // A forged receipt would confirm what the server never delivered.
        const Message forged = Message::cbor(QCborMap{{QStringLiteral("delivered"), 1000}},
                                             QStringLiteral("netcore.delivery"));
        QVERIFY(!client->send(forged));
        QCOMPARE(client->error(), ErrorCode::InvalidChannelName);
        QCOMPARE(clientErrors.size(), 1);
        QCOMPARE(client->pendingMessageCount() + client->unconfirmedMessageCount(), 0);

        QVERIFY(client->send(numbered(1)));
        QVERIFY(client->waitForDelivered(5000));
        const quint64 connection = recording.server.connections().constFirst().id;
        QVERIFY(!recording.server.send(connection, forged));
        QCOMPARE(recording.server.error(), ErrorCode::InvalidChannelName);
        QCOMPARE(recording.server.broadcast(forged), 0);
        QCOMPARE(serverErrors.size(), 2);
        QCOMPARE(serverErrors.at(0).at(0).value<Error>().connection, connection);

        // Every other channel goes as before, both ways.
        QVERIFY(recording.server.send(connection, Message::text(QStringLiteral("reply"), QStringLiteral("work"))));
        const std::optional<Message> reply = client->receive(5000);
        QVERIFY(reply);
        QCOMPARE(reply->toText(), QStringLiteral("reply"));
        QVERIFY(client->send(numbered(2)));
        QVERIFY(client->waitForDelivered(5000));
        QCOMPARE(recording.delivered, oneTo(2));
    }

    void receiptsNeedTheEnvelopeAndNoMessageHandler()
    {
        Client lineClient(CodecConfig::line());
        QVERIFY(!lineClient.setDeliveryReceipts(true));
        Server lineServer(CodecConfig::line());
        QVERIFY(!lineServer.setDeliveryReceipts(true));
        Server handled;
        QVERIFY(handled.setDeliveryReceipts(true));
        handled.setMessageHandler([](quint64, const MessageView &) { return true; });
        QVERIFY(!handled.listen());
        QCOMPARE(handled.error(), ErrorCode::InvalidConfiguration);
    }
};

QTEST_GUILESS_MAIN(TestDeliveryReceipts)
#include "tst_deliveryreceipts.moc"
