#include <tests/ui/modelheaders.h>

#include <ui/models/channelstatsmodel.h>

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <cmath>

using namespace wirebench;

class TestChannelStatsModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void firstCallGivesZeroRates();
    void ratesFromTwoCalls();
    void ratesAreSmoothed();
    void noSmoothingShowsEachInterval();
    void channelBornBetweenCallsIsInsertedSorted();
    void channelsThatGoAreRemoved();
    void idleChannelsEmitNothing();
    void sameInstantTwiceKeepsTheBaseline();
    void restartedCountersDoNotGoNegative();
    void latestMessage();
    void clearForgetsTheBaseline();
    void headersAreShortWithFullToolTips();

private:
    static ChannelStats stats(const QString &channel, quint64 messagesIn, quint64 bytesIn, quint64 messagesOut = 0,
                              quint64 bytesOut = 0);
    static QHash<QString, ChannelStats> hash(const QList<ChannelStats> &list);
    double role(int row, int role) const { return m_model->index(row, 0).data(role).toDouble(); }
    QString text(int row, int column) const { return m_model->index(row, column).data().toString(); }

    ChannelStatsModel *m_model = nullptr;
};

ChannelStats TestChannelStatsModel::stats(const QString &channel, quint64 messagesIn, quint64 bytesIn,
                                          quint64 messagesOut, quint64 bytesOut)
{
    ChannelStats stats;
    stats.channel = channel;
    stats.messagesIn = messagesIn;
    stats.bytesIn = bytesIn;
    stats.messagesOut = messagesOut;
    stats.bytesOut = bytesOut;
    return stats;
}

QHash<QString, ChannelStats> TestChannelStatsModel::hash(const QList<ChannelStats> &list)
{
    QHash<QString, ChannelStats> result;
    for (const ChannelStats &stats : list)
        result.insert(stats.channel, stats);
    return result;
}

void TestChannelStatsModel::init()
{
    m_model = new ChannelStatsModel(this);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
}

void TestChannelStatsModel::cleanup()
{
    delete m_model;
}

void TestChannelStatsModel::firstCallGivesZeroRates()
{
    m_model->setChannels(hash({stats(QStringLiteral("image"), 1, 100), stats(QString(), 5, 50, 2, 20),
                               stats(QStringLiteral("chat"), 3, 30)}),
                         1000);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(text(0, ChannelStatsModel::ChannelColumn), QStringLiteral("(default)"));
    QCOMPARE(m_model->index(0, 0).data(ChannelStatsModel::ChannelRole).toString(), QString());
    QCOMPARE(text(1, ChannelStatsModel::ChannelColumn), QStringLiteral("chat"));
    QCOMPARE(text(2, ChannelStatsModel::ChannelColumn), QStringLiteral("image"));
    QCOMPARE(text(0, ChannelStatsModel::MessagesInColumn), QStringLiteral("5"));
    QCOMPARE(text(0, ChannelStatsModel::BytesInColumn), QStringLiteral("50 B"));
    QCOMPARE(text(0, ChannelStatsModel::MessagesOutColumn), QStringLiteral("2"));
    QCOMPARE(text(0, ChannelStatsModel::BytesOutColumn), QStringLiteral("20 B"));
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(role(row, ChannelStatsModel::RateInRole), 0.0);
        QCOMPARE(role(row, ChannelStatsModel::RateOutRole), 0.0);
        QCOMPARE(role(row, ChannelStatsModel::ByteRateInRole), 0.0);
        QCOMPARE(role(row, ChannelStatsModel::ByteRateOutRole), 0.0);
        QCOMPARE(text(row, ChannelStatsModel::RateInColumn), QStringLiteral("0.0/s"));
        QCOMPARE(text(row, ChannelStatsModel::ByteRateInColumn), QStringLiteral("0 B/s"));
    }
    for (int column = 0; column < ChannelStatsModel::ColumnCount; ++column)
        QVERIFY(!m_model->headerData(column, Qt::Horizontal).toString().isEmpty());
}

void TestChannelStatsModel::ratesFromTwoCalls()
{
    m_model->setChannels(hash({stats(QStringLiteral("chat"), 10, 1000)}), 1000);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    // 500 ms later: 50 more in (5000 bytes), 10 out (500 bytes).
    m_model->setChannels(hash({stats(QStringLiteral("chat"), 60, 6000, 10, 500)}), 1500);

    QCOMPARE(role(0, ChannelStatsModel::RateInRole), 100.0);
    QCOMPARE(role(0, ChannelStatsModel::ByteRateInRole), 10000.0);
    QCOMPARE(role(0, ChannelStatsModel::RateOutRole), 20.0);
    QCOMPARE(role(0, ChannelStatsModel::ByteRateOutRole), 1000.0);
    QCOMPARE(text(0, ChannelStatsModel::RateInColumn), QStringLiteral("100.0/s"));
    QCOMPARE(text(0, ChannelStatsModel::ByteRateInColumn), QStringLiteral("9.8 KiB/s"));
    QCOMPARE(text(0, ChannelStatsModel::RateOutColumn), QStringLiteral("20.0/s"));
    QCOMPARE(text(0, ChannelStatsModel::ByteRateOutColumn), QStringLiteral("1000 B/s"));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(ChannelStatsModel::MessagesInColumn));
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), int(ChannelStatsModel::ByteRateOutColumn));
}

void TestChannelStatsModel::ratesAreSmoothed()
{
    QCOMPARE(m_model->smoothingMsecs(), ChannelStatsModel::defaultSmoothingMsecs);
    m_model->setSmoothingMsecs(1000);
    m_model->setChannels(hash({stats(QStringLiteral("chat"), 0, 0)}), 0);
    m_model->setChannels(hash({stats(QStringLiteral("chat"), 100, 0)}), 1000); // 100/s
    QCOMPARE(role(0, ChannelStatsModel::RateInRole), 100.0);

    // Nothing for 500 ms: the rate decays with a 1 s time constant instead of dropping to 0.
    m_model->setChannels(hash({stats(QStringLiteral("chat"), 100, 0)}), 1500);
    const double alpha = 1.0 - std::exp(-0.5);
    const double expected = 100.0 + alpha * (0.0 - 100.0);
    QVERIFY2(qAbs(role(0, ChannelStatsModel::RateInRole) - expected) < 1e-9,
             qPrintable(QString::number(role(0, ChannelStatsModel::RateInRole))));
    QCOMPARE(text(0, ChannelStatsModel::RateInColumn), QStringLiteral("60.7/s"));
}

void TestChannelStatsModel::noSmoothingShowsEachInterval()
{
    m_model->setSmoothingMsecs(0);
    m_model->setChannels(hash({stats(QStringLiteral("chat"), 0, 0)}), 0);
    m_model->setChannels(hash({stats(QStringLiteral("chat"), 100, 0)}), 1000);
    QCOMPARE(role(0, ChannelStatsModel::RateInRole), 100.0);
    m_model->setChannels(hash({stats(QStringLiteral("chat"), 100, 0)}), 1500);
    QCOMPARE(role(0, ChannelStatsModel::RateInRole), 0.0);
    m_model->setChannels(hash({stats(QStringLiteral("chat"), 110, 0)}), 1750);
    QCOMPARE(role(0, ChannelStatsModel::RateInRole), 40.0);
}

void TestChannelStatsModel::channelBornBetweenCallsIsInsertedSorted()
{
    m_model->setChannels(hash({stats(QStringLiteral("chat"), 1, 10), stats(QStringLiteral("zeta"), 1, 10)}), 0);
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    m_model->setChannels(hash({stats(QStringLiteral("chat"), 1, 10), stats(QStringLiteral("zeta"), 1, 10),
                               stats(QStringLiteral("alpha"), 5, 50), stats(QStringLiteral("mid"), 1, 1)}),
                         250);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(text(0, 0), QStringLiteral("alpha"));
    QCOMPARE(text(1, 0), QStringLiteral("chat"));
    QCOMPARE(text(2, 0), QStringLiteral("mid"));
    QCOMPARE(text(3, 0), QStringLiteral("zeta"));
    QCOMPARE(m_model->rowOfChannel(QStringLiteral("mid")), 2);
    // All of alpha's traffic happened in these 250 ms.
    QCOMPARE(role(0, ChannelStatsModel::RateInRole), 20.0);
    QCOMPARE(role(0, ChannelStatsModel::ByteRateInRole), 200.0);
    QCOMPARE(m_model->stats(0).messagesIn, 5u);
}

void TestChannelStatsModel::channelsThatGoAreRemoved()
{
    m_model->setChannels(hash({stats(QStringLiteral("a"), 1, 1), stats(QStringLiteral("b"), 1, 1),
                               stats(QStringLiteral("c"), 1, 1), stats(QStringLiteral("d"), 1, 1)}),
                         0);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    m_model->setChannels(hash({stats(QStringLiteral("c"), 1, 1)}), 100);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(text(0, 0), QStringLiteral("c"));
    QCOMPARE(removed.count(), 2); // "d", then "a".."b"
    m_model->setChannels({}, 200);
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(m_model->rowOfChannel(QStringLiteral("c")), -1);
}

void TestChannelStatsModel::idleChannelsEmitNothing()
{
    m_model->setSmoothingMsecs(0);
    const auto channels = hash({stats(QStringLiteral("chat"), 5, 50), stats(QStringLiteral("image"), 1, 9000)});
    m_model->setChannels(channels, 0);
    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    m_model->setChannels(channels, 33);
    m_model->setChannels(channels, 66);
    QCOMPARE(changed.count(), 0);

    auto busier = channels;
    busier[QStringLiteral("image")].messagesIn = 2;
    m_model->setChannels(busier, 99);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
}

void TestChannelStatsModel::sameInstantTwiceKeepsTheBaseline()
{
    m_model->setSmoothingMsecs(0);
    m_model->setChannels(hash({stats(QStringLiteral("chat"), 0, 0)}), 1000);
    m_model->setChannels(hash({stats(QStringLiteral("chat"), 10, 0)}), 1000); // no interval: no rate yet
    QCOMPARE(role(0, ChannelStatsModel::RateInRole), 0.0);
    QCOMPARE(m_model->stats(0).messagesIn, 10u);
    m_model->setChannels(hash({stats(QStringLiteral("chat"), 20, 0)}), 2000);
    QCOMPARE(role(0, ChannelStatsModel::RateInRole), 20.0); // 20 messages since t=1000
}

void TestChannelStatsModel::restartedCountersDoNotGoNegative()
{
    m_model->setSmoothingMsecs(0);
    m_model->setChannels(hash({stats(QStringLiteral("chat"), 100, 1000)}), 0);
    m_model->setChannels(hash({stats(QStringLiteral("chat"), 5, 50)}), 1000); // the bench was cleared
    QCOMPARE(role(0, ChannelStatsModel::RateInRole), 5.0);
    QCOMPARE(role(0, ChannelStatsModel::ByteRateInRole), 50.0);
}

void TestChannelStatsModel::latestMessage()
{
    ChannelStats chat = stats(QStringLiteral("chat"), 1, 7);
    chat.latest = netcore::Message(netcore::MessageType::Json, R"({"a":1})", QStringLiteral("chat"), 3);
    chat.latestTime = QDateTime(QDate(2024, 5, 1), QTime(12, 0, 0));
    ChannelStats quiet = stats(QStringLiteral("quiet"), 0, 0);
    m_model->setChannels(hash({chat, quiet}), 0);

    QCOMPARE(text(0, ChannelStatsModel::LatestColumn), QStringLiteral(R"({"a":1})"));
    QCOMPARE(text(1, ChannelStatsModel::LatestColumn), QString());
    const QVariant latest = m_model->index(0, 0).data(ChannelStatsModel::LatestMessageRole);
    QVERIFY(latest.canConvert<netcore::Message>());
    QCOMPARE(latest.value<netcore::Message>(), chat.latest);

    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    chat.latest = netcore::Message::text(QStringLiteral("next"), QStringLiteral("chat"));
    m_model->setChannels(hash({chat, quiet}), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), m_model->index(0, ChannelStatsModel::LatestColumn));
    QCOMPARE(text(0, ChannelStatsModel::LatestColumn), QStringLiteral("next"));
}

void TestChannelStatsModel::clearForgetsTheBaseline()
{
    m_model->setChannels(hash({stats(QStringLiteral("chat"), 10, 10)}), 0);
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    m_model->setChannels(hash({stats(QStringLiteral("chat"), 20, 20)}), 1000); // a first call again
    QCOMPARE(role(0, ChannelStatsModel::RateInRole), 0.0);
}

void TestChannelStatsModel::headersAreShortWithFullToolTips()
{
    // Count columns are narrow: a short header, the full name as its tooltip.
    QCOMPARE(testdata::horizontalHeaders(*m_model),
             (QStringList{"Channel", "In", "Bytes in", "Out", "Bytes out", "In/s", "Out/s", "Bytes/s in",
                          "Bytes/s out", "Latest"}));
    QCOMPARE(testdata::horizontalHeaders(*m_model, Qt::ToolTipRole),
             (QStringList{"Channel", "Messages in", "Bytes in", "Messages out", "Bytes out",
                          "Messages per second in", "Messages per second out", "Bytes per second in",
                          "Bytes per second out", "The latest message, either direction"}));
}

QTEST_MAIN(TestChannelStatsModel)
#include "tst_channelstatsmodel.moc"
