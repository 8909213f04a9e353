#pragma once

#include <engine/responders/responderoutlet.h>

#include <netcore/enums.h>

#include <QtCore/QMutex>
#include <QtCore/QObject>

#include <atomic>
#include <memory>

namespace netcore {
class Server;
struct ConnectionInfo;
}

namespace wirebench {

class Recorder;
class Responder;

/**
 * Puts a Responder in front of one netcore::Server: installs the server's
 * connection and message handlers (so answers leave from the I/O thread,
 * the greeting first) and carries out what the responder asks. The
 * responder can be swapped or removed while the server runs; its
 * connections stay open. Lives in the server's thread. log(), fail() and
 * send() are reported by signals emitted in the calling thread (an I/O
 * thread, a script's): receivers in other threads get them queued, so
 * connect with the default (auto) connection, not a direct one.
 */
class ResponderHost : public QObject, public ResponderOutlet
{
    Q_OBJECT
    Q_DISABLE_COPY(ResponderHost)

public:
    /**
     * @p server must not listen yet (its handlers are set here, and call this host from its I/O
     * threads). To end: setResponder({}) (a script's thread stops), destroy the server, then this.
     */
    explicit ResponderHost(netcore::Server *server, QObject *parent = nullptr);
    ~ResponderHost() override;

    /** What answers from now on; none: messages pass unanswered. Safe while the server runs. */
    void setResponder(std::shared_ptr<Responder> responder);
    std::shared_ptr<Responder> responder() const;
    /**
     * Whether messageReceived() still sees a message the responder took (the app logs them; the
     * CLI prints them unless its events are off). True unless changed.
     */
    void setPassingOn(bool passOn) { m_passOn = passOn; }
    /**
     * Records the server's conversations into @p recorder (null: stops): connects, what comes (c2s)
     * and what the responder sends (s2c), in the I/O threads where they happen, so a reply comes
     * after what it answers. Disconnects are the server owner's to record. Set before listen().
     */
    void setRecorder(Recorder *recorder) { m_recorder.store(recorder); }

    bool send(quint64 connection, const netcore::Message &message) override;
    int broadcast(const netcore::Message &message) override;
    void close(quint64 connection) override;
    void reset(quint64 connection) override;
    QList<quint64> connections() const override;
    QString peerOf(quint64 connection) const override;
    void log(quint64 connection, const QString &text) override;
    void fail(quint64 connection, const QString &code, const QString &message) override;
    void schedule(int msecs, std::function<void()> task) override;

Q_SIGNALS:
    /** A script printed @p text for @p connection (0: not about one connection). */
    void logged(quint64 connection, const QString &text);
    /** Answering a message of @p connection failed: @p code "ScriptError" or "RuleError". */
    void failed(quint64 connection, const QString &code, const QString &message);
    /** The responder sent @p message on @p connection (connected only where it is logged). */
    void replied(quint64 connection, const netcore::Message &message);

protected:
    void connectNotify(const QMetaMethod &signal) override;

private:
    void onClientDisconnected(const netcore::ConnectionInfo &info, netcore::DisconnectReason reason,
                              const QString &detail);

    netcore::Server *const m_server;
    mutable QMutex m_mutex; ///< guards m_responder: the I/O threads read it, the host's thread swaps it
    std::shared_ptr<Responder> m_responder;
    bool m_passOn = true;
    std::atomic<Recorder *> m_recorder{nullptr};
    std::atomic<bool> m_repliesWatched{false}; ///< replied() has a receiver: logging each reply is worth it
};

} // namespace wirebench
