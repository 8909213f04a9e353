#pragma once

#include <engine/recording/difference.h>
#include <engine/recording/replayplan.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtCore/QTimer>

#include <deque>
#include <optional>

namespace netcore {
class Server;
}

namespace wirebench {

/**
 * Plays the recorded server of one conversation (a ReplayPlan) to one
 * client of a ReplayServer: the greeting when it connects, then for each
 * message of the client the next turn's answers, each at its recorded gap
 * after that message divided by the speed (none: at once), and the
 * server's close where the recording has one. Answers leave in the
 * recorded order: one due early waits behind the answers of a turn before
 * it. A message other than the recorded one is reported (mismatched()),
 * and taken as that turn's message all the same; one past the recording's
 * last is reported and answered with nothing.
 */
class ReplayServerConnection : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ReplayServerConnection)

public:
    struct Setup
    {
        double speed = 1;             ///< recorded gaps are divided by it; 0: "max", no waiting
        QStringList ignorePointers;   ///< left out of json and cbor messages when comparing (PointerMask)
        QStringList ignoreChannels;   ///< client messages on these are neither compared nor answered
    };

    /**
     * Plays @p plan on @p connection of @p server, which must outlive it. @p where says which
     * recorded conversation it is (its conversation, connection and peer), for mismatched().
     */
    ReplayServerConnection(netcore::Server *server, quint64 connection, ReplayPlan plan, Difference where,
                           Setup setup, QObject *parent = nullptr);
    ~ReplayServerConnection() override;

    /** The client has connected: the greeting starts. */
    void start();
    /** A message from the client: the next turn. */
    void handleMessage(const netcore::Message &message);
    /** The connection is over: nothing more is sent. */
    void stop();

    /** Client messages taken so far, ignored channels left out. */
    int messagesReceived() const { return m_received; }

Q_SIGNALS:
    /** The client's message differs from the recording's, or the recording has none left. */
    void mismatched(const wirebench::Difference &difference);

private:
    /** An answer, or (no message) the server's close, and when it is due on m_clock. */
    struct Pending
    {
        std::optional<netcore::Message> message;
        qint64 dueUs = 0;
    };

    /** Queues @p turn's answers (and close) after a trigger at @p triggerUs. */
    void schedule(const ReplayPlan::Turn &turn, qint64 triggerUs);
    /** Sends what is due, in order, and waits for the rest: the one place answers leave. */
    void sendDue();
    qint64 nowUs() const { return m_clock.nsecsElapsed() / 1000; }
    qint64 scaledUs(qint64 gapUs) const;

    netcore::Server *m_server;
    quint64 m_connection;
    ReplayPlan m_plan;
    Difference m_where;
    Setup m_setup;
    QElapsedTimer m_clock;
    QTimer m_timer;
    std::deque<Pending> m_pending;
    int m_received = 0;
    bool m_stopped = false;
};

} // namespace wirebench
