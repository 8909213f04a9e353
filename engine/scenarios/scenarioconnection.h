#pragma once

#include <engine/scenarios/scenario.h>

#include <netcore/client.h>

#include <QtCore/QObject>
#include <QtCore/QQueue>

namespace wirebench {

class Recorder;
class ReplyTemplate;

/**
 * One client of a running scenario: a netcore::Client, with everything it
 * receives kept in order from the connect on, so an expectation finds what
 * came while the steps before it ran. Lives in its creator's thread.
 */
class ScenarioConnection : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ScenarioConnection)

public:
    /** One thing received: a message, or a frame the codec refused (@c badFrame says why). */
    struct Arrival
    {
        netcore::Message message;
        QString badFrame;
    };

    explicit ScenarioConnection(const ScenarioClient &client, QObject *parent = nullptr);
    ~ScenarioConnection() override;

    const ScenarioClient &client() const { return m_client; }
    /** "HOST:PORT". */
    QString address() const;

    /** Starts connecting: connected() or connectFailed() follows. */
    void open();
    /** Closes in order: what was sent is written first; shutDown() follows. */
    void close();
    /** Not connected, nor connecting: closed, or never up. */
    bool isDown() const { return m_socket.state() == netcore::Client::State::Disconnected; }

    /** Connected once, and closed since (by the peer, a reset, a stream error). */
    bool isClosed() const { return m_closed; }
    /** Why it closed, in words. */
    const QString &closeReason() const { return m_closeReason; }

    bool hasArrival() const { return !m_arrivals.isEmpty(); }
    /** The oldest arrival not consumed yet; hasArrival() must be true. */
    const Arrival &nextArrival() const { return m_arrivals.head(); }
    void consumeArrival() { m_arrivals.dequeue(); }

    /** Records this client's conversation into @p recorder as connection @p number; set before open(). */
    void setRecorder(Recorder *recorder, quint64 number);

    /** Renders @p reply with {{seq}} the number of this send (from 1) and sends it. False, with @p error. */
    bool send(const ReplyTemplate &reply, QString *error);

Q_SIGNALS:
    void connected();
    /** The connection could not be made: @p reason in words ("Connection refused"). */
    void connectFailed(const QString &reason);
    /** Something arrived, or the connection closed. */
    void changed();
    /** After close(): the connection is down. */
    void shutDown();

private:
    void onConnected();
    void onMessageReceived(const netcore::Message &message);
    void onErrorOccurred(const netcore::Error &error);
    void onDisconnected(netcore::DisconnectReason reason, const QString &detail);

    const ScenarioClient m_client;
    netcore::Client m_socket;
    QQueue<Arrival> m_arrivals;
    qint64 m_sends = 0;
    bool m_connected = false;
    bool m_closed = false;
    bool m_closing = false;  ///< close() was called: the end is ours, not news
    bool m_sending = false;  ///< inside send(): its refusals are send()'s to report
    QString m_closeReason;
    QString m_lastError;     ///< the socket's latest error, which may say more than the close
    Recorder *m_recorder = nullptr;
    quint64 m_number = 0;    ///< its "conn" in the recording
};

} // namespace wirebench
