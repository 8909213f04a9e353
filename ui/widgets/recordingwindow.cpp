#include "recordingwindow.h"

#include <ui/widgets/eventspage.h>
#include <ui/widgets/inspectorpage.h>
#include <ui/widgets/logpage.h>
#include <ui/widgets/trafficpage.h>

#include <ui/models/channelstatsmodel.h>
#include <ui/models/eventlogmodel.h>
#include <ui/models/messagelogmodel.h>
#include <ui/models/recordingtimeline.h>

#include <engine/recording/recording.h>

#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QLocale>
#include <QtWidgets/QDockWidget>
#include <QtWidgets/QLabel>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QVBoxLayout>

#include <algorithm>

namespace wirebench {

RecordingWindow::RecordingWindow(const Recording &recording, const QString &fileName, QWidget *parent)
    : QMainWindow(parent, Qt::Window), m_fileName(fileName),
      m_logModel(new MessageLogModel(qMax(MessageLogModel::defaultCapacity, int(recording.events().size())), this)),
      m_eventModel(new EventLogModel(qMax(EventLogModel::defaultCapacity, int(recording.events().size())), this)),
      m_channelModel(new ChannelStatsModel(this))
{
    setObjectName(QStringLiteral("recordingWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("%1 — recording, read-only").arg(QFileInfo(fileName).fileName()));
    resize(1400, 860);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *banner = new QLabel(central);
    banner->setObjectName(QStringLiteral("recordingBanner"));
    banner->setWordWrap(true);
    banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    banner->setContentsMargins(8, 6, 8, 6);
    banner->setAutoFillBackground(true); // the tooltip colours: a note over the page, in any theme
    banner->setBackgroundRole(QPalette::ToolTipBase);
    banner->setForegroundRole(QPalette::ToolTipText);
    const RecordingHeader &header = recording.header();
    const qsizetype messages = std::count_if(recording.events().cbegin(), recording.events().cend(),
                                             [](const RecordedEvent &event) { return event.kind == RecordedEvent::Kind::Message; });
    banner->setText(tr("<b>Recording</b> %1 — read-only: nothing is sent from this window (File &gt; Replay Recording… "
                       "in the main window plays it against a server).<br>Recorded by %2 with the %3 codec, started %4, "
                       "%5 s: %n message(s) in %6 connection(s).", nullptr, int(messages))
                        .arg(QDir::toNativeSeparators(fileName).toHtmlEscaped(),
                             header.recorder.isEmpty() ? tr("an unnamed recorder") : header.recorder.toHtmlEscaped(),
                             netcore::CodecConfig::kindName(header.codec.kind),
                             QLocale().toString(header.started.toLocalTime(), QLocale::ShortFormat),
                             QLocale().toString(double(recording.durationUs()) / 1e6, 'f', 1))
                        .arg(recording.conversations().size()));
    layout->addWidget(banner);
    m_logPage = new LogPage(central);
    m_logPage->setObjectName(QStringLiteral("logPage"));
    m_logPage->setLogModel(m_logModel);
    // A recording neither grows nor pauses; the export stays (exactly the rows shown).
    for (const char *name : {"pauseButton", "clearButton"}) {
        if (auto *button = m_logPage->findChild<QToolButton *>(QLatin1String(name)))
            button->hide();
    }
    layout->addWidget(m_logPage, 1);
    setCentralWidget(central);

    m_inspectorPage = new InspectorPage(this);
    m_trafficPage = new TrafficPage(this);
    m_trafficPage->setChannelModel(m_channelModel);
    auto *eventsPage = new EventsPage(this);
    eventsPage->setEventModel(m_eventModel);
    const auto dock = [this](QWidget *page, const QString &title, const QString &name, Qt::DockWidgetArea area) {
        page->setObjectName(name + QStringLiteral("Page"));
        auto *widget = new QDockWidget(title, this);
        widget->setObjectName(name + QStringLiteral("Dock"));
        widget->setWidget(page);
        addDockWidget(area, widget);
        return widget;
    };
    QDockWidget *inspector = dock(m_inspectorPage, tr("Inspector"), QStringLiteral("inspector"), Qt::RightDockWidgetArea);
    QDockWidget *traffic = dock(m_trafficPage, tr("Traffic"), QStringLiteral("traffic"), Qt::BottomDockWidgetArea);
    QDockWidget *events = dock(eventsPage, tr("Events"), QStringLiteral("events"), Qt::BottomDockWidgetArea);
    tabifyDockWidget(traffic, events);
    traffic->raise();
    resizeDocks({inspector}, {480}, Qt::Horizontal);
    resizeDocks({traffic}, {300}, Qt::Vertical);
    connect(m_logPage, &LogPage::entrySelected, m_inspectorPage, &InspectorPage::setEntry);

    load(recording);
}

RecordingWindow::~RecordingWindow()
{
    // The pages point into the models, which are children made before them: the pages go first.
    const QList<QDockWidget *> docks = findChildren<QDockWidget *>();
    qDeleteAll(docks);
    delete takeCentralWidget();
}

void RecordingWindow::load(const Recording &recording)
{
    const RecordingTimeline timeline(recording);
    m_logModel->append(timeline.entries());
    m_eventModel->append(timeline.events());
    QStringList channels;
    // The charts step through the recording's time, as the live ones step through the clock.
    timeline.forEachStep(TrafficPage::sampleIntervalMsecs,
                         [this, &channels](qint64 msecs, const QHash<QString, ChannelStats> &stats) {
                             m_channelModel->setChannels(stats, msecs);
                             m_trafficPage->sampleAt(msecs);
                             channels = stats.keys();
                         });
    m_logPage->addKnownChannels(channels);
}

} // namespace wirebench
