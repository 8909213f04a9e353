#pragma once

#include <QtCharts/QChartView>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QPointF>

#include <utility>

class QLineSeries;
class QValueAxis;

namespace wirebench {

/**
 * A live line chart of one rate per channel over the last windowSeconds():
 * samples come with their time, the x axis reads "seconds ago" (-60 .. 0)
 * and the y axis fits the largest value shown, in a unit that keeps its
 * labels short (msg/s, k msg/s, M msg/s; B/s, KiB/s, MiB/s, GiB/s).
 * It is drawn light or dark as the palette it gets is.
 */
class RateChart : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY(RateChart)

public:
    static constexpr double windowSeconds = 60.0;

    enum class Quantity { Messages, Bytes };

    RateChart(const QString &title, Quantity quantity, QWidget *parent = nullptr);
    ~RateChart() override;

    /** Adds one value per channel at @p seconds (monotonic); a channel seen first gets @p colors' colour. */
    void addSample(double seconds, const QHash<QString, double> &values, const QHash<QString, QColor> &colors);
    /** Forgets every series. */
    void reset();

    int seriesCount() const { return int(m_series.size()); }
    /** The newest value of @p channel's series; 0 if none. */
    double latestValue(const QString &channel) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Track
    {
        QLineSeries *series = nullptr; ///< owned by the chart
        QList<QPointF> points;          ///< (seconds, value), oldest first
        QColor color;                   ///< the channel's; invalid: the chart theme's
    };

    Track &trackFor(const QString &channel, const QColor &color);
    static void applyColor(const Track &track);
    /** Takes Qt Charts' dark theme under a dark palette, its light one (the default) otherwise. */
    void followPalette();
    /** The divisor and name of the unit that shows @p top best. */
    std::pair<double, QString> unitFor(double top) const;

    QHash<QString, Track> m_series;
    QValueAxis *m_xAxis = nullptr; ///< owned by the chart
    QValueAxis *m_yAxis = nullptr; ///< owned by the chart
    Quantity m_quantity = Quantity::Messages;
};

} // namespace wirebench
