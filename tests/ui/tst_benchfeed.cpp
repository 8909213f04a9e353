#include <ui/models/benchfeed.h>
#include <ui/models/channelstatsmodel.h>
#include <ui/models/clientlistmodel.h>
#include <ui/models/eventlogmodel.h>
#include <ui/models/messagelogmodel.h>
#include <ui/models/serverlistmodel.h>

#include <engine/bench.h>

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace wirebench;

class TestBenchFeed : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void applyNowWithoutModels();
    void echoServerAndOneClient();
    void timerDrivesTheModels();
    void deletedModelIsSkipped();

private:
    void attachAll(BenchFeed *feed);
    int entriesAt(const QString &endpointPrefix, Direction direction) const;
    /** Starts an echo server and one client and waits, feeding, until the client is connected. */
    void startEchoPair(BenchFeed *feed, bool feedByHand);

    Bench *m_bench = nullptr;
    MessageLogModel *m_log = nullptr;
    EventLogModel *m_events = nullptr;
    ServerListModel *m_servers = nullptr;
    ClientListModel *m_clients = nullptr;
    ChannelStatsModel *m_channels = nullptr;
    int m_serverId = 0;
    QList<int> m_clientIds;
};

void TestBenchFeed::init()
{
    m_bench = new Bench(this);
    m_log = new MessageLogModel(1000, this);
    m_events = new EventLogModel(1000, this);
    m_servers = new ServerListModel(this);
    m_clients = new ClientListModel(this);
    m_channels = new ChannelStatsModel(this);
    const QList<QAbstractItemModel *> models{m_log, m_events, m_servers, m_clients, m_channels};
    for (QAbstractItemModel *model : models)
        new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest, model);
}

void TestBenchFeed::cleanup()
{
    delete m_bench; // first: its I/O thread stops before the models go
    delete m_log;
    delete m_events;
    delete m_servers;
    delete m_clients;
    delete m_channels;
    m_clientIds.clear();
}

void TestBenchFeed::attachAll(BenchFeed *feed)
{
    feed->setLogModel(m_log);
    feed->setEventModel(m_events);
    feed->setServerModel(m_servers);
    feed->setClientModel(m_clients);
    feed->setChannelModel(m_channels);
}

int TestBenchFeed::entriesAt(const QString &endpointPrefix, Direction direction) const
{
    int count = 0;
    for (int row = 0; row < m_log->rowCount(); ++row) {
        const LogEntry entry = m_log->entry(row);
        if (entry.endpoint.startsWith(endpointPrefix) && entry.direction == direction)
            ++count;
    }
    return count;
}

void TestBenchFeed::startEchoPair(BenchFeed *feed, bool feedByHand)
{
    const auto feedIfByHand = [feed, feedByHand] {
        if (feedByHand)
            feed->applyNow();
        return true;
    };
    ServerSpec server;
    server.mode = ServerMode::Echo;
    m_serverId = m_bench->addServer(server);
    const auto listeningPort = [this]() -> quint16 {
        const int row = m_servers->rowOfServer(m_serverId);
        return row >= 0 && m_servers->server(row).listening ? m_servers->server(row).boundPort : 0;
    };
    QTRY_VERIFY_WITH_TIMEOUT(feedIfByHand() && listeningPort() != 0, 10000);

    ClientSpec client;
    client.port = listeningPort();
    m_clientIds = m_bench->spawnClients(client, 1);
    QCOMPARE(m_clientIds.size(), 1);
    const auto clientState = [this] {
        const int row = m_clients->rowOfClient(m_clientIds.first());
        return row >= 0 ? m_clients->index(row, 0).data(ClientListModel::StateRole).toString() : QString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(feedIfByHand() && clientState() == QLatin1String("connected"), 10000);
}

void TestBenchFeed::applyNowWithoutModels()
{
    BenchFeed feed(m_bench);
    QSignalSpy applied(&feed, &BenchFeed::batchApplied);
    feed.applyNow();
    feed.applyNow();
    QCOMPARE(applied.count(), 2);
    QCOMPARE(feed.droppedEntries(), 0u);
    QVERIFY(!feed.isRunning());
}

void TestBenchFeed::echoServerAndOneClient()
{
    BenchFeed feed(m_bench);
    attachAll(&feed);
    QSignalSpy applied(&feed, &BenchFeed::batchApplied);
    startEchoPair(&feed, true);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(m_servers->rowCount(), 1);
    QCOMPARE(m_clients->rowCount(), 1);
    QCOMPARE(m_clients->index(0, ClientListModel::NameColumn).data().toString(), QStringLiteral("client 1"));

    SendTarget target;
    target.kind = SendTarget::Kind::Clients;
    target.clientIds = m_clientIds;
    m_bench->send(target, netcore::Message::text(QStringLiteral("hello"), QStringLiteral("chat"), 9));

    // Out at the client, In at the server, its echo Out, and In at the client again.
    QTRY_VERIFY_WITH_TIMEOUT((feed.applyNow(), m_log->rowCount() >= 4), 10000);
    QTest::qWait(100);
    feed.applyNow();
    QCOMPARE(m_log->rowCount(), 4);
    QCOMPARE(entriesAt(QStringLiteral("client 1"), Direction::Out), 1);
    QCOMPARE(entriesAt(QStringLiteral("client 1"), Direction::In), 1);
    QCOMPARE(entriesAt(QStringLiteral("server"), Direction::In), 1);
    QCOMPARE(entriesAt(QStringLiteral("server"), Direction::Out), 1);
    for (int row = 0; row < m_log->rowCount(); ++row) {
        QCOMPARE(m_log->index(row, MessageLogModel::PreviewColumn).data().toString(), QStringLiteral("hello"));
        QCOMPARE(m_log->index(row, MessageLogModel::ChannelColumn).data().toString(), QStringLiteral("chat"));
        QCOMPARE(m_log->index(row, MessageLogModel::IdColumn).data().toString(), QStringLiteral("9"));
    }

    const int chat = m_channels->rowOfChannel(QStringLiteral("chat"));
    QVERIFY(chat >= 0);
    QCOMPARE(m_channels->stats(chat).messagesIn, 2u);
    QCOMPARE(m_channels->stats(chat).messagesOut, 2u);
    QCOMPARE(m_channels->stats(chat).bytesIn, 10u);

    QTRY_VERIFY_WITH_TIMEOUT((feed.applyNow(), m_clients->client(0).messagesIn == 1), 5000);
    QCOMPARE(m_clients->index(0, ClientListModel::MessagesOutColumn).data().toString(), QStringLiteral("1"));
    QCOMPARE(m_servers->index(0, ServerListModel::ClientsColumn).data().toString(), QStringLiteral("1"));
    QCOMPARE(m_servers->index(0, ServerListModel::StateColumn).data().toString(), QStringLiteral("listening"));

    bool sawConnect = false;
    for (int row = 0; row < m_events->rowCount(); ++row)
        sawConnect = sawConnect || m_events->benchEvent(row).kind == EventKind::Connected;
    QVERIFY(sawConnect);
    QVERIFY(applied.count() >= 3);
    QCOMPARE(feed.droppedEntries(), 0u);
}

void TestBenchFeed::timerDrivesTheModels()
{
    BenchFeed feed(m_bench);
    attachAll(&feed);
    QSignalSpy applied(&feed, &BenchFeed::batchApplied);
    feed.start(60);
    QVERIFY(feed.isRunning());
    startEchoPair(&feed, false); // the timer alone feeds the models
    if (QTest::currentTestFailed())
        return;

    SendTarget target;
    target.kind = SendTarget::Kind::Broadcast;
    target.serverId = m_serverId;
    m_bench->send(target, netcore::Message::text(QStringLiteral("to all")));
    QTRY_COMPARE_WITH_TIMEOUT(entriesAt(QStringLiteral("client 1"), Direction::In), 1, 10000);
    QVERIFY(applied.count() > 1);

    feed.stop();
    QVERIFY(!feed.isRunning());
    const int applications = int(applied.count());
    QTest::qWait(100);
    QCOMPARE(int(applied.count()), applications);
}

void TestBenchFeed::deletedModelIsSkipped()
{
    BenchFeed feed(m_bench);
    attachAll(&feed);
    delete m_log; // a page closed: its model goes, the others keep being fed
    m_log = nullptr;
    startEchoPair(&feed, true);
    if (QTest::currentTestFailed())
        return;
    SendTarget target;
    target.kind = SendTarget::Kind::Clients;
    target.clientIds = m_clientIds;
    m_bench->send(target, netcore::Message::text(QStringLiteral("still counted"), QStringLiteral("chat")));
    QTRY_VERIFY_WITH_TIMEOUT((feed.applyNow(), m_channels->rowOfChannel(QStringLiteral("chat")) >= 0
                              && m_channels->stats(m_channels->rowOfChannel(QStringLiteral("chat"))).messagesIn == 2),
                             10000);
    QTRY_VERIFY_WITH_TIMEOUT((feed.applyNow(), m_clients->client(0).messagesIn == 1), 5000);
    QCOMPARE(m_servers->rowCount(), 1);
    // What the log would have shown is not lost as "dropped": there was nowhere to drop it from.
    QCOMPARE(feed.droppedEntries(), 0u);
}

QTEST_MAIN(TestBenchFeed)
#include "tst_benchfeed.moc"
