#pragma once

#include <app/cli/eventprinter.h>

#include <engine/benchtypes.h>

#include <netcore/codecconfig.h>
#include <netcore/message.h>

#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <memory>

namespace netcore {
class Client;
struct Error;
}

namespace wirebench {
class Recorder;
}

namespace wirebench::cli {

/**
 * `wirebench-cli send HOST:PORT`: connects, sends the payload options in
 * the order given, then prints received messages as events until --expect
 * of them arrived (exit 0) or --timeout passed (exit 3).
 */
class SendCommand : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(SendCommand)

public:
    explicit SendCommand(QObject *parent = nullptr);
    ~SendCommand() override;

    static QString usage();

    /** Runs the whole exchange; returns the process exit code. */
    int run(const QStringList &arguments);

private:
    /** Parses @p arguments into the members; an exit code if they are bad, else -1. */
    int parse(const QStringList &arguments);

    void onConnected();
    void onMessageReceived(const netcore::Message &message);
    void onErrorOccurred(const netcore::Error &error);
    void onDisconnected(netcore::DisconnectReason reason, const QString &detail);
    void onTimeout();

    /** Waits for the sent bytes to leave, closes the connection and exits with @p exitCode. */
    void closeAndFinish(int exitCode);
    /** Leaves the event loop with @p exitCode; later calls are ignored. */
    void finish(int exitCode);

    std::unique_ptr<Recorder> m_recorder; ///< with --record
    ClientSpec m_spec; ///< where, with which codec, TLS and receipts: as the app spawns a client
    std::unique_ptr<netcore::Client> m_client;
    EventPrinter m_printer;
    QList<netcore::Message> m_messages;
    QString m_peer;
    int m_expect = 0;
    int m_received = 0;
    int m_timeoutMsecs = 10000;
    QTimer m_timer;
    bool m_connected = false;
    bool m_closing = false;
    bool m_finished = false;
};

} // namespace wirebench::cli
