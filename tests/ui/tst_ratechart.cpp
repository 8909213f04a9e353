#include <ui/widgets/ratechart.h>
#include <ui/widgets/trafficpage.h>

#include <ui/models/channelstatsmodel.h>

#include <QtCharts/QLegendMarker>
#include <QtCharts/QValueAxis>
#include <QtTest/QTest>

using namespace wirebench;

/**
 * The Traffic page's charts: in and out are two lines per channel, named in
 * the legend, never one summed line (200 msg/s each way read as 400 before).
 */
class tst_RateChart : public QObject
{
    Q_OBJECT

private slots:
    void inAndOutAreTwoNamedLines();
    void aChannelThatStopsReadsZero();
    void aShortChartCutsNoLabel();

private:
    static QStringList legend(const RateChart *chart);
};

QStringList tst_RateChart::legend(const RateChart *chart)
{
    QStringList labels;
    const QList<QLegendMarker *> markers = chart->chart()->legend()->markers();
    for (const QLegendMarker *marker : markers)
        labels.append(marker->label());
    labels.sort();
    return labels;
}

void tst_RateChart::inAndOutAreTwoNamedLines()
{
    ChannelStatsModel model;
    model.setSmoothingMsecs(0); // each interval's rate as is
    TrafficPage page;
    page.setChannelModel(&model);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    ChannelStats chat;
    chat.channel = QStringLiteral("chat");
    ChannelStats plain; // the default channel
    model.setChannels({{chat.channel, chat}, {QString(), plain}}, 0);
    // One second later: chat 200 in and 200 out (a client's sends, the server's receipts), plain 30 in.
    chat.messagesIn = chat.messagesOut = 200;
    chat.bytesIn = chat.bytesOut = 200 * 16;
    plain.messagesIn = 30;
    plain.bytesIn = 30 * 100;
    model.setChannels({{chat.channel, chat}, {QString(), plain}}, 1000);
    page.sampleNow();

    const RateChart *messages = page.messageRateChart();
    QCOMPARE(messages->seriesCount(), 4);
    QCOMPARE(messages->latestValue(QStringLiteral("chat"), RateChart::Flow::In), 200.0);
    QCOMPARE(messages->latestValue(QStringLiteral("chat"), RateChart::Flow::Out), 200.0);
    QCOMPARE(messages->latestValue(QString(), RateChart::Flow::In), 30.0);
    QCOMPARE(messages->latestValue(QString(), RateChart::Flow::Out), 0.0);
    QCOMPARE(legend(messages), QStringList({QStringLiteral("(default) in"), QStringLiteral("(default) out"),
                                            QStringLiteral("chat in"), QStringLiteral("chat out")}));
    QVERIFY(messages->chart()->title().contains(QLatin1String("in (solid), out (dashed)")));
    QVERIFY(messages->toolTip().contains(QLatin1String("out at the client and in at the server")));

    const RateChart *bytes = page.byteRateChart();
    QCOMPARE(bytes->latestValue(QStringLiteral("chat"), RateChart::Flow::In), 3200.0);
    QCOMPARE(bytes->latestValue(QStringLiteral("chat"), RateChart::Flow::Out), 3200.0);
    QCOMPARE(legend(bytes).size(), 4);
}

void tst_RateChart::aChannelThatStopsReadsZero()
{
    RateChart chart(QStringLiteral("t"), RateChart::Quantity::Messages);
    chart.addSample(1.0, {{QStringLiteral("a"), 5.0}}, {{QStringLiteral("a"), 7.0}}, {});
    chart.addSample(2.0, {}, {}, {});
    QCOMPARE(chart.latestValue(QStringLiteral("a"), RateChart::Flow::In), 0.0);
    QCOMPARE(chart.latestValue(QStringLiteral("a"), RateChart::Flow::Out), 0.0);
}

void tst_RateChart::aShortChartCutsNoLabel()
{
    for (const int height : {140, 400}) {
        RateChart chart(QStringLiteral("Messages per second"), RateChart::Quantity::Messages);
        chart.resize(500, height);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.addSample(1, {{QStringLiteral("chat"), 8.5}}, {{QStringLiteral("chat"), 4}}, {});
        QCoreApplication::processEvents();
        const QAbstractAxis *axis = chart.chart()->axes(Qt::Vertical).constFirst();
        QVERIFY2(!axis->labelsTruncated(), qPrintable(QString::number(height)));
        const int ticks = qobject_cast<const QValueAxis *>(axis)->tickCount();
        QVERIFY(ticks >= 2);
        if (height == 400)
            QCOMPARE(ticks, 5); // room for every label: the chart keeps them all
    }
}

QTEST_MAIN(tst_RateChart)
#include "tst_ratechart.moc"
