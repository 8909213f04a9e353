#pragma once

#include <QtWidgets/QMainWindow>

namespace wirebench {

class ChannelStatsModel;
class EventLogModel;
class InspectorPage;
class LogPage;
class MessageLogModel;
class Recording;
class TrafficPage;

/**
 * File > Open Recording: a recording shown read-only with the main window's
 * log, inspector, traffic (with its charts) and events pages, on its own
 * models and on the recording's time line. A window of its own, so the
 * bench's live traffic never mixes with it; its title and a banner say it
 * is a recording and that nothing is sent from here.
 */
class RecordingWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY(RecordingWindow)

public:
    /** Shows @p recording, read from @p fileName. */
    RecordingWindow(const Recording &recording, const QString &fileName, QWidget *parent = nullptr);
    ~RecordingWindow() override;

    MessageLogModel *logModel() const { return m_logModel; }
    EventLogModel *eventModel() const { return m_eventModel; }
    ChannelStatsModel *channelModel() const { return m_channelModel; }
    QString fileName() const { return m_fileName; }

private:
    void load(const Recording &recording);

    const QString m_fileName;
    MessageLogModel *m_logModel = nullptr;     ///< child
    EventLogModel *m_eventModel = nullptr;     ///< child
    ChannelStatsModel *m_channelModel = nullptr; ///< child
    LogPage *m_logPage = nullptr;
    InspectorPage *m_inspectorPage = nullptr;
    TrafficPage *m_trafficPage = nullptr;
};

} // namespace wirebench
