#pragma once

#include <app/cli/eventprinter.h>

#include <engine/benchtypes.h>

#include <QtCore/QHash>
#include <QtCore/QObject>

#include <memory>

class QHostAddress;

namespace netcore {
class Server;
struct ConnectionInfo;
struct Error;
class Message;
}

namespace wirebench {
class Recorder;
class ResponderHost;
}

namespace wirebench::cli {

/**
 * `wirebench-cli serve`: listens, prints `listening on HOST:PORT` and then
 * one event per line; optionally echoes or relays every message. SIGINT or
 * SIGTERM closes the server and exits 0.
 */
class ServeCommand : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ServeCommand)

public:
    explicit ServeCommand(QObject *parent = nullptr);
    ~ServeCommand() override;

    static QString usage();

    /** Serves until a signal arrives; returns the process exit code. */
    int run(const QStringList &arguments);

private:
    void onClientConnected(const netcore::ConnectionInfo &info);
    void onClientDisconnected(const netcore::ConnectionInfo &info, netcore::DisconnectReason reason,
                              const QString &detail);
    void onConnectionRefused(const QHostAddress &address, quint16 port, const QString &reason);
    void onMessageReceived(quint64 connection, const netcore::Message &message);
    void onErrorOccurred(const netcore::Error &error);
    void onSignalReceived();
    /** After a signal: exits once every connection closed in order, or the deadline passed. */
    void exitWhenClosed();

    QString peerOf(quint64 connection) const;

    std::unique_ptr<Recorder> m_recorder;           ///< with --record; declared first, so it outlives the server
    std::unique_ptr<ResponderHost> m_responderHost; ///< with --responder; likewise
    std::unique_ptr<netcore::Server> m_server;
    EventPrinter m_printer;
    ServerMode m_mode = ServerMode::Silent;
    bool m_stopping = false;
    /** With --receipts echo and relay answer from messageReceived, not from a message handler. */
    bool m_answersInMainThread = false;
    /** Peer strings by connection id, so every event names its peer. */
    QHash<quint64, QString> m_peers;
};

} // namespace wirebench::cli
