#pragma once

#include <engine/recording/conversationcomparer.h>
#include <engine/recording/recording.h>
#include <engine/recording/replayconnection.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>

#include <vector>

namespace wirebench {

/** Where and how to replay a recording's client side. */
struct ReplaySpec
{
    QString host;
    quint16 port = 0;
    double speed = 1;                 ///< recorded gaps are divided by it; 0: "max", no waiting
    int answerTimeoutMsecs = 5000;    ///< how long an awaited answer or close may take
    CompareOptions compare;
};

/**
 * Replays the client side of a recording against a server (see
 * ReplayConnection for one connection), then compares what came back with
 * what the recording says (ConversationComparer, s2c only). The CLI's
 * `replay --to` and the app's Replay dialog both drive it.
 */
class ReplayClient : public QObject
{
    Q_OBJECT

public:
    ReplayClient(const Recording &recording, ReplaySpec spec, QObject *parent = nullptr);
    ~ReplayClient() override;

    void start();
    bool isFinished() const { return m_finished; }
    /** Once finished: the differences; error() set if a connection could not be made. */
    const ComparisonResult &result() const { return m_result; }
    /** Once finished: each conversation as recorded, and as it went this time, in the recording's order. */
    QList<Conversation> expected() const;
    QList<Conversation> replayed() const;
    int conversationCount() const { return int(m_connections.size()); }
    qint64 messagesToSend() const { return m_toSend; }
    qint64 elapsedMsecs() const { return m_clock.elapsed(); }

Q_SIGNALS:
    /** More is done: @p finishedConversations of conversationCount(), @p sent of messagesToSend(). */
    void progressed(int finishedConversations, qint64 sent);
    void finished();

private:
    void onConnectionFinished();
    void report();

    ReplaySpec m_spec;
    QElapsedTimer m_clock;
    std::vector<std::unique_ptr<ReplayConnection>> m_connections;
    qint64 m_toSend = 0;
    qint64 m_sent = 0;
    int m_done = 0;
    bool m_finished = false;
    ComparisonResult m_result;
};

} // namespace wirebench
