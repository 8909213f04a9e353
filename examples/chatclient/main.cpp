// chatclient: talks to a chat relay on channel "chat". Lines from stdin (or
// --say TEXT, --count times) go out as "NAME: TEXT"; whatever arrives, on any
// channel, is printed. When the server goes away the client keeps
// reconnecting, and what was said meanwhile goes out once it is back.
//
//   chatclient HOST:PORT [--name NAME] [--say TEXT [--count N] [--interval MS]]
//   (--count 0: say it forever)

#include <netcore/netcore.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QTimer>

#include <cstdio>
#include <iostream>
#include <string>
#include <thread>

namespace {

const QString chatChannel = QStringLiteral("chat");

struct Options
{
    QString host;
    quint16 port = 0;
    QString name = qEnvironmentVariable("USER", QStringLiteral("anonymous"));
    QString say;          // empty: read lines from stdin
    int count = 1;        // 0 = forever
    int intervalMsecs = 1000;
};

bool parseOptions(const QStringList &arguments, Options *options)
{
    for (int i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        const bool hasValue = i + 1 < arguments.size();
        bool ok = true;
        if (argument == QLatin1String("--name") && hasValue)
            options->name = arguments.at(++i);
        else if (argument == QLatin1String("--say") && hasValue)
            options->say = arguments.at(++i);
        else if (argument == QLatin1String("--count") && hasValue)
            options->count = arguments.at(++i).toInt(&ok);
        else if (argument == QLatin1String("--interval") && hasValue)
            options->intervalMsecs = arguments.at(++i).toInt(&ok);
        else if (options->host.isEmpty() && !argument.startsWith(QLatin1String("--"))) {
            netcore::Endpoint endpoint; // "127.0.0.1:5000", "[::1]:5000", "localhost:5000"
            ok = netcore::Endpoint::parse(argument, QString(), &endpoint);
            options->host = endpoint.host;
            options->port = endpoint.port;
        } else
            return false;
        if (!ok)
            return false;
    }
    return !options->host.isEmpty() && options->port != 0 && options->count >= 0 && options->intervalMsecs > 0;
}

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

QString describe(const netcore::Message &message)
{
    switch (message.type()) {
    case netcore::MessageType::Text:
    case netcore::MessageType::Json:
        return message.toText();
    case netcore::MessageType::Binary:
    case netcore::MessageType::Cbor:
        break;
    }
    return QStringLiteral("(%1 bytes of %2)").arg(message.payload().size()).arg(netcore::messageTypeName(message.type()));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    Options options;
    if (!parseOptions(QCoreApplication::arguments(), &options)) {
        std::fprintf(stderr, "usage: chatclient HOST:PORT [--name NAME] [--say TEXT [--count N] [--interval MS]]\n");
        return 2;
    }

    netcore::Client client;  // envelope codec, like the relay
    client.inbox().setCapacity(0);  // signals only: nothing kept for polling
    client.setAutoReconnect(true);
    client.setReconnectDelays(250, 4000);

    QObject::connect(&client, &netcore::Client::connected, [&client] {
        say(QStringLiteral("* connected to %1").arg(netcore::Endpoint::format(client.peerName(), client.peerPort())));
    });
    QObject::connect(&client, &netcore::Client::disconnected,
                     [](netcore::DisconnectReason reason, const QString &) {
                         say(QStringLiteral("* disconnected (%1), reconnecting").arg(netcore::disconnectReasonName(reason)));
                     });
    QObject::connect(&client, &netcore::Client::messageReceived, [](const netcore::Message &message) {
        say(QStringLiteral("[%1] %2").arg(message.channel(), describe(message)));
    });
    // Refused or unreachable while reconnecting: worth a line on stderr, not an exit.
    QObject::connect(&client, &netcore::Client::errorOccurred, [](const netcore::Error &error) {
        std::fprintf(stderr, "chatclient: %s\n", qPrintable(error.message));
    });

    const QString prefix = options.name + QStringLiteral(": ");
    QTimer sayTimer;
    int said = 0;
    if (!options.say.isEmpty()) {
        QObject::connect(&sayTimer, &QTimer::timeout, [&] {
            QString text = prefix + options.say;
            if (options.count != 1)
                text += QStringLiteral(" #%1").arg(said + 1);
            client.send(netcore::Message::text(text, chatChannel));
            if (++said == options.count)
                sayTimer.stop();  // then stay, printing what arrives
        });
        sayTimer.start(options.intervalMsecs);
    } else {
        // Client::send() is thread-safe: a plain thread may block on stdin.
        std::thread([&client, prefix] {
            std::string line;
            while (std::getline(std::cin, line))
                client.send(netcore::Message::text(prefix + QString::fromStdString(line), chatChannel));
            // End of input: leave once what was typed is on its way.
            QMetaObject::invokeMethod(&client, [&client] {
                client.waitForSent(5000);
                QCoreApplication::quit();
            }, Qt::QueuedConnection);
        }).detach();
    }

    client.connectToHost(options.host, options.port);
    return QCoreApplication::exec();
}
