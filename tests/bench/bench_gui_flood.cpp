/*
 * bench_gui_flood: the real Wirebench window under a packet flood.
 *
 * Opens MainWindow (offscreen, or on $DISPLAY with -platform xcb), hosts a
 * silent server with --clients clients, and has the clients send --rate
 * messages/s in total for --seconds through the bench's paced sender (Bench::startLoad()).
 * Every message shows up twice in the log (out at the client, in at the
 * server), so the 1,000,000-row log fills and starts evicting within
 * seconds. The GUI thread runs a 5 ms probe timer: how late it fires is how
 * long the GUI was unresponsive. Printed: the rate achieved, the worst and
 * p99 stall, peak and final RSS, log rows, dropped entries. It measures; it
 * asserts nothing about speed.
 *
 *   bench_gui_flood [--seconds 10] [--rate 100000] [--clients 4] [--payload 64]
 */
#include <tests/bench/benchstats.h>

#include <ui/widgets/mainwindow.h>

#include <ui/models/benchfeed.h>
#include <ui/models/benchsession.h>
#include <ui/models/clientlistmodel.h>
#include <ui/models/messagelogmodel.h>

#include <engine/bench.h>

#include <QtCore/QCommandLineParser>
#include <QtCore/QElapsedTimer>
#include <QtCore/QTimer>
#include <QtWidgets/QApplication>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace wirebench;

namespace {

constexpr int probeMsecs = 5;

struct Options
{
    int seconds = 10;
    int rate = 100000;
    int clients = 4;
    int payload = 64;
};

Options parseOptions(const QApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Floods the real Wirebench window and measures GUI stalls."));
    parser.addHelpOption();
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("Flood duration."), QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Messages per second, all clients together."), QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption clients(QStringLiteral("clients"), QStringLiteral("Sending clients."), QStringLiteral("N"), QStringLiteral("4"));
    const QCommandLineOption payload(QStringLiteral("payload"), QStringLiteral("Payload bytes."), QStringLiteral("BYTES"), QStringLiteral("64"));
    parser.addOptions({seconds, rate, clients, payload});
    parser.process(app);
    Options options;
    options.seconds = qMax(1, parser.value(seconds).toInt());
    options.rate = qMax(1, parser.value(rate).toInt());
    options.clients = qMax(1, parser.value(clients).toInt());
    options.payload = qMax(0, parser.value(payload).toInt());
    return options;
}


} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const Options options = parseOptions(app);

    MainWindow window;
    window.setPersistent(false);
    window.resize(1600, 960);
    window.show();
    BenchSession *session = window.session();
    Bench *bench = session->bench();

    ServerSpec server;
    server.name = QStringLiteral("flood sink");
    const int serverId = bench->addServer(server);
    Q_UNUSED(serverId);

    std::vector<double> stalls;
    QElapsedTimer sinceProbe;
    QTimer probe;
    QObject::connect(&probe, &QTimer::timeout, &app, [&] {
        stalls.push_back(double(sinceProbe.nsecsElapsed()) / 1e6 - probeMsecs);
        sinceProbe.restart();
    });

    QElapsedTimer clock;
    qint64 floodStartedMsecs = -1;
    qint64 sentAtEnd = 0;
    quint64 receivedAtEnd = 0; ///< by the server: what the figure counts
    qint64 lastReceivedMsecs = 0; ///< when that count last grew
    const qint64 units = qint64(options.rate / options.clients) * options.seconds;
    QTimer watcher;
    QObject::connect(&watcher, &QTimer::timeout, &app, [&] {
        // Wait until the server listens and every client is connected, then flood.
        if (floodStartedMsecs < 0) {
            int connected = 0;
            for (int row = 0; row < session->clientModel()->rowCount(); ++row) {
                const QString state = session->clientModel()->index(row, 0).data(ClientListModel::StateRole).toString();
                connected += state == QLatin1String("connected");
            }
            if (connected < options.clients) {
                if (clock.elapsed() > 15000) {
                    std::fprintf(stderr, "bench_gui_flood: the clients did not connect within 15 s\n");
                    app.quit();
                }
                return;
            }
            SendTarget target;
            target.kind = SendTarget::Kind::Clients;
            for (int row = 0; row < session->clientModel()->rowCount(); ++row)
                target.clientIds.append(session->clientModel()->index(row, 0).data(ClientListModel::ClientIdRole).toInt());
            const netcore::Message message = netcore::Message::binary(QByteArray(options.payload, 'x'), QStringLiteral("flood"));
            bench->startLoad(target, message, units, options.rate / options.clients);
            floodStartedMsecs = clock.elapsed();
            sinceProbe.start();
            probe.start(probeMsecs);
            return;
        }
        if (clock.elapsed() - floodStartedMsecs >= options.seconds * 1000 + 500)
            app.quit();
    });
    QObject::connect(session->feed(), &BenchFeed::batchApplied, &app,
                     [&](const TrafficBatch &batch) {
                         sentAtEnd = batch.load.messages.sent;
                         quint64 received = 0;
                         for (const ServerState &server : batch.servers) {
                             for (const netcore::ConnectionInfo &connection : server.connections)
                                 received += connection.messagesIn;
                         }
                         // A connection that closed takes its count along: keep the highest seen.
                         if (received > receivedAtEnd) {
                             receivedAtEnd = received;
                             lastReceivedMsecs = clock.elapsed();
                         }
                     });

    ClientSpec clients;
    clients.name = QStringLiteral("flooder");
    // The server listens on a free port: learn it from the first snapshot, then spawn.
    QObject::connect(session->feed(), &BenchFeed::batchApplied, &app, [&](const TrafficBatch &batch) {
        if (clients.port != 0 || batch.servers.isEmpty() || batch.servers.first().boundPort == 0)
            return;
        clients.port = batch.servers.first().boundPort;
        bench->spawnClients(clients, options.clients);
    });

    clock.start();
    watcher.start(20);
    app.exec();
    probe.stop();

    // Until the server's count stopped growing: the watcher's half second of grace is not flood.
    const double floodSeconds = double(lastReceivedMsecs - floodStartedMsecs) / 1000.0;
    // Messages the server received, not attempts: a send that was refused or lost is not a message.
    const double achieved = double(receivedAtEnd) / qMax(0.001, floodSeconds);
    const double worst = stalls.empty() ? 0 : *std::max_element(stalls.begin(), stalls.end());
    const double peakMiB = double(procStatusKiB("VmHWM")) / 1024;
    const double endMiB = double(procStatusKiB("VmRSS")) / 1024;
    std::printf("flood:        %llu of %lld messages received by the server in %.2f s (%.0f msg/s, target %d); "
                "%lld sent\n",
                static_cast<unsigned long long>(receivedAtEnd), units * options.clients, floodSeconds, achieved,
                options.rate, sentAtEnd);
    std::printf("GUI stalls:   %zu probes every %d ms; worst %.1f ms, p99 %.1f ms, median %.1f ms late\n",
                stalls.size(), probeMsecs, worst, percentile(stalls, 0.99), percentile(stalls, 0.5));
    std::printf("log:          %d rows (capacity %d), %llu entries dropped\n",
                session->logModel()->rowCount(), session->logModel()->capacity(),
                static_cast<unsigned long long>(session->feed()->droppedEntries()));
    std::printf("memory:       peak RSS %.1f MiB, RSS at end %.1f MiB\n", peakMiB, endMiB);
    std::printf("bench_gui_flood: %.0f msg/s, worst stall %.1f ms, p99 %.1f ms, peak RSS %.0f MiB\n",
                achieved, worst, percentile(stalls, 0.99), peakMiB);
    return floodStartedMsecs < 0 ? 1 : 0;
}
