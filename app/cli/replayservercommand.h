#pragma once

#include <app/cli/eventprinter.h>

#include <netcore/enums.h>

#include <QtCore/QHash>
#include <QtCore/QObject>

#include <memory>

namespace netcore {
struct ConnectionInfo;
struct Error;
class Message;
}

namespace wirebench {
class ReplayServer;
struct Difference;
}

namespace wirebench::cli {

/**
 * `wirebench-cli replay RECORDING --as-server`: plays the server side of a
 * recording (ReplayServer) to every client that connects, and prints
 * events as serve does, a client's message that differs from the
 * recording as an error "ReplayMismatch". SIGINT or SIGTERM closes every
 * connection and exits 0.
 */
class ReplayServerCommand : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ReplayServerCommand)

public:
    explicit ReplayServerCommand(QObject *parent = nullptr);
    ~ReplayServerCommand() override;

    static QString usage();

    /** Serves until a signal arrives; returns the process exit code. */
    int run(const QStringList &arguments);

private:
    void onClientConnected(const netcore::ConnectionInfo &info, int conversation);
    void onClientDisconnected(const netcore::ConnectionInfo &info, netcore::DisconnectReason reason,
                              const QString &detail);
    void onMismatched(quint64 connection, const wirebench::Difference &difference);
    void onSignalReceived();
    /** After a signal: exits once every connection closed, or the deadline passed. */
    void exitWhenClosed();

    QString peerOf(quint64 connection) const { return m_peers.value(connection); }

    std::unique_ptr<ReplayServer> m_server;
    EventPrinter m_printer;
    bool m_stopping = false;
    /** Peer strings by connection id, so every event names its peer. */
    QHash<quint64, QString> m_peers;
};

} // namespace wirebench::cli
