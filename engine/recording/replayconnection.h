#pragma once

#include <engine/recording/conversation.h>

#include <netcore/codecconfig.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtCore/QTimer>

#include <memory>

namespace netcore {
class Client;
struct Error;
}

namespace wirebench {

/**
 * Plays the client of one recorded conversation against a server: connects
 * when the recording did, sends its c2s messages in order, and keeps what
 * comes back (for a ConversationComparer). Each message goes at its
 * recorded time divided by the speed (none: at once), and not before the
 * answers the recording shows before it have come, or answerTimeoutMsecs
 * passed waiting for them: a slower server is still asked in step. At the
 * end it waits the same way for the last answers and, if the server closed
 * the connection in the recording, for that close; then it closes the
 * connection itself, as the recorded client did (or left it).
 */
class ReplayConnection : public QObject
{
    Q_OBJECT

public:
    struct Setup
    {
        QString host;
        quint16 port = 0;
        netcore::CodecConfig codec;
        double speed = 1;                 ///< recorded gaps are divided by it; 0: no waiting
        int answerTimeoutMsecs = 5000;
        QStringList ignoreChannels;       ///< messages on these are not waited for
        qint64 originUs = 0;              ///< the recorded time the replay's clock starts at: its first connect
    };

    ReplayConnection(Conversation expected, Setup setup, const QElapsedTimer *clock, QObject *parent = nullptr);
    ~ReplayConnection() override;

    void start();
    /** What this replay carried: what it sent (c2s), what came (s2c), and how it ended. */
    const Conversation &replayed() const { return m_replayed; }
    const Conversation &expected() const { return m_expected; }
    bool isFinished() const { return m_finished; }
    /** Why it could not connect; empty if it did. */
    const QString &connectError() const { return m_connectError; }
    int messagesSent() const { return m_sent; }

Q_SIGNALS:
    void sent();
    void finished();

private:
    void onConnected();
    void onMessage(const netcore::Message &message);
    void onDisconnected(netcore::DisconnectReason reason, const QString &detail);
    void onError(const netcore::Error &error);
    /** Does what is due and waits for what is not: the one place the replay moves on. */
    void advance();
    /** ms until the recorded time @p timeUs comes at this speed; 0 if it has. */
    qint64 msecsUntil(qint64 timeUs) const;
    void finish();

    Conversation m_expected;
    Setup m_setup;
    const QElapsedTimer *m_clock;
    std::unique_ptr<netcore::Client> m_client;
    Conversation m_replayed;
    QList<int> m_answersBefore;      ///< [i]: compared answers the recording shows before its i-th message
    QTimer m_timer;
    qsizetype m_next = 0;            ///< index into m_expected.messages of the next to look at
    int m_answers = 0;               ///< compared answers come so far
    qint64 m_waitingSince = -1;      ///< ms on the clock since the replay waits for answers
    qint64 m_closeAwaitedSince = -1; ///< the same for the server's close, once everything came
    int m_sent = 0;
    bool m_connected = false;
    bool m_closed = false;           ///< the connection is over, by either side
    bool m_finished = false;
    QString m_connectError;
};

} // namespace wirebench
