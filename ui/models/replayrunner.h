#pragma once

#include <engine/recording/replayclient.h>

#include <QtCore/QObject>

class QThread;

namespace wirebench {

/**
 * Runs a ReplayClient in a thread of its own, never the GUI's (its
 * netcore::Clients live in the thread that made it), and hands its
 * progress and outcome back to the GUI thread as signals. One run per
 * runner; deleting it ends a run under way.
 */
class ReplayRunner : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ReplayRunner)

public:
    /** What a finished run found: the comparison, and each conversation as recorded and as replayed. */
    struct Outcome
    {
        ComparisonResult result;
        QList<Conversation> expected;
        QList<Conversation> replayed;
        qint64 elapsedMsecs = 0;
    };

    explicit ReplayRunner(QObject *parent = nullptr);
    ~ReplayRunner() override;

    /** Replays @p recording's client side as @p spec says; progressed() and finished() follow. */
    void start(const Recording &recording, const ReplaySpec &spec);
    bool isRunning() const { return m_running; }
    /** Once finished() came. */
    const Outcome &outcome() const { return m_outcome; }

Q_SIGNALS:
    /** @p finishedConversations of @p conversations are done; @p sent of @p toSend client messages went out. */
    void progressed(int finishedConversations, int conversations, qint64 sent, qint64 toSend);
    void finished();

private:
    void stopThread();

    QThread *m_thread = nullptr; ///< child; one per run
    bool m_running = false;
    Outcome m_outcome;
};

} // namespace wirebench
