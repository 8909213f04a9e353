#include <engine/recording/logrecordingwriter.h>
#include <engine/recording/recording.h>

#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

using namespace wirebench;

/**
 * File > Save log as recording without the window: log rows of a server,
 * clients and a proxy become a recording of one of them, read back by
 * Recording::load; rows with a cut payload are refused.
 */
class tst_LogRecordingWriter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void roundTrips_data();
    void roundTrips();
    void cutPayloadIsRefused();
    void nothingSelectedIsRefused();
    void rowsOutOfTimeOrderKeepTheTimeGoingForward();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    QTemporaryDir m_dir;
};

namespace {

const QDateTime start = QDateTime(QDate(2026, 12, 7), QTime(14, 0), Qt::UTC);

LogEntry row(int msecs, Direction direction, const QString &endpoint, int serverId, quint64 connection, int clientId,
             int proxyId, const QByteArray &payload)
{
    LogEntry entry;
    entry.time = start.addMSecs(msecs);
    entry.direction = direction;
    entry.endpoint = endpoint;
    entry.serverId = serverId;
    entry.connection = connection;
    entry.clientId = clientId;
    entry.proxyId = proxyId;
    entry.message = netcore::Message::binary(payload, QStringLiteral("data"));
    entry.size = payload.size();
    return entry;
}

/** One exchange seen everywhere: client 5 → proxy 2 #1 → server 1 #3 and back, then client 6 alone. */
QList<LogEntry> bench()
{
    return {
        row(0, Direction::Out, QStringLiteral("client 5"), 0, 0, 5, 0, "hi"),
        row(1, Direction::ClientToServer, QStringLiteral("front #1"), 0, 1, 0, 2, "hi"),
        row(2, Direction::In, QStringLiteral("echo #3 127.0.0.1:50000"), 1, 3, 0, 0, "hi"),
        row(2, Direction::Out, QStringLiteral("echo #3 127.0.0.1:50000"), 1, 3, 0, 0, "hi"),
        row(3, Direction::ServerToClient, QStringLiteral("front #1"), 0, 1, 0, 2, "hi"),
        row(4, Direction::In, QStringLiteral("client 5"), 0, 0, 5, 0, "hi"),
        row(1500, Direction::Out, QStringLiteral("client 6"), 0, 0, 6, 0, QByteArray("\x00\xff", 2)),
        row(1502, Direction::In, QStringLiteral("echo #4 127.0.0.1:50002"), 1, 4, 0, 0, QByteArray("\x00\xff", 2)),
    };
}

} // namespace

void tst_LogRecordingWriter::roundTrips_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("id");
    QTest::addColumn<QList<int>>("clientIds");
    QTest::addColumn<QList<quint64>>("conversations");
    QTest::addColumn<QStringList>("directions"); // every message's, in order
    QTest::addColumn<QList<qint64>>("times");    // every message's t_us
    QTest::addColumn<QString>("firstPeer");
    QTest::addColumn<int>("startedMsecs");

    QTest::newRow("server") << int(LogSelection::Kind::Server) << 1 << QList<int>{} << QList<quint64>{3, 4}
                            << QStringList{"c2s", "s2c", "c2s"} << QList<qint64>{0, 0, 1500000}
                            << QStringLiteral("127.0.0.1:50000") << 2;
    QTest::newRow("clients") << int(LogSelection::Kind::Clients) << 0 << QList<int>{5, 6} << QList<quint64>{5, 6}
                             << QStringList{"c2s", "s2c", "c2s"} << QList<qint64>{0, 4000, 1500000}
                             << QStringLiteral("client 5") << 0;
    QTest::newRow("one client") << int(LogSelection::Kind::Clients) << 0 << QList<int>{6} << QList<quint64>{6}
                                << QStringList{"c2s"} << QList<qint64>{0} << QStringLiteral("client 6") << 1500;
    QTest::newRow("proxy") << int(LogSelection::Kind::Proxy) << 2 << QList<int>{} << QList<quint64>{1}
                           << QStringList{"c2s", "s2c"} << QList<qint64>{0, 2000} << QStringLiteral("front #1") << 1;
}

void tst_LogRecordingWriter::roundTrips()
{
    QFETCH(int, kind);
    QFETCH(int, id);
    QFETCH(QList<int>, clientIds);
    QFETCH(QList<quint64>, conversations);
    QFETCH(QStringList, directions);
    QFETCH(QList<qint64>, times);
    QFETCH(QString, firstPeer);
    QFETCH(int, startedMsecs);

    LogSelection selection;
    selection.kind = LogSelection::Kind(kind);
    selection.id = id;
    selection.clientIds = QSet<int>(clientIds.cbegin(), clientIds.cend());
    selection.name = QStringLiteral("it");
    selection.codec.kind = netcore::CodecConfig::Kind::Length;
    const QString file = path(QStringLiteral("%1.jsonl").arg(QTest::currentDataTag()));
    QString error;
    QVERIFY2(LogRecordingWriter::save(bench(), selection, file, &error), qPrintable(error));

    Recording recording;
    QVERIFY2(Recording::load(file, &recording, &error), qPrintable(error));
    QCOMPARE(recording.header().recorder, QStringLiteral("app"));
    QCOMPARE(recording.header().codec, selection.codec);
    QCOMPARE(recording.header().started, start.addMSecs(startedMsecs)); // its first row's time
    QStringList gotDirections;
    QList<qint64> gotTimes;
    for (const RecordedEvent &event : recording.events()) {
        if (event.kind != RecordedEvent::Kind::Message)
            continue;
        gotDirections.append(proxyDirectionName(*event.direction));
        gotTimes.append(event.timeUs);
        QVERIFY(event.message.payload() == "hi" || event.message.payload() == QByteArray("\x00\xff", 2));
        QCOMPARE(event.message.channel(), QStringLiteral("data"));
    }
    QCOMPARE(gotDirections, directions);
    QCOMPARE(gotTimes, times);
    QList<quint64> gotConversations;
    for (const Conversation &conversation : recording.conversations())
        gotConversations.append(conversation.connection);
    QCOMPARE(gotConversations, conversations);
    QCOMPARE(recording.conversations().constFirst().peer, firstPeer);
    QVERIFY(!recording.conversations().constFirst().end); // the log does not know how it ended
}

void tst_LogRecordingWriter::rowsOutOfTimeOrderKeepTheTimeGoingForward()
{
    // Rows of two threads, the second stamped a millisecond before the first.
    const QList<LogEntry> entries{
        row(5, Direction::In, QStringLiteral("echo #3 127.0.0.1:50000"), 1, 3, 0, 0, "a"),
        row(4, Direction::Out, QStringLiteral("echo #3 127.0.0.1:50000"), 1, 3, 0, 0, "a"),
        row(9, Direction::In, QStringLiteral("echo #3 127.0.0.1:50000"), 1, 3, 0, 0, "b"),
    };
    LogSelection server{LogSelection::Kind::Server, 1, {}, QStringLiteral("echo (server)"), {}};
    const QString file = path(QStringLiteral("unordered.jsonl"));
    QString error;
    QVERIFY2(LogRecordingWriter::save(entries, server, file, &error), qPrintable(error));
    Recording recording;
    QVERIFY2(Recording::load(file, &recording, &error), qPrintable(error)); // refuses time going back
    QList<qint64> times;
    for (const RecordedEvent &event : recording.events())
        times.append(event.timeUs);
    QCOMPARE(times, (QList<qint64>{0, 0, 0, 4000}));
}

void tst_LogRecordingWriter::cutPayloadIsRefused()
{
    QList<LogEntry> entries = bench();
    entries[2].size = 100000; // the log kept less than the whole payload
    LogSelection server{LogSelection::Kind::Server, 1, {}, QStringLiteral("echo (server)"), {}};
    QCOMPARE(LogRecordingWriter::cutPayloads(entries, server), 1);
    QString error;
    QVERIFY(!LogRecordingWriter::save(entries, server, path(QStringLiteral("cut.jsonl")), &error));
    QVERIFY2(error.contains(QLatin1String("echo (server)")) && error.contains(QLatin1String("cut short")), qPrintable(error));
    QVERIFY(!QFile::exists(path(QStringLiteral("cut.jsonl"))));
    // Another source of the same log is not touched by it.
    LogSelection proxy{LogSelection::Kind::Proxy, 2, {}, QStringLiteral("front (proxy)"), {}};
    QVERIFY(LogRecordingWriter::refusal(entries, proxy).isEmpty());
}

void tst_LogRecordingWriter::nothingSelectedIsRefused()
{
    LogSelection none{LogSelection::Kind::Server, 9, {}, QStringLiteral("gone (server)"), {}};
    QString error;
    QVERIFY(!LogRecordingWriter::save(bench(), none, path(QStringLiteral("none.jsonl")), &error));
    QCOMPARE(error, QStringLiteral("the log has no message of gone (server)"));
}

QTEST_GUILESS_MAIN(tst_LogRecordingWriter)
#include "tst_logrecordingwriter.moc"
