// chatrelay: every message received on channel "chat" goes to every other
// connection. Prints who joins and leaves, and what it relays.
//
//   chatrelay PORT [ADDRESS]     (port 0: any free port; address: default 127.0.0.1)

#include <netcore/netcore.h>

#include <QtCore/QCoreApplication>

#include <cstdio>

namespace {

const QString chatChannel = QStringLiteral("chat");

/** One line to stdout, flushed: a pipe reader sees it at once. */
void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    bool portOk = false;
    const quint16 port = arguments.value(1).toUShort(&portOk);
    const QHostAddress address(arguments.value(2, QStringLiteral("127.0.0.1")));
    if (arguments.size() < 2 || arguments.size() > 3 || !portOk || address.isNull()) {
        std::fprintf(stderr, "usage: chatrelay PORT [ADDRESS]\n");
        return 2;
    }

    // The envelope codec (the default) carries a channel name with each message.
    netcore::Server server;
    server.inbox().setCapacity(0);  // signals only: nothing kept for polling

    QObject::connect(&server, &netcore::Server::clientConnected, [](const netcore::ConnectionInfo &info) {
        say(QStringLiteral("joined %1 (#%2)").arg(info.peerString()).arg(info.id));
    });
    QObject::connect(&server, &netcore::Server::clientDisconnected,
                     [](const netcore::ConnectionInfo &info, netcore::DisconnectReason reason, const QString &) {
                         say(QStringLiteral("left %1 (#%2, %3)")
                                 .arg(info.peerString())
                                 .arg(info.id)
                                 .arg(netcore::disconnectReasonName(reason)));
                     });
    QObject::connect(&server, &netcore::Server::messageReceived,
                     [&server](quint64 connection, const netcore::Message &message) {
                         if (message.channel() != chatChannel)
                             return;
                         // broadcast() encodes once and skips the sender.
                         const int receivers = server.broadcast(message, connection);
                         say(QStringLiteral("#%1 -> %2 others: %3").arg(connection).arg(receivers).arg(message.toText()));
                     });
    QObject::connect(&server, &netcore::Server::errorOccurred, [](const netcore::Error &error) {
        std::fprintf(stderr, "chatrelay: #%llu: %s\n", static_cast<unsigned long long>(error.connection),
                     qPrintable(error.message));
    });

    if (!server.listen(address, port)) {
        std::fprintf(stderr, "chatrelay: cannot listen on port %u: %s\n", unsigned(port),
                     qPrintable(server.errorString()));
        return 1;
    }
    say(QStringLiteral("listening on port %1").arg(server.serverPort()));
    return QCoreApplication::exec();
}
