// A real `wirebench-cli serve --receipts` process, stopped and started again on
// the same port while a client with delivery receipts and auto-reconnect keeps
// sending. Stopped with SIGTERM (in order), every message is delivered exactly
// once, in order. Killed with SIGKILL, none is lost and the order holds; only
// what the dead process had not confirmed yet comes again. The client offers more
// than the server can print, so its bounded queue fills and refuses, and the
// sender offers those messages again.

#include <tests/integration/testhelpers.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QTimer>

#include <csignal>
#include <functional>

using namespace netcore;

namespace {

constexpr int messageCount = 100000;
constexpr int burst = 400;  ///< offered every millisecond: more than the client's queue holds while serve restarts
constexpr int restarts = 3;
/** The client's bound: a full queue refuses, and the sender offers that message again later. */
constexpr int maxPending = 20000;

/** One `serve` process; what it delivered is read from its event lines. */
class ServeProcess
{
public:
    bool start(quint16 port)
    {
        m_process.start(QStringLiteral(WIREBENCH_CLI),
                        {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                         QStringLiteral("--receipts"), QStringLiteral("--events"), QStringLiteral("jsonl")});
        if (!m_process.waitForStarted(5000))
            return false;
        // The first line says it listens; the rest is read once the process ended.
        while (!m_process.canReadLine()) {
            if (!m_process.waitForReadyRead(5000))
                return false;
        }
        return m_process.readLine().startsWith("listening on");
    }

    bool stop(int signal)
    {
        ::kill(pid_t(m_process.processId()), signal);
        return m_process.waitForFinished(10000);
    }

    /** The ids of the messages it printed, in order. */
    QList<quint32> delivered()
    {
        QList<quint32> ids;
        const QList<QByteArray> lines = m_process.readAllStandardOutput().split('\n');
        for (const QByteArray &line : lines) {
            const QJsonObject event = QJsonDocument::fromJson(line).object();
            if (event.value(QStringLiteral("event")).toString() == QLatin1String("message"))
                ids.append(quint32(event.value(QStringLiteral("id")).toInteger()));
        }
        return ids;
    }

private:
    QProcess m_process;
};

/** Runs the event loop until @p done, checking every millisecond (QTest::qWaitFor sleeps 10 ms at a time). */
bool runUntil(const std::function<bool()> &done, int msecs)
{
    QEventLoop loop;
    QElapsedTimer clock;
    clock.start();
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, [&] {
        if (done() || clock.elapsed() > msecs)
            loop.quit();
    });
    check.start(1);
    loop.exec();
    return done();
}

/** What every server process delivered, in order, while the client sent messageCount messages. */
QList<quint32> deliverAcrossRestarts(int signal)
{
    const quint16 port = testing::freePort();
    auto server = std::make_unique<ServeProcess>();
    if (!server->start(port))
        return {};
    Client client;
    client.setDeliveryReceipts(true);
    client.setAutoReconnect(true);
    client.setReconnectDelays(10, 100);
    client.setMaxPendingMessages(maxPending);
    client.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!client.waitForConnected(5000))
        return {};

    quint32 next = 1;
    int refused = 0;
    QTimer sender;
    sender.setTimerType(Qt::PreciseTimer);
    QObject::connect(&sender, &QTimer::timeout, [&] {
        for (int i = 0; i < burst && next <= quint32(messageCount); ++i) {
            if (!client.send(Message::text(QStringLiteral("m"), QStringLiteral("work"), next))) {
                ++refused;
                return; // the queue is full: offered again on the next tick
            }
            ++next;
        }
    });
    sender.start(1);

    QList<quint32> delivered;
    for (int restart = 1; restart <= restarts; ++restart) {
        // Each stop lands while the client is connected and sending.
        runUntil([&] { return next > quint32(messageCount * restart / (restarts + 1)); }, 30000);
        if (!server->stop(signal))
            return {};
        delivered += server->delivered();
        server = std::make_unique<ServeProcess>();
        if (!server->start(port))
            return {};
    }
    runUntil([&] { return next > quint32(messageCount); }, 30000);
    sender.stop();
    const bool confirmed = client.waitForDelivered(30000);
    server->stop(SIGTERM);
    delivered += server->delivered();
    if (!confirmed)
        qWarning("not every message was confirmed: %d left", client.unconfirmedMessageCount());
    qInfo("%d messages, %d restarts, %d sends refused by the full queue and offered again", messageCount, restarts,
          refused);
    return delivered;
}

} // namespace

class TestServerRestart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void orderlyStopsDeliverEveryMessageExactlyOnceInOrder()
    {
        const QList<quint32> delivered = deliverAcrossRestarts(SIGTERM);
        QCOMPARE(delivered.size(), messageCount);
        for (int i = 0; i < delivered.size(); ++i)
            QCOMPARE(delivered.at(i), quint32(i + 1));
    }

    void killedServersLoseNothingAndRepeatOnlyTheUnconfirmed()
    {
        const QList<quint32> delivered = deliverAcrossRestarts(SIGKILL);
        QVERIFY(!delivered.isEmpty());
        // Every new message follows the last new one; a repeat is one already seen.
        quint32 highest = 0;
        int repeats = 0;
        for (quint32 id : delivered) {
            if (id <= highest) {
                ++repeats;
                continue;
            }
            QCOMPARE(id, highest + 1);
            highest = id;
        }
        QCOMPARE(highest, quint32(messageCount));
        qInfo("SIGKILL: %d messages delivered again", repeats);
    }
};

QTEST_GUILESS_MAIN(TestServerRestart)
#include "tst_serverrestart.moc"
