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
 * A live line chart of two rates per channel, in (solid) and out (dashed,
 * same colour), over the last windowSeconds():
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
    /** Which way the messages went, at the end that counted them. */
    enum class Flow { In, Out };

    RateChart(const QString &title, Quantity quantity, QWidget *parent = nullptr);
    ~RateChart() override;

    /**
     * Adds the in and the out value of each channel at @p seconds (monotonic); a channel seen
     * first gets @p colors' colour for both its lines.
     */
    void addSample(double seconds, const QHash<QString, double> &in, const QHash<QString, double> &out,
                   const QHash<QString, QColor> &colors);
    /** Forgets every series. */
    void reset();

    /** Lines drawn: two per channel. */
    int seriesCount() const { return int(m_series.size()); }
    /** The newest value of @p channel's @p flow line; 0 if none. */
    double latestValue(const QString &channel, Flow flow) const;
    /** The legend's name of @p channel's @p flow line ("chat in", "(default) out"). */
    QString seriesName(const QString &channel, Flow flow) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    /** The most y-axis labels: 0, a quarter, a half, three quarters, the top. */
    static constexpr int maxYTicks = 5;

    /** As many y ticks as labels fit beside @p plotArea, so none is cut short. */
    void fitYTicks(const QRectF &plotArea);
    using TrackKey = std::pair<QString, Flow>;

    struct Track
    {
        QLineSeries *series = nullptr; ///< owned by the chart
        QList<QPointF> points;          ///< (seconds, value), oldest first
        QColor color;                   ///< the channel's; invalid: the chart theme's
        Qt::PenStyle style = Qt::SolidLine; ///< solid in, dashed out
    };

    Track &trackFor(const TrackKey &key, const QColor &color);
    static void applyColor(const Track &track);
    /** Takes Qt Charts' dark theme under a dark palette, its light one (the default) otherwise. */
    void followPalette();
    /** The divisor and name of the unit that shows @p top best. */
    std::pair<double, QString> unitFor(double top) const;

    QHash<TrackKey, Track> m_series;
    QValueAxis *m_xAxis = nullptr; ///< owned by the chart
    QValueAxis *m_yAxis = nullptr; ///< owned by the chart
    Quantity m_quantity = Quantity::Messages;
};

/** For RateChart's lines, keyed by channel and flow. */
inline size_t qHash(RateChart::Flow flow, size_t seed = 0) { return ::qHash(int(flow), seed); }

} // namespace wirebench
