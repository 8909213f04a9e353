// A deliberate data race, for the TSan phase of scripts/test: two I/O threads'
// message handlers increment one plain counter. The phase's suppressions hide
// hand-offs inside Qt (see tsan.supp); this proves they do not hide a race of
// ours that runs through those threads. CTest passes it only if TSan reports it.

#include <netcore/client.h>
#include <netcore/server.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QThread>

#include <cstdio>
#include <memory>
#include <vector>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    netcore::Server server;
    server.setWorkers(2);
    int unguarded = 0; // the race: both I/O threads write it with nothing between them
    server.setMessageHandler([&unguarded](quint64, const netcore::MessageView &) {
        ++unguarded;
        return true;
    });
    if (!server.listen(QHostAddress::LocalHost, 0)) {
        std::fprintf(stderr, "tsan_canary: cannot listen\n");
        return 2;
    }
    // Round robin: two clients land on the two I/O threads.
    std::vector<std::unique_ptr<netcore::Client>> clients;
    for (int i = 0; i < 2; ++i) {
        clients.push_back(std::make_unique<netcore::Client>());
        clients.back()->connectToHost(QStringLiteral("127.0.0.1"), server.serverPort());
        if (!clients.back()->waitForConnected(10000)) {
            std::fprintf(stderr, "tsan_canary: cannot connect\n");
            return 2;
        }
    }
    for (int round = 0; round < 200; ++round) {
        for (auto &client : clients)
            client->send(netcore::Message::text(QStringLiteral("race")));
    }
    for (auto &client : clients)
        client->waitForSent(10000);
    QElapsedTimer clock;
    clock.start();
    while (server.connectionCount() == 2 && clock.elapsed() < 10000) {
        QCoreApplication::processEvents();
        if (server.connections().at(0).messagesIn + server.connections().at(1).messagesIn >= 400)
            break;
        QThread::msleep(1);
    }
    std::printf("tsan_canary: handled %d (unguarded count)\n", unguarded);
    return 0;
}
