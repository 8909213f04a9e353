#pragma once

#include <engine/benchtypes.h>
#include <engine/composedpayload.h>
#include <engine/trafficcollector.h>

#include <netcore/client.h>

#include <QtCore/QObject>

#include <memory>

namespace netcore {
class Codec;
}

namespace wirebench {

class LiveRecording;

/**
 * One client of the bench, living in the bench's I/O thread: a
 * netcore::Client set up from a ClientSpec, logging what it sends and
 * receives, and reporting its connects, losses and errors as events.
 */
class SpawnedClient : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(SpawnedClient)

public:
    /** @p name is the client's own name; @p collector must outlive this. */
    SpawnedClient(int id, const QString &name, const ClientSpec &spec, TrafficCollector *collector,
                  QObject *parent = nullptr);
    ~SpawnedClient() override;

    int id() const { return m_id; }
    QString name() const { return m_name; }
    const ClientSpec &spec() const { return m_spec; }

    /**
     * Connects; with an unusable TLS, receipts or login setting (a bad CA file, an unknown template)
     * it reports an error event instead.
     */
    void connectToServer();
    void disconnectFromServer();
    /**
     * Sends when connected, queues while connecting or reconnecting, refuses when closed, and
     * counts which in @p tally. A message is logged Out when it is written, not before. Its channel
     * and id go only where the codec carries them (CodecConfig::carriesChannelAndId()). With a
     * login, what is queued goes after the next login.
     */
    void send(const netcore::Message &message, SendTally *tally);

    /**
     * Records this client's conversation in @p recording (none: stops), shared with the rest of its
     * group: the client's id is its "conn", what it sends c2s, what it receives s2c, and each connect
     * and end (a reconnect is a new conversation on the same "conn").
     */
    void setRecording(std::shared_ptr<LiveRecording> recording);
    const std::shared_ptr<LiveRecording> &recording() const { return m_recording; }

    ClientState state() const;

private:
    /** Logs @p message, and records it when a recording is under way. */
    void log(Direction direction, const netcore::Message &message);
    /** The client's end of the connection, "localhost:PORT": a recording's peer. */
    QString localEnd() const;
    void onConnected();
    void onStateChanged(netcore::Client::State state);
    void onDisconnected(netcore::DisconnectReason reason, const QString &detail);
    void onMessageReceived(const netcore::Message &message);
    void onErrorOccurred(const netcore::Error &error);
    /** Keeps @p message for after the next login, or refuses it as netcore's queue would. */
    void hold(const netcore::Message &message, SendTally *tally);
    /** Sends the login, its templates filled in for this connection, then what was held for it. */
    void logIn();

    const int m_id = 0;
    const QString m_name;
    const ClientSpec m_spec;
    TrafficCollector *const m_collector = nullptr;
    const LogSource m_source;
    netcore::Client m_client;
    QString m_problem;    ///< why it is not connected (the last error or end), empty once connected or closed on purpose
    QString m_setupError; ///< the error event for TLS or receipts settings that cannot be used; empty when they can
    /** Taken by the client's queue, not written yet: logged Out when the connection is up. */
    QList<netcore::Message> m_queued;
    bool m_hasLogin = false;
    ComposedPayload m_login;
    qint64 m_logins = 0;                     ///< connections it logged in on: the login's {{seq}}
    std::unique_ptr<netcore::Codec> m_codec; ///< with a login: checks what is held as netcore::Client::send() would
    QList<netcore::Message> m_held;          ///< with a login: sent while not connected, to go after the login
    std::shared_ptr<LiveRecording> m_recording; ///< none unless recording
};

} // namespace wirebench
