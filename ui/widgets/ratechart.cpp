#include "ratechart.h"

#include <ui/widgets/apptheme.h>

#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>
#include <QtGui/QFontMetricsF>

#include <algorithm>

#include <cmath>

namespace wirebench {

namespace {

/** A "nice" axis top above @p value: 1, 2 or 5 times a power of ten. */
double niceCeiling(double value)
{
    if (value <= 1.0)
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 5.0, 10.0}) {
        if (value <= step * magnitude)
            return step * magnitude;
    }
    return 10.0 * magnitude;
}

} // namespace

RateChart::RateChart(const QString &title, Quantity quantity, QWidget *parent)
    // The chart goes to the base: QChartView(parent) makes a default chart that setChart() would leak.
    : QChartView(new QChart, parent), m_xAxis(new QValueAxis), m_yAxis(new QValueAxis), m_quantity(quantity)
{
    QChart *chart = this->chart(); // the view owns the chart, the chart its axes and series
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    m_xAxis->setRange(-windowSeconds, 0);
    m_xAxis->setLabelFormat(QStringLiteral("%d s"));
    m_xAxis->setTickCount(7); // every 10 s
    m_yAxis->setRange(0, 1);
    m_yAxis->setLabelFormat(QStringLiteral("%g"));
    m_yAxis->setTitleText(unitFor(0).second);
    m_yAxis->setTickCount(maxYTicks);
    chart->addAxis(m_xAxis, Qt::AlignBottom);
    chart->addAxis(m_yAxis, Qt::AlignLeft);
    // Qt cuts a label taller than its share of the plot to "…": a short chart gets fewer ticks.
    connect(chart, &QChart::plotAreaChanged, this, &RateChart::fitYTicks);
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(140);
    followPalette();
}

RateChart::~RateChart() = default;

void RateChart::fitYTicks(const QRectF &plotArea)
{
    const qreal labelHeight = QFontMetricsF(m_yAxis->labelsFont()).height() + 8; // Qt's padding above and below
    m_yAxis->setTickCount(std::clamp(int(plotArea.height() / labelHeight) + 1, 2, maxYTicks));
}

void RateChart::addSample(double seconds, const QHash<QString, double> &in, const QHash<QString, double> &out,
                          const QHash<QString, QColor> &colors)
{
    for (const Flow flow : {Flow::In, Flow::Out}) {
        const QHash<QString, double> &values = flow == Flow::In ? in : out;
        for (auto it = values.cbegin(); it != values.cend(); ++it)
            trackFor({it.key(), flow}, colors.value(it.key())).points.append(QPointF(seconds, it.value()));
    }

    double top = 0;
    for (auto it = m_series.begin(); it != m_series.end(); ++it) {
        Track &track = it.value();
        const QHash<QString, double> &values = it.key().second == Flow::In ? in : out;
        // A channel that went away reads 0 rather than holding its last rate.
        if (!values.contains(it.key().first) && (track.points.isEmpty() || track.points.last().x() < seconds))
            track.points.append(QPointF(seconds, 0));
        while (!track.points.isEmpty() && track.points.first().x() < seconds - windowSeconds - 1)
            track.points.removeFirst();
        for (const QPointF &point : std::as_const(track.points))
            top = qMax(top, point.y());
    }

    const auto [divisor, unit] = unitFor(top);
    for (Track &track : m_series) {
        QList<QPointF> shown;
        shown.reserve(track.points.size());
        for (const QPointF &point : std::as_const(track.points))
            shown.append(QPointF(point.x() - seconds, point.y() / divisor));
        track.series->replace(shown);
    }
    m_yAxis->setRange(0, niceCeiling(top / divisor * 1.1));
    if (m_yAxis->titleText() != unit)
        m_yAxis->setTitleText(unit);
}

void RateChart::reset()
{
    chart()->removeAllSeries();
    m_series.clear();
    m_yAxis->setRange(0, 1);
}

void RateChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        followPalette();
}

void RateChart::followPalette()
{
    // A chart paints with its theme's colours, not the palette's: a dark window needs the dark theme.
    const QChart::ChartTheme theme =
        AppTheme::isDark(palette()) ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    if (chart()->theme() == theme)
        return;
    chart()->setTheme(theme);
    for (const Track &track : std::as_const(m_series))
        applyColor(track); // setTheme() repainted the series in the theme's colours
}

double RateChart::latestValue(const QString &channel, Flow flow) const
{
    const auto it = m_series.constFind({channel, flow});
    return it == m_series.cend() || it->points.isEmpty() ? 0.0 : it->points.last().y();
}

std::pair<double, QString> RateChart::unitFor(double top) const
{
    if (m_quantity == Quantity::Bytes) {
        if (top >= 1024.0 * 1024 * 1024)
            return {1024.0 * 1024 * 1024, tr("GiB/s")};
        if (top >= 1024.0 * 1024)
            return {1024.0 * 1024, tr("MiB/s")};
        if (top >= 1024.0)
            return {1024.0, tr("KiB/s")};
        return {1.0, tr("B/s")};
    }
    if (top >= 1e6)
        return {1e6, tr("M msg/s")};
    if (top >= 1e4)
        return {1e3, tr("k msg/s")};
    return {1.0, tr("msg/s")};
}

QString RateChart::seriesName(const QString &channel, Flow flow) const
{
    const QString name = channel.isEmpty() ? tr("(default)") : channel;
    return flow == Flow::In ? tr("%1 in").arg(name) : tr("%1 out").arg(name);
}

RateChart::Track &RateChart::trackFor(const TrackKey &key, const QColor &color)
{
    auto it = m_series.find(key);
    if (it != m_series.end())
        return *it;
    auto *series = new QLineSeries;
    series->setName(seriesName(key.first, key.second));
    Track track;
    track.series = series;
    track.color = color;
    track.style = key.second == Flow::In ? Qt::SolidLine : Qt::DashLine;
    applyColor(track);
    chart()->addSeries(series);
    series->attachAxis(m_xAxis);
    series->attachAxis(m_yAxis);
    return *m_series.insert(key, track);
}

void RateChart::applyColor(const Track &track)
{
    QPen pen = track.series->pen();
    if (track.color.isValid())
        pen.setColor(track.color);
    pen.setStyle(track.style);
    pen.setWidthF(2.0);
    track.series->setPen(pen);
}

} // namespace wirebench
