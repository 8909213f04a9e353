#pragma once

#include <engine/recording/recorder.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QString>

#include <atomic>
#include <memory>

namespace wirebench {

class TrafficCollector;

/**
 * A Recorder the bench runs for one of its servers, client groups or proxies
 * (the app's Record switch): started and finished in the bench's thread, its
 * start and its outcome told as events of @p owner, where the user looks.
 * Shared by the clients of one group; the last holder to let go finishes it,
 * if nobody did before.
 */
class LiveRecording
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::LiveRecording)

public:
    /** What the header's "recorder" says of the app's recordings. */
    static QString recorderName() { return QStringLiteral("app"); }

    /** Creates @p fileName and returns the recording; none, with an Error event, if it cannot. */
    static std::shared_ptr<LiveRecording> start(const QString &fileName, const netcore::CodecConfig &codec,
                                                const QString &owner, TrafficCollector *collector);
    ~LiveRecording();
    LiveRecording(const LiveRecording &) = delete;
    LiveRecording &operator=(const LiveRecording &) = delete;

    QString fileName() const { return m_fileName; }
    /** Thread-safe; calls after finish() record nothing. */
    Recorder &recorder() { return m_recorder; }
    /** Writes what is left and closes the file, then says so (or why it failed) as an event. Once. */
    void finish();

private:
    LiveRecording(const QString &fileName, const QString &owner, TrafficCollector *collector);

    const QString m_fileName;
    const QString m_owner;
    TrafficCollector *const m_collector = nullptr;
    Recorder m_recorder;
    std::atomic_bool m_finished{false};
};

} // namespace wirebench
