#pragma once

#include <app/cli/eventprinter.h>

#include <netcore/message.h>

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <memory>
#include <vector>

namespace netcore {
class Client;
class Server;
struct ConnectionInfo;
}

namespace wirebench::cli {

/**
 * `wirebench-cli demo`: a relaying server on a free loopback port and three
 * clients exchanging json, text, binary and cbor messages on two channels,
 * with the whole event log printed. Exits 0 once every message reached
 * every other client and all have disconnected; 1 if that takes too long.
 */
class DemoCommand : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(DemoCommand)

public:
    explicit DemoCommand(QObject *parent = nullptr);
    ~DemoCommand() override;

    static QString usage();

    int run(const QStringList &arguments);

private:
    struct Participant
    {
        QString name;
        std::unique_ptr<netcore::Client> client;
        EventPrinter printer;
        int expected = 0;
        int received = 0;
    };
    struct Step
    {
        int from = 0;  ///< index into m_participants
        netcore::Message message;
    };

    void onServerClientConnected(const netcore::ConnectionInfo &info);
    void onServerClientDisconnected(const netcore::ConnectionInfo &info, netcore::DisconnectReason reason,
                                    const QString &detail);
    void onServerMessageReceived(quint64 connection, const netcore::Message &message);
    void onParticipantMessage(Participant &participant, const netcore::Message &message);
    void sendNextStep();
    void closeIfDelivered();
    void onDeadline();

    std::unique_ptr<netcore::Server> m_server;
    EventPrinter m_serverPrinter;
    std::vector<Participant> m_participants;
    QList<Step> m_script;
    qsizetype m_nextStep = 0;
    QHash<quint64, QString> m_peers;
    QString m_serverAddress;
    QTimer m_stepTimer;
    QTimer m_deadline;
    bool m_closing = false;
};

} // namespace wirebench::cli
