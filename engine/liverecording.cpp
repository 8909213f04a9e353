#include "liverecording.h"

#include <engine/trafficcollector.h>

#include <QtCore/QDir>

namespace wirebench {

LiveRecording::LiveRecording(const QString &fileName, const QString &owner, TrafficCollector *collector)
    : m_fileName(fileName), m_owner(owner), m_collector(collector)
{
}

LiveRecording::~LiveRecording()
{
    finish();
}

std::shared_ptr<LiveRecording> LiveRecording::start(const QString &fileName, const netcore::CodecConfig &codec,
                                                    const QString &owner, TrafficCollector *collector)
{
    std::shared_ptr<LiveRecording> recording(new LiveRecording(fileName, owner, collector));
    QString error;
    if (!recording->m_recorder.start(fileName, codec, recorderName(), &error)) {
        recording->m_finished = true; // nothing to report twice
        collector->addEvent(EventKind::Error, owner, tr("cannot record: %1").arg(error));
        return {};
    }
    collector->addEvent(EventKind::Info, owner, tr("recording to %1").arg(QDir::toNativeSeparators(fileName)));
    return recording;
}

void LiveRecording::finish()
{
    if (m_finished.exchange(true))
        return;
    QString error;
    if (m_recorder.finish(&error))
        m_collector->addEvent(EventKind::Info, m_owner, tr("recording saved: %1").arg(QDir::toNativeSeparators(m_fileName)));
    else
        m_collector->addEvent(EventKind::Error, m_owner, tr("recording failed: %1").arg(error));
}

} // namespace wirebench
