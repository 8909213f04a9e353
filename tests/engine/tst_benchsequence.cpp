#include <tests/engine/benchtap.h>
#include <tests/engine/serverrecorder.h>
#include <tests/timefactor.h>

#include <engine/bench.h>

#include <netcore/server.h>

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QTest>

using namespace wirebench;
using namespace benchtest;

/**
 * The composer's templates and sequences as the engine sends them: what a real netcore::Server
 * receives, per connection and in order, and the bench's own log and progress.
 */
class tst_BenchSequence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sendNFillsSeqPerRepetition();
    void aSendIsSeqOne();
    void aBroadcastIsBuiltForEachRecipient();
    void aMessageThatCannotBeBuiltIsRefusedWithTheReason();
    void sequenceGoesInOrderWithTheDelayBetweenSteps();
    void stopSequenceEndsTheRun();
    void sequenceRefusalsAreErrors();

private:

    /** @p count clients of @p bench connected to @p recorder's server; their ids. */
    static QList<int> connectClients(BenchTap &tap, ServerRecorder &recorder, int count);
    static ComposedPayload compose(PayloadBuilder::Kind kind, const QString &content);
    static int seqOf(const netcore::Message &message)
    {
        return QJsonDocument::fromJson(message.payload()).object().value(QStringLiteral("n")).toInt();
    }
};

QList<int> tst_BenchSequence::connectClients(BenchTap &tap, ServerRecorder &recorder, int count)
{
    if (!recorder.server.listen(QHostAddress::LocalHost, 0))
        return {};
    ClientSpec spec;
    spec.port = recorder.server.serverPort();
    const QList<int> ids = tap.bench.spawnClients(spec, count);
    const bool up = tap.waitFor([&] {
        for (const int id : ids) {
            if (tap.client(id).state != QLatin1String("connected"))
                return false;
        }
        return true;
    });
    return up ? ids : QList<int>();
}

ComposedPayload tst_BenchSequence::compose(PayloadBuilder::Kind kind, const QString &content)
{
    ComposedPayload payload;
    QString error;
    if (!ComposedPayload::compose(kind, content, QString(), 0, &payload, &error))
        qWarning("cannot compose %s: %s", qPrintable(content), qPrintable(error));
    return payload;
}

// "N ×": repetition n fills {{seq}} with n, the same n for every destination.
void tst_BenchSequence::sendNFillsSeqPerRepetition()
{
    ServerRecorder recorder;
    Bench bench;
    BenchTap tap(bench);
    const QList<int> ids = connectClients(tap, recorder, 2);
    QCOMPARE(ids.size(), 2);
    bench.startLoad({SendTarget::Kind::Clients, ids, 0, {}},
                    compose(PayloadBuilder::Kind::Json, QStringLiteral("{\"n\": {{seq}}}")), 50, 0);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.total(), 100, timeout);
    for (int connection = 0; connection < 2; ++connection) {
        const QList<netcore::Message> messages = recorder.of(connection);
        for (int i = 0; i < messages.size(); ++i)
            QCOMPARE(seqOf(messages.at(i)), i + 1);
    }
    QVERIFY(tap.waitFor([&] { return !tap.load.running && tap.load.messages.sent == 100; }));
}

void tst_BenchSequence::aSendIsSeqOne()
{
    ServerRecorder recorder;
    Bench bench;
    BenchTap tap(bench);
    const QList<int> ids = connectClients(tap, recorder, 1);
    const ComposedPayload payload = compose(PayloadBuilder::Kind::Text, QStringLiteral("n={{seq}} r={{random:5-5}}"));
    bench.send({SendTarget::Kind::Clients, ids, 0, {}}, payload);
    bench.send({SendTarget::Kind::Clients, ids, 0, {}}, payload);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.total(), 2, timeout);
    QCOMPARE(recorder.of(0).at(0).toText(), QStringLiteral("n=1 r=5"));
    QCOMPARE(recorder.of(0).at(1).toText(), QStringLiteral("n=1 r=5")); // each Send is one send of its own
}

void tst_BenchSequence::aBroadcastIsBuiltForEachRecipient()
{
    Bench bench;
    BenchTap tap(bench);
    int server = 0;
    QList<int> clients;
    QVERIFY(setUp(tap, serverSpec(ServerMode::Silent), 3, &server, &clients));
    // Wide enough that three equal draws would be a one-in-a-trillion fluke.
    bench.send({SendTarget::Kind::Broadcast, {}, server, {}},
               compose(PayloadBuilder::Kind::Text, QStringLiteral("{{seq}}:{{random:1-1000000}}")));
    QSet<QString> texts;
    QVERIFY(tap.waitFor([&] {
        texts.clear();
        for (const int client : clients) {
            for (const LogEntry &entry : tap.entriesAt(tap.client(client).name, Direction::In))
                texts.insert(entry.message.toText());
        }
        return texts.size() == 3;
    }));
    for (const QString &text : std::as_const(texts))
        QVERIFY2(text.startsWith(QLatin1String("1:")), qPrintable(text));
    QCOMPARE(tap.sends.constLast().messages.sent, qint64(3));
}

// Valid for the first nine, "0" + "10" is three hex digits: that one is refused, with the reason.
void tst_BenchSequence::aMessageThatCannotBeBuiltIsRefusedWithTheReason()
{
    ServerRecorder recorder;
    Bench bench;
    BenchTap tap(bench);
    const QList<int> ids = connectClients(tap, recorder, 1);
    bench.startLoad({SendTarget::Kind::Clients, ids, 0, {}}, compose(PayloadBuilder::Kind::Binary, QStringLiteral("0{{seq}}")),
                    10, 0);
    QVERIFY(tap.waitFor([&] { return !tap.load.running && tap.load.messages.count() == 10; }));
    QCOMPARE(tap.load.messages.sent, qint64(9));
    QCOMPARE(tap.load.messages.refused, qint64(1));
    QVERIFY2(tap.load.messages.firstRefusal.startsWith(QLatin1String("with the templates filled in:")),
             qPrintable(tap.load.messages.firstRefusal));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.total(), 9, timeout);
    QCOMPARE(recorder.of(0).at(8).payload(), QByteArray::fromHex("09"));
}

void tst_BenchSequence::sequenceGoesInOrderWithTheDelayBetweenSteps()
{
    ServerRecorder recorder;
    Bench bench;
    BenchTap tap(bench);
    const QList<int> ids = connectClients(tap, recorder, 2);
    QCOMPARE(ids.size(), 2);
    const QList<ComposedPayload> steps = {
        compose(PayloadBuilder::Kind::Json, QStringLiteral("{\"n\": {{seq}}}")),
        compose(PayloadBuilder::Kind::Text, QStringLiteral("step {{seq}}")),
        compose(PayloadBuilder::Kind::Binary, QStringLiteral("03")),
        compose(PayloadBuilder::Kind::Json, QStringLiteral("{\"n\": {{seq}}}")),
    };
    const int delay = 150;
    bench.startSequence({SendTarget::Kind::Clients, ids, 0, {}}, steps, delay);
    QVERIFY(tap.waitFor([&] { return tap.sequence.running || tap.sequence.stepsDone == 4; }));
    QCOMPARE(tap.sequence.steps, 4);
    QCOMPARE(tap.sequence.destinations, 2);

    QTRY_COMPARE_WITH_TIMEOUT(recorder.total(), 8, timeout);
    for (int connection = 0; connection < 2; ++connection) {
        const QList<netcore::Message> messages = recorder.of(connection);
        QCOMPARE(seqOf(messages.at(0)), 1);
        QCOMPARE(messages.at(1).toText(), QStringLiteral("step 2"));
        QCOMPARE(messages.at(2).payload(), QByteArray::fromHex("03"));
        QCOMPARE(seqOf(messages.at(3)), 4);
    }
    QVERIFY(tap.waitFor([&] { return !tap.sequence.running; }));
    QCOMPARE(tap.sequence.stepsDone, 4);
    QCOMPARE(tap.sequence.messages.sent, qint64(8));

    // Each client's Out rows, as the log timed them: a step starts a full delay after the one
    // before ended. The log reads its clock once per millisecond, so one may look 1 ms early.
    for (const int id : ids) {
        const QList<LogEntry> out = tap.entriesAt(tap.client(id).name, Direction::Out);
        QCOMPARE(out.size(), 4);
        for (int i = 1; i < out.size(); ++i) {
            const qint64 gap = out.at(i - 1).time.msecsTo(out.at(i).time);
            QVERIFY2(gap >= delay - 1, qPrintable(QStringLiteral("step %1 came %2 ms after the one before").arg(i + 1).arg(gap)));
        }
    }
}

void tst_BenchSequence::stopSequenceEndsTheRun()
{
    ServerRecorder recorder;
    Bench bench;
    BenchTap tap(bench);
    const QList<int> ids = connectClients(tap, recorder, 1);
    const ComposedPayload step = compose(PayloadBuilder::Kind::Text, QStringLiteral("step {{seq}}"));
    bench.startSequence({SendTarget::Kind::Clients, ids, 0, {}}, {step, step, step}, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.total(), 1, timeout);
    QVERIFY(tap.waitFor([&] { return tap.sequence.running && tap.sequence.stepsDone == 1; }));
    QCOMPARE(tap.sequence.run, 1u);
    bench.stopSequence();
    QVERIFY(tap.waitFor([&] { return !tap.sequence.running; }));
    QCOMPARE(tap.sequence.stepsDone, 1);
    QCOMPARE(tap.sequence.messages.sent, qint64(1));

    // Started again, it starts from the first step.
    bench.startSequence({SendTarget::Kind::Clients, ids, 0, {}}, {step}, 0);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.total(), 2, timeout);
    QCOMPARE(recorder.of(0).at(1).toText(), QStringLiteral("step 1"));
    QVERIFY(tap.waitFor([&] { return tap.sequence.run == 2 && !tap.sequence.running; }));
}

void tst_BenchSequence::sequenceRefusalsAreErrors()
{
    Bench bench;
    BenchTap tap(bench);
    ClientSpec nowhere;
    nowhere.port = 1;
    nowhere.autoReconnect = false;
    const QList<int> ids = bench.spawnClients(nowhere, 1);
    QVERIFY(tap.waitFor([&] { return tap.client(ids.at(0)).state == QLatin1String("closed"); }));
    const ComposedPayload step(netcore::Message::text(QStringLiteral("x")));
    bench.startSequence({SendTarget::Kind::Clients, ids, 0, {}}, {step, step, step}, 0);
    QVERIFY(tap.waitFor([&] { return !tap.sequence.running && tap.sequence.stepsDone == 3; }));
    QCOMPARE(tap.sequence.messages.refused, qint64(3));
    QVERIFY(tap.hasEvent(EventKind::Error, QStringLiteral("Sequence"), QStringLiteral("not sent: client 1 is closed")));
    QVERIFY(tap.waitFor([&] {
        return tap.hasEvent(EventKind::Error, QStringLiteral("Sequence"), QStringLiteral("3 of 3 messages not sent"));
    }));
}

QTEST_GUILESS_MAIN(tst_BenchSequence)
#include "tst_benchsequence.moc"
