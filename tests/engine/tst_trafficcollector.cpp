#include <engine/trafficcollector.h>

#include <QtTest/QTest>

using namespace wirebench;

class tst_TrafficCollector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void limitDropsTheOldestAndCounts();
    void loweringTheLimitTrimsAtOnce();
    void takeEmptiesThePendingLists();
    void eventsAreBoundedAndTheLossIsSaid();
    void largePayloadsAreKeptWholeWithinABudget();
};

static qsizetype keptBytes(const TrafficBatch &batch, int index)
{
    return batch.entries.at(index).message.payload().size();
}

static netcore::Message numbered(quint32 id)
{
    return netcore::Message::text(QStringLiteral("m"), QStringLiteral("c"), id);
}

void tst_TrafficCollector::limitDropsTheOldestAndCounts()
{
    TrafficCollector collector(10);
    for (quint32 id = 1; id <= 25; ++id)
        collector.addEntry(LogSource{QStringLiteral("client 1"), 0, 0, 1}, Direction::Out, numbered(id));
    const TrafficBatch batch = collector.take();
    QCOMPARE(batch.entries.size(), 10);
    QCOMPARE(batch.droppedEntries, 15u);
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(batch.entries.at(i).message.id(), quint32(16 + i));
        QCOMPARE(batch.entries.at(i).sequence, qint64(16 + i));
    }
    // Dropped entries still count in the channel statistics: they were on the wire.
    QCOMPARE(batch.channels.value(QStringLiteral("c")).messagesOut, 25u);
    QCOMPARE(collector.take().droppedEntries, 0u);
}

void tst_TrafficCollector::loweringTheLimitTrimsAtOnce()
{
    TrafficCollector collector(100);
    for (quint32 id = 1; id <= 50; ++id)
        collector.addEntry(LogSource{}, Direction::In, numbered(id));
    collector.setPendingEntryLimit(5);
    const TrafficBatch batch = collector.take();
    QCOMPARE(batch.entries.size(), 5);
    QCOMPARE(batch.droppedEntries, 45u);
    QCOMPARE(batch.entries.constFirst().message.id(), 46u);
}

void tst_TrafficCollector::takeEmptiesThePendingLists()
{
    TrafficCollector collector(100);
    collector.addEntry(LogSource{}, Direction::In, numbered(1));
    collector.addEvent(EventKind::Info, QStringLiteral("server 1"), QStringLiteral("hello"));
    ServerState server;
    server.id = 3;
    collector.setSnapshots({server}, {});
    TrafficBatch first = collector.take();
    QCOMPARE(first.entries.size(), 1);
    QCOMPARE(first.events.size(), 1);
    const TrafficBatch second = collector.take();
    QVERIFY(second.entries.isEmpty());
    QVERIFY(second.events.isEmpty());
    QCOMPARE(second.servers.size(), 1); // snapshots and statistics are full every time
    QCOMPARE(second.channels.value(QStringLiteral("c")).messagesIn, 1u);
}

void tst_TrafficCollector::eventsAreBoundedAndTheLossIsSaid()
{
    TrafficCollector collector(10);
    for (int i = 0; i < TrafficCollector::maxPendingEvents + 3; ++i)
        collector.addEvent(EventKind::Error, QStringLiteral("client 1"), QString::number(i));
    const TrafficBatch batch = collector.take();
    QCOMPARE(batch.events.size(), TrafficCollector::maxPendingEvents + 1);
    QCOMPARE(batch.events.constFirst().kind, EventKind::Info);
    QVERIFY2(batch.events.constFirst().text.contains(QLatin1String("3 event")), qPrintable(batch.events.constFirst().text));
    QCOMPARE(batch.events.at(1).text, QStringLiteral("3"));
}

void tst_TrafficCollector::largePayloadsAreKeptWholeWithinABudget()
{
    // One buffer shared by every message: the budget counts what the entries would hold.
    const qint64 quarter = LogEntry::wholePayloadBudget / 4;
    const auto big = netcore::Message::binary(QByteArray(quarter, 'p'));
    TrafficCollector collector(100);
    for (int i = 0; i < 5; ++i)
        collector.addEntry(LogSource{}, Direction::In, big);
    collector.addEntry(LogSource{}, Direction::In,
                       netcore::Message::binary(QByteArray(LogEntry::wholePayloadLimit + 1, 'q')));
    TrafficBatch batch = collector.take();
    QCOMPARE(batch.entries.size(), 6);
    for (int i = 0; i < 4; ++i)
        QCOMPARE(keptBytes(batch, i), quarter);
    QCOMPARE(keptBytes(batch, 4), LogEntry::payloadKeepLimit); // over the budget
    QCOMPARE(keptBytes(batch, 5), LogEntry::payloadKeepLimit); // over the whole payload limit
    QCOMPARE(batch.entries.at(5).size, qint64(LogEntry::wholePayloadLimit + 1));
    QCOMPARE(batch.channels.value(QString()).latest.payload().size(), LogEntry::payloadKeepLimit);

    collector.addEntry(LogSource{}, Direction::In, big); // the GUI took them: room again
    QCOMPARE(keptBytes(collector.take(), 0), quarter);

    TrafficCollector small(2); // dropped entries give their share back
    for (int i = 0; i < 10; ++i)
        small.addEntry(LogSource{}, Direction::In, big);
    batch = small.take();
    QCOMPARE(keptBytes(batch, 0), quarter);
    QCOMPARE(keptBytes(batch, 1), quarter);
}

QTEST_GUILESS_MAIN(tst_TrafficCollector)
#include "tst_trafficcollector.moc"
