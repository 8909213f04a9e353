#include "trafficpage.h"

#include "ui_trafficpage.h"

#include <ui/widgets/ratechart.h>
#include <ui/widgets/tableviews.h>

#include <ui/models/channelstatsmodel.h>

namespace wirebench {

namespace {

/** Distinct, print-safe line colours (Tableau 10). */
const QRgb channelPalette[] = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
                               0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};

} // namespace

TrafficPage::TrafficPage(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::TrafficPage>())
{
    m_ui->setupUi(this);
    m_messageChart = new RateChart(tr("Messages per second: in (solid), out (dashed)"), RateChart::Quantity::Messages,
                                   m_ui->chartsPane);
    m_byteChart = new RateChart(tr("Bytes per second: in (solid), out (dashed)"), RateChart::Quantity::Bytes,
                                m_ui->chartsPane);
    // Never summed: a message between two ends of this bench is out at one and in at the other.
    const QString counted = tr("Counted at every end of the bench, servers and clients: a message from one "
                               "of its clients to one of its servers is out at the client and in at the server.");
    m_messageChart->setToolTip(counted);
    m_byteChart->setToolTip(counted);
    m_messageChart->setObjectName(QStringLiteral("messageRateChart"));
    m_byteChart->setObjectName(QStringLiteral("byteRateChart"));
    m_ui->chartsLayout->addWidget(m_messageChart);
    m_ui->chartsLayout->addWidget(m_byteChart);
    // Channels are few; the charts get the room.
    m_ui->splitter->setStretchFactor(0, 1);
    m_ui->splitter->setStretchFactor(1, 2);
    m_ui->splitter->setSizes({110, 220});
    TableViews::setUpCompact(m_ui->channelView);
    m_clock.start();
}

TrafficPage::~TrafficPage() = default;

void TrafficPage::setChannelModel(ChannelStatsModel *model)
{
    m_model = model;
    m_ui->channelView->setModel(model);
    TableViews::setColumnWidths(m_ui->channelView, {100, 55, 85, 55, 85, 60, 60, 90, 90});
}

void TrafficPage::onBatchApplied()
{
    const qint64 now = m_clock.elapsed();
    if (m_lastSampleMsecs < 0 || now - m_lastSampleMsecs >= sampleIntervalMsecs)
        sampleNow();
}

void TrafficPage::sampleNow()
{
    sampleAt(m_clock.elapsed());
}

void TrafficPage::sampleAt(qint64 msecs)
{
    if (!m_model)
        return;
    m_lastSampleMsecs = msecs;
    QHash<QString, double> messagesIn;
    QHash<QString, double> messagesOut;
    QHash<QString, double> bytesIn;
    QHash<QString, double> bytesOut;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        const QString channel = index.data(ChannelStatsModel::ChannelRole).toString();
        messagesIn.insert(channel, index.data(ChannelStatsModel::RateInRole).toDouble());
        messagesOut.insert(channel, index.data(ChannelStatsModel::RateOutRole).toDouble());
        bytesIn.insert(channel, index.data(ChannelStatsModel::ByteRateInRole).toDouble());
        bytesOut.insert(channel, index.data(ChannelStatsModel::ByteRateOutRole).toDouble());
        colorFor(channel);
    }
    const double seconds = double(m_lastSampleMsecs) / 1000.0;
    m_messageChart->addSample(seconds, messagesIn, messagesOut, m_colors);
    m_byteChart->addSample(seconds, bytesIn, bytesOut, m_colors);
}

void TrafficPage::resetCharts()
{
    m_messageChart->reset();
    m_byteChart->reset();
    m_colors.clear();
}

QColor TrafficPage::colorFor(const QString &channel)
{
    auto it = m_colors.find(channel);
    if (it == m_colors.end()) {
        const int count = int(std::size(channelPalette));
        it = m_colors.insert(channel, QColor(channelPalette[m_colors.size() % count]));
    }
    return *it;
}

} // namespace wirebench
