// A real `wirebench-cli serve --receipts` process, stopped and started again on
// the same port while a client with delivery receipts and auto-reconnect keeps
// sending. Stopped with SIGTERM (in order), every message is delivered exactly
// once, in order. Killed with SIGKILL, none is lost and the order holds; only
// what the dead process had not confirmed yet comes again. The client offers more
// than the server can print, so its bounded queue fills and refuses, and the
// sender offers those messages again. Every wait is for an event, bounded by a
// deadline scaled for sanitized builds; a run that misses one says which.

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
    /** False, with the reason in @p why, if it does not say it listens. */
    bool start(quint16 port, QString *why)
    {
        m_process.start(QStringLiteral(WIREBENCH_CLI),
                        {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                         QStringLiteral("--receipts"), QStringLiteral("--events"), QStringLiteral("jsonl")});
        // The first line says it listens; the rest is read once the process ended.
        const int deadline = testing::scaled(10000);
        if (m_process.waitForStarted(deadline)) {
            while (!m_process.canReadLine() && m_process.waitForReadyRead(deadline)) {
            }
        }
        const QByteArray first = m_process.readLine();
        if (first.startsWith("listening on"))
            return true;
        *why = QStringLiteral("serve on port %1 did not say it listens within %2 ms: \"%3\" %4")
                   .arg(port).arg(deadline).arg(QString::fromUtf8(first.trimmed()),
                                                QString::fromUtf8(m_process.readAllStandardError()));
        return false;
    }

    /**
     * Sends @p signal and waits for the exit. serve exits within 3 s of seeing SIGTERM, and sees
     * it behind at most netcore's bounded delivery backlog; false, with @p why, if it did not.
     */
    bool stop(int signal, QString *why)
    {
        ::kill(pid_t(m_process.processId()), signal);
        const int deadline = testing::scaled(10000);
        if (m_process.waitForFinished(deadline))
            return true;
        *why = QStringLiteral("serve did not exit within %1 ms of signal %2").arg(deadline).arg(signal);
        m_process.kill();
        m_process.waitForFinished(deadline);
        return false;
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

/** What one run across restarts saw. */
struct Run
{
    QString failure;           ///< empty unless a step missed its deadline
    QList<quint32> delivered;  ///< what every server process printed, in order
    int refused = 0;           ///< sends the full queue refused (offered again)
    int unconfirmed = 0;       ///< messages the last server never confirmed
};

/** Starts serve, restarts it @c restarts times with @p signal while a client with receipts sends messageCount messages. */
Run deliverAcrossRestarts(int signal)
{
    Run run;
    const quint16 port = testing::freePort();
    auto server = std::make_unique<ServeProcess>();
    if (!server->start(port, &run.failure))
        return run;
    Client client;
    client.setDeliveryReceipts(true);
    client.setAutoReconnect(true);
    client.setReconnectDelays(10, 100);
    client.setMaxPendingMessages(maxPending);
    client.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!client.waitForConnected(testing::scaled(5000))) {
        run.failure = QStringLiteral("the client did not connect: %1").arg(client.errorString());
        return run;
    }

    quint32 next = 1;
    QTimer sender;
    sender.setTimerType(Qt::PreciseTimer);
    QObject::connect(&sender, &QTimer::timeout, [&] {
        for (int i = 0; i < burst && next <= quint32(messageCount); ++i) {
            if (!client.send(Message::text(QStringLiteral("m"), QStringLiteral("work"), next))) {
                ++run.refused;
                return; // the queue is full: offered again on the next tick
            }
            ++next;
        }
    });
    sender.start(1);

    const int progressDeadline = testing::scaled(60000);
    const auto sendUpTo = [&](quint32 count) {
        if (runUntil([&] { return next > count; }, progressDeadline))
            return true;
        run.failure = QStringLiteral("the client sent %1 of %2 messages within %3 ms").arg(next - 1).arg(count).arg(progressDeadline);
        return false;
    };
    for (int restart = 1; restart <= restarts; ++restart) {
        // Each stop lands while the client is connected and sending.
        if (!sendUpTo(quint32(messageCount * restart / (restarts + 1))) || !server->stop(signal, &run.failure))
            return run;
        run.delivered += server->delivered();
        server = std::make_unique<ServeProcess>();
        if (!server->start(port, &run.failure))
            return run;
    }
    if (!sendUpTo(quint32(messageCount)))
        return run;
    sender.stop();
    if (!client.waitForDelivered(testing::scaled(60000)))
        run.unconfirmed = client.unconfirmedMessageCount();
    if (!server->stop(SIGTERM, &run.failure))
        return run;
    run.delivered += server->delivered();
    qInfo("%d messages, %d restarts, %d sends refused by the full queue and offered again", messageCount, restarts,
          run.refused);
    return run;
}

} // namespace

class TestServerRestart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void orderlyStopsDeliverEveryMessageExactlyOnceInOrder()
    {
        const Run run = deliverAcrossRestarts(SIGTERM);
        QVERIFY2(run.failure.isEmpty(), qPrintable(run.failure));
        QCOMPARE(run.unconfirmed, 0);
        QVERIFY(run.refused > 0); // the queue did fill while serve was down
        QCOMPARE(run.delivered.size(), messageCount);
        for (int i = 0; i < run.delivered.size(); ++i)
            QCOMPARE(run.delivered.at(i), quint32(i + 1));
    }

    void killedServersLoseNothingAndRepeatOnlyTheUnconfirmed()
    {
        const Run run = deliverAcrossRestarts(SIGKILL);
        QVERIFY2(run.failure.isEmpty(), qPrintable(run.failure));
        QCOMPARE(run.unconfirmed, 0);
        QVERIFY(run.refused > 0);
        // Every new message follows the last new one; a repeat is one already seen.
        quint32 highest = 0;
        int repeats = 0;
        for (quint32 id : run.delivered) {
            if (id <= highest) {
                ++repeats;
                continue;
            }
            QCOMPARE(id, highest + 1);
            highest = id;
        }
        QCOMPARE(highest, quint32(messageCount));
        // A killed server can only have printed again what it had not confirmed: the client's window at most.
        QVERIFY2(repeats <= restarts * maxPending, qPrintable(QString::number(repeats)));
        qInfo("SIGKILL: %d messages delivered again", repeats);
    }
};

QTEST_GUILESS_MAIN(TestServerRestart)
#include "tst_serverrestart.moc"
