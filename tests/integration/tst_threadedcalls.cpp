#include <tests/integration/testhelpers.h>

#include <QtCore/QHash>
#include <QtCore/QThread>

#include <atomic>
#include <functional>

using namespace netcore;

/*
 * Server::send(), broadcast() and disconnectClient() are documented thread-safe.
 * Here they are called from a thread that is neither the server's nor one of
 * its two I/O threads, while the server's own thread sends too. Each client
 * records what it got per sender; the server's connection ids are matched to
 * clients by port.
 */
class tst_ThreadedCalls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sendsAndBroadcastsArriveInOrderAtTheRightClient();
    void disconnectClientClosesExactlyThatConnection();
    void callsForAnUnknownConnectionReportNotConnected();
};

namespace {

constexpr int clientCount = 4; // two per I/O thread: round robin
constexpr quint32 messagesPerSender = 2000;
const QString fromThread = QStringLiteral("thread");
const QString fromMain = QStringLiteral("main");
const QString broadcastText = QStringLiteral("everyone");

/** What one client received, per channel (one channel per sender), in arrival order. */
struct Received
{
    QHash<QString, QList<quint32>> ids;
    QHash<QString, QList<QString>> texts;
};

/** A server with two I/O threads and clientCount clients connected to it. */
struct Setup
{
    Server server;
    std::vector<std::unique_ptr<Client>> clients;
    std::vector<Received> received = std::vector<Received>(clientCount);
    QHash<quint64, int> clientOf; ///< the server's connection id -> index in clients

    bool start()
    {
        if (!server.setWorkers(2) || !server.listen())
            return false;
        for (int i = 0; i < clientCount; ++i) {
            clients.push_back(testing::connectedClient(server.serverPort()));
            if (!clients.back())
                return false;
            QObject::connect(clients.back().get(), &Client::messageReceived, clients.back().get(),
                             [this, i](const Message &message) {
                                 received[size_t(i)].ids[message.channel()].append(message.id());
                                 received[size_t(i)].texts[message.channel()].append(message.toText());
                             });
        }
        if (!testing::waitForConnections(server, clientCount))
            return false;
        for (const ConnectionInfo &info : server.connections()) {
            for (int i = 0; i < clientCount; ++i) {
                if (clients[size_t(i)]->localPort() == info.peerPort)
                    clientOf.insert(info.id, i);
            }
        }
        return clientOf.size() == clientCount;
    }
};

/**
 * Runs @p calls in a thread that is neither the server's nor an I/O thread, and @p meanwhile
 * in this one; false if that thread does not end.
 */
bool runInThirdThread(const std::function<void()> &calls, const std::function<void()> &meanwhile = {})
{
    // Told by an atomic, not by isFinished(): a hand-off that ThreadSanitizer sees too.
    std::atomic<bool> done{false};
    std::unique_ptr<QThread> thread(QThread::create([&] {
        calls();
        done = true;
    }));
    thread->start();
    if (meanwhile)
        meanwhile();
    // The clients and the server's signals live in this thread: keep its events running meanwhile.
    const bool ended = QTest::qWaitFor([&] { return done.load(); }, testing::scaled(20000));
    return thread->wait(testing::scaled(5000)) && ended;
}

QList<quint32> oneTo(quint32 count)
{
    QList<quint32> numbers;
    for (quint32 i = 1; i <= count; ++i)
        numbers.append(i);
    return numbers;
}

} // namespace

void tst_ThreadedCalls::sendsAndBroadcastsArriveInOrderAtTheRightClient()
{
    Setup setup;
    QVERIFY(setup.start());
    const QList<quint64> ids = setup.clientOf.keys();
    std::atomic<int> refused{0};
    // One numbering across send() and broadcast(): from one thread, the two keep their order too.
    const auto sender = [&](const QString &channel, bool withBroadcasts) {
        for (quint32 n = 1; n <= messagesPerSender; ++n) {
            if (withBroadcasts && n % 10 == 0) {
                if (setup.server.broadcast(Message::text(broadcastText, channel, n)) != clientCount)
                    ++refused;
                continue;
            }
            for (quint64 id : ids) {
                // Each message names its addressee: a message at the wrong client shows.
                if (!setup.server.send(id, Message::text(QString::number(id), channel, n)))
                    ++refused;
            }
        }
    };
    // The server's thread sends at the same time: two senders, each with its own order.
    QVERIFY(runInThirdThread([&] { sender(fromThread, true); }, [&] { sender(fromMain, false); }));
    QCOMPARE(refused.load(), 0);

    for (auto it = setup.clientOf.cbegin(); it != setup.clientOf.cend(); ++it) {
        const Received &got = setup.received[size_t(it.value())];
        QTRY_COMPARE_WITH_TIMEOUT(got.ids.value(fromThread).size(), qsizetype(messagesPerSender), testing::scaled(10000));
        QTRY_COMPARE_WITH_TIMEOUT(got.ids.value(fromMain).size(), qsizetype(messagesPerSender), testing::scaled(10000));
        QCOMPARE(got.ids.value(fromThread), oneTo(messagesPerSender));
        QCOMPARE(got.ids.value(fromMain), oneTo(messagesPerSender));
        const QList<QString> threadTexts = got.texts.value(fromThread);
        for (quint32 n = 1; n <= messagesPerSender; ++n) {
            const QString expected = n % 10 == 0 ? broadcastText : QString::number(it.key());
            QCOMPARE(threadTexts.at(qsizetype(n - 1)), expected);
        }
        for (const QString &text : got.texts.value(fromMain))
            QCOMPARE(text, QString::number(it.key()));
    }
}

void tst_ThreadedCalls::disconnectClientClosesExactlyThatConnection()
{
    Setup setup;
    QVERIFY(setup.start());
    QSignalSpy closed(&setup.server, &Server::clientDisconnected);
    const quint64 victim = testing::connectionIds(setup.server).value(1);
    Client &victimClient = *setup.clients[size_t(setup.clientOf.value(victim))];
    QSignalSpy victimLost(&victimClient, &Client::disconnected);
    bool accepted = false;
    // Queued before the close from the same thread: an orderly close delivers it first.
    QVERIFY(runInThirdThread([&] {
        setup.server.send(victim, Message::text(QStringLiteral("last"), QStringLiteral("bye"), 1));
        accepted = setup.server.disconnectClient(victim);
    }));
    QVERIFY(accepted);
    QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, testing::scaled(5000));
    QCOMPARE(closed.at(0).at(0).value<ConnectionInfo>().id, victim);
    QCOMPARE(closed.at(0).at(1).value<DisconnectReason>(), DisconnectReason::ClosedLocally);
    QTRY_COMPARE_WITH_TIMEOUT(victimLost.size(), 1, testing::scaled(5000));
    QCOMPARE(victimLost.at(0).at(0).value<DisconnectReason>(), DisconnectReason::PeerClosed);
    QCOMPARE(setup.received[size_t(setup.clientOf.value(victim))].ids.value(QStringLiteral("bye")), QList<quint32>{1});

    // The others are untouched: each still gets what is sent to it now, and nothing else closed.
    QCOMPARE(setup.server.connectionCount(), clientCount - 1);
    QVERIFY(!testing::connectionIds(setup.server).contains(victim));
    for (auto it = setup.clientOf.cbegin(); it != setup.clientOf.cend(); ++it) {
        if (it.key() == victim)
            continue;
        QCOMPARE(setup.clients[size_t(it.value())]->state(), Client::State::Connected);
        QVERIFY(setup.server.send(it.key(), Message::text(QStringLiteral("still here"), QStringLiteral("after"), 2)));
    }
    for (auto it = setup.clientOf.cbegin(); it != setup.clientOf.cend(); ++it) {
        if (it.key() != victim)
            QTRY_COMPARE(setup.received[size_t(it.value())].ids.value(QStringLiteral("after")), QList<quint32>{2});
    }
    QCOMPARE(closed.size(), 1);
}

void tst_ThreadedCalls::callsForAnUnknownConnectionReportNotConnected()
{
    Setup setup;
    QVERIFY(setup.start());
    QSignalSpy closed(&setup.server, &Server::clientDisconnected);
    const quint64 unknown = 1000000; // ids count up from 1 per Server: never reached here
    QVERIFY(!setup.clientOf.contains(unknown));
    bool sent = true;
    bool disconnected = true;
    ErrorCode afterSend = ErrorCode::NoError;
    ErrorCode afterDisconnect = ErrorCode::NoError;
    QString why;
    int recipients = 0;
    QVERIFY(runInThirdThread([&] {
        sent = setup.server.send(unknown, Message::text(QStringLiteral("nobody")));
        afterSend = setup.server.error();
        disconnected = setup.server.disconnectClient(unknown);
        afterDisconnect = setup.server.error();
        why = setup.server.errorString();
        // An unknown exception excludes nobody.
        recipients = setup.server.broadcast(Message::text(QStringLiteral("all"), QStringLiteral("all")), unknown);
    }));
    QVERIFY(!sent);
    QCOMPARE(afterSend, ErrorCode::NotConnected);
    QVERIFY(!disconnected);
    QCOMPARE(afterDisconnect, ErrorCode::NotConnected);
    QVERIFY2(why.contains(QString::number(unknown)), qPrintable(why));
    QCOMPARE(recipients, clientCount);
    for (const Received &got : setup.received)
        QTRY_COMPARE(got.ids.value(QStringLiteral("all")).size(), 1);
    QCOMPARE(setup.server.connectionCount(), clientCount);
    QVERIFY(closed.isEmpty());
}

QTEST_GUILESS_MAIN(tst_ThreadedCalls)
#include "tst_threadedcalls.moc"
