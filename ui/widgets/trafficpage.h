#pragma once

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtGui/QColor>
#include <QtWidgets/QWidget>

#include <memory>

namespace Ui {
class TrafficPage;
}

namespace wirebench {

class ChannelStatsModel;
class RateChart;

/**
 * Traffic per channel: the counters, rates and latest value of each channel
 * (a ChannelStatsModel), and two live charts of the last minute, messages/s
 * and bytes/s, two lines per channel: in and out, never summed.
 */
class TrafficPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(TrafficPage)

public:
    /** The charts take a point this often, whatever the feed's rate. */
    static constexpr int sampleIntervalMsecs = 500;

    explicit TrafficPage(QWidget *parent = nullptr);
    ~TrafficPage() override;

    /** The channels to show and chart (not owned). */
    void setChannelModel(ChannelStatsModel *model);

    /** Call after each batch: adds a chart point when sampleIntervalMsecs have passed. */
    void onBatchApplied();
    /** Adds a chart point now from the model's current rates. */
    void sampleNow();
    /** Adds a chart point from the model's current rates at @p msecs of another time line (a recording's). */
    void sampleAt(qint64 msecs);
    /** Forgets the charts' history. */
    void resetCharts();

    const RateChart *messageRateChart() const { return m_messageChart; }
    const RateChart *byteRateChart() const { return m_byteChart; }

private:
    QColor colorFor(const QString &channel);

    std::unique_ptr<Ui::TrafficPage> m_ui;
    ChannelStatsModel *m_model = nullptr;
    RateChart *m_messageChart = nullptr; ///< child of the page
    RateChart *m_byteChart = nullptr;    ///< child of the page
    QHash<QString, QColor> m_colors;
    QElapsedTimer m_clock;
    qint64 m_lastSampleMsecs = -1;
};

} // namespace wirebench
