#include <tests/ui/logentries.h>

#include <ui/models/messagelogfiltermodel.h>
#include <ui/models/messagelogmodel.h>

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace wirebench;

class TestMessageLogFilterModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void noFilterShowsAllInArrivalOrder();
    void filters_data();
    void filters();
    void changingAFilterRefilters();
    void defaultChannelOnly();
    void appendsWhileFiltered();
    void evictionWhileFiltered();
    void clearWhileFiltered();

private:
    static QList<qint64> sequences(const QAbstractItemModel &model);

    MessageLogModel *m_log = nullptr;
    MessageLogFilterModel *m_filter = nullptr;
};

/*
 * The log every test starts from:
 *   0  in   server 1 #1 127.0.0.1:5000  chat       text   "Hello world"
 *   1  out  client 1                    chat       json   {"msg":"hi"}
 *   2  in   client 2                    telemetry  binary de ad be ef
 *   3  out  server 1 #2 127.0.0.1:5001  (default)  text   "bye"
 *   4  in   client 1                    image      binary 89 50 4e 47
 */
void TestMessageLogFilterModel::init()
{
    m_log = new MessageLogModel(100, this);
    m_filter = new MessageLogFilterModel(this);
    m_filter->setSourceModel(m_log);
    new QAbstractItemModelTester(m_log, QAbstractItemModelTester::FailureReportingMode::QtTest, m_log);
    new QAbstractItemModelTester(m_filter, QAbstractItemModelTester::FailureReportingMode::QtTest, m_filter);

    using netcore::Message;
    m_log->append({
        testdata::entry(0, Direction::In, QStringLiteral("server 1 #1 127.0.0.1:5000"),
                        Message::text(QStringLiteral("Hello world"), QStringLiteral("chat"))),
        testdata::entry(1, Direction::Out, QStringLiteral("client 1"),
                        Message(netcore::MessageType::Json, R"({"msg":"hi"})", QStringLiteral("chat"))),
        testdata::entry(2, Direction::In, QStringLiteral("client 2"),
                        Message::binary(QByteArray::fromHex("deadbeef"), QStringLiteral("telemetry"))),
        testdata::entry(3, Direction::Out, QStringLiteral("server 1 #2 127.0.0.1:5001"),
                        Message::text(QStringLiteral("bye"))),
        testdata::entry(4, Direction::In, QStringLiteral("client 1"),
                        Message::binary(QByteArray::fromHex("89504e47"), QStringLiteral("image"))),
    });
}

void TestMessageLogFilterModel::cleanup()
{
    delete m_filter;
    delete m_log;
}

QList<qint64> TestMessageLogFilterModel::sequences(const QAbstractItemModel &model)
{
    QList<qint64> result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row, 0).data(MessageLogModel::SequenceRole).toLongLong());
    return result;
}

void TestMessageLogFilterModel::noFilterShowsAllInArrivalOrder()
{
    QVERIFY(!m_filter->isFiltering());
    QCOMPARE(sequences(*m_filter), (QList<qint64>{0, 1, 2, 3, 4}));
    QCOMPARE(m_filter->sortColumn(), -1);
}

void TestMessageLogFilterModel::filters_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("channel");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<int>("direction");
    QTest::addColumn<QList<qint64>>("expected");

    const int in = int(Direction::In);
    const int out = int(Direction::Out);
    QTest::newRow("text in a preview, any case") << "HELLO" << "" << "" << -1 << QList<qint64>{0};
    QTest::newRow("text in a json preview") << "msg" << "" << "" << -1 << QList<qint64>{1};
    QTest::newRow("text in a hex preview") << "de ad" << "" << "" << -1 << QList<qint64>{2};
    QTest::newRow("text in an endpoint") << "127.0.0.1" << "" << "" << -1 << QList<qint64>{0, 3};
    QTest::newRow("text in a channel") << "TELE" << "" << "" << -1 << QList<qint64>{2};
    QTest::newRow("text nowhere") << "nothing like it" << "" << "" << -1 << QList<qint64>{};
    QTest::newRow("channel exact") << "" << "chat" << "" << -1 << QList<qint64>{0, 1};
    QTest::newRow("channel is not a substring") << "" << "cha" << "" << -1 << QList<qint64>{};
    QTest::newRow("endpoint substring") << "" << "" << "client" << -1 << QList<qint64>{1, 2, 4};
    QTest::newRow("endpoint any case") << "" << "" << "SERVER 1" << -1 << QList<qint64>{0, 3};
    QTest::newRow("direction in") << "" << "" << "" << in << QList<qint64>{0, 2, 4};
    QTest::newRow("direction out") << "" << "" << "" << out << QList<qint64>{1, 3};
    QTest::newRow("channel and direction") << "" << "chat" << "" << out << QList<qint64>{1};
    QTest::newRow("endpoint and direction") << "" << "" << "client 1" << in << QList<qint64>{4};
    QTest::newRow("text and endpoint") << "e" << "" << "server" << -1 << QList<qint64>{0, 3};
    QTest::newRow("all four") << "world" << "chat" << "server 1" << in << QList<qint64>{0};
    QTest::newRow("all four, none left") << "world" << "chat" << "server 1" << out << QList<qint64>{};
}

void TestMessageLogFilterModel::filters()
{
    QFETCH(QString, text);
    QFETCH(QString, channel);
    QFETCH(QString, endpoint);
    QFETCH(int, direction);
    QFETCH(QList<qint64>, expected);

    m_filter->setTextFilter(text);
    m_filter->setChannelFilter(channel);
    m_filter->setEndpointFilter(endpoint);
    m_filter->setDirectionFilter(direction);
    QCOMPARE(sequences(*m_filter), expected);
    QCOMPARE(m_filter->textFilter(), text);
    QCOMPARE(m_filter->channelFilter(), channel);
    QCOMPARE(m_filter->endpointFilter(), endpoint);
    QCOMPARE(m_filter->directionFilter(), direction);
}

void TestMessageLogFilterModel::changingAFilterRefilters()
{
    m_filter->setChannelFilter(QStringLiteral("chat"));
    QCOMPARE(sequences(*m_filter), (QList<qint64>{0, 1}));
    m_filter->setChannelFilter(QStringLiteral("image"));
    QCOMPARE(sequences(*m_filter), (QList<qint64>{4}));
    m_filter->setChannelFilter(QString());
    m_filter->setDirectionFilter(int(Direction::Out));
    QCOMPARE(sequences(*m_filter), (QList<qint64>{1, 3}));
    m_filter->setDirectionFilter(-1);
    QVERIFY(!m_filter->isFiltering());
    QCOMPARE(sequences(*m_filter), (QList<qint64>{0, 1, 2, 3, 4}));
}

void TestMessageLogFilterModel::defaultChannelOnly()
{
    QSignalSpy layoutChanged(m_filter, &QAbstractItemModel::layoutChanged);
    m_filter->setDefaultChannelOnly();
    QVERIFY(m_filter->isDefaultChannelOnly());
    QVERIFY(m_filter->isFiltering());
    QCOMPARE(m_filter->channelFilter(), QString());
    QCOMPARE(sequences(*m_filter), (QList<qint64>{3}));
    QCOMPARE(layoutChanged.count(), 1);
    m_filter->setDefaultChannelOnly(); // already so: no refilter
    QCOMPARE(layoutChanged.count(), 1);

    m_filter->setDirectionFilter(int(Direction::In));
    QCOMPARE(sequences(*m_filter), (QList<qint64>{}));
    m_filter->setDirectionFilter(-1);

    using netcore::Message;
    m_log->append({
        testdata::entry(5, Direction::In, QStringLiteral("client 3"), Message::text(QStringLiteral("a"))),
        testdata::entry(6, Direction::In, QStringLiteral("client 3"), Message::text(QStringLiteral("b"), QStringLiteral("chat"))),
    });
    QCOMPARE(sequences(*m_filter), (QList<qint64>{3, 5}));

    // A named channel ends it, and so does an empty one (every channel).
    m_filter->setChannelFilter(QStringLiteral("chat"));
    QVERIFY(!m_filter->isDefaultChannelOnly());
    QCOMPARE(sequences(*m_filter), (QList<qint64>{0, 1, 6}));
    m_filter->setDefaultChannelOnly();
    QCOMPARE(sequences(*m_filter), (QList<qint64>{3, 5}));
    m_filter->setChannelFilter(QString());
    QVERIFY(!m_filter->isDefaultChannelOnly());
    QVERIFY(!m_filter->isFiltering());
    QCOMPARE(sequences(*m_filter), (QList<qint64>{0, 1, 2, 3, 4, 5, 6}));
}

void TestMessageLogFilterModel::appendsWhileFiltered()
{
    m_filter->setChannelFilter(QStringLiteral("chat"));
    QSignalSpy inserted(m_filter, &QAbstractItemModel::rowsInserted);

    using netcore::Message;
    m_log->append({
        testdata::entry(5, Direction::In, QStringLiteral("client 3"), Message::text(QStringLiteral("a"), QStringLiteral("chat"))),
        testdata::entry(6, Direction::In, QStringLiteral("client 3"), Message::text(QStringLiteral("b"), QStringLiteral("other"))),
        testdata::entry(7, Direction::Out, QStringLiteral("client 3"), Message::text(QStringLiteral("c"), QStringLiteral("chat"))),
    });
    QCOMPARE(sequences(*m_filter), (QList<qint64>{0, 1, 5, 7}));
    QVERIFY(inserted.count() >= 1);

    m_log->append({testdata::entry(8, Direction::In, QStringLiteral("client 3"),
                                   Message::text(QStringLiteral("d"), QStringLiteral("other")))});
    QCOMPARE(sequences(*m_filter), (QList<qint64>{0, 1, 5, 7}));
}

void TestMessageLogFilterModel::evictionWhileFiltered()
{
    m_log->setCapacity(5);
    m_filter->setDirectionFilter(int(Direction::In));
    QCOMPARE(sequences(*m_filter), (QList<qint64>{0, 2, 4}));

    // 3 more: rows 0, 1 and 2 leave the ring.
    m_log->append(testdata::numbered(5, 3));
    QCOMPARE(m_log->rowCount(), 5);
    QCOMPARE(sequences(*m_filter), (QList<qint64>{4, 5, 6, 7}));
}

void TestMessageLogFilterModel::clearWhileFiltered()
{
    m_filter->setTextFilter(QStringLiteral("client"));
    QCOMPARE(m_filter->rowCount(), 3);
    m_log->clear();
    QCOMPARE(m_filter->rowCount(), 0);
    m_log->append(testdata::numbered(10, 2)); // endpoint "client 1"
    QCOMPARE(sequences(*m_filter), (QList<qint64>{10, 11}));
}

QTEST_MAIN(TestMessageLogFilterModel)
#include "tst_messagelogfiltermodel.moc"
