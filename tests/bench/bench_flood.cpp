/*
 * bench_flood: the GUI's side of a packet flood, without widgets.
 *
 * A Bench hosts a silent server; its clients send --rate messages/s for
 * --seconds. The main thread plays the GUI: a 33 ms timer takes a batch and
 * appends its entries to a bounded ring, as MessageLogModel does. Printed:
 * the rate achieved, the gaps between consumer ticks (a gap well above the
 * tick interval is a stall the user would see), the time a tick spends,
 * peak and final RSS, and the entries dropped because the consumer fell
 * behind. It measures; it asserts nothing about speed.
 *
 *   bench_flood [--seconds 10] [--rate 100000] [--clients 4] [--payload 64] [--ring 1000000]
 */
#include <tests/bench/benchstats.h>

#include <engine/bench.h>

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace wirebench;

namespace {

constexpr int tickMsecs = 33;

/** The log the GUI keeps: a fixed-size ring of the newest entries. */
class EntryRing
{
public:
    // Reserved, not filled: untouched pages cost no RSS, so the figures show what the log really holds.
    explicit EntryRing(int capacity) : m_capacity(size_t(qMax(1, capacity))) { m_entries.reserve(m_capacity); }

    void append(const QList<LogEntry> &entries)
    {
        for (const LogEntry &entry : entries) {
            if (m_entries.size() < m_capacity) {
                m_entries.push_back(entry);
            } else {
                m_entries[m_next] = entry;
                m_next = (m_next + 1) % m_capacity;
            }
        }
    }
    size_t size() const { return m_entries.size(); }

private:
    size_t m_capacity = 0;
    std::vector<LogEntry> m_entries;
    size_t m_next = 0;
};


quint64 receivedBy(const TrafficBatch &batch, int serverId)
{
    quint64 total = 0;
    for (const ServerState &server : batch.servers) {
        if (server.id != serverId)
            continue;
        for (const netcore::ConnectionInfo &connection : server.connections)
            total += connection.messagesIn;
    }
    return total;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Floods a Bench and measures its consumer's stalls and memory."));
    parser.addHelpOption();
    const QCommandLineOption secondsOption(QStringLiteral("seconds"), QStringLiteral("How long to flood."),
                                           QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption rateOption(QStringLiteral("rate"), QStringLiteral("Messages per second, all clients."),
                                        QStringLiteral("n"), QStringLiteral("100000"));
    const QCommandLineOption clientsOption(QStringLiteral("clients"), QStringLiteral("Sending clients."),
                                           QStringLiteral("n"), QStringLiteral("4"));
    const QCommandLineOption payloadOption(QStringLiteral("payload"), QStringLiteral("Payload bytes."),
                                           QStringLiteral("n"), QStringLiteral("64"));
    const QCommandLineOption ringOption(QStringLiteral("ring"), QStringLiteral("Log rows the consumer keeps."),
                                        QStringLiteral("n"), QStringLiteral("1000000"));
    parser.addOptions({secondsOption, rateOption, clientsOption, payloadOption, ringOption});
    parser.process(app);
    const double seconds = qMax(0.1, parser.value(secondsOption).toDouble());
    const int rate = qMax(1, parser.value(rateOption).toInt());
    const int clientCount = qMax(1, parser.value(clientsOption).toInt());
    const int payloadSize = qMax(0, parser.value(payloadOption).toInt());

    Bench bench;
    EntryRing ring(parser.value(ringOption).toInt());
    ServerSpec spec;
    spec.name = QStringLiteral("sink");
    spec.workers = 1;
    const int serverId = bench.addServer(spec);

    // The consumer: one takeBatch() per tick, like the GUI's BenchFeed.
    std::vector<double> gaps;
    std::vector<double> tickCosts;
    QElapsedTimer sinceTick;
    TrafficBatch last;
    quint64 dropped = 0;
    quint64 entriesTaken = 0;
    auto consume = [&] {
        if (sinceTick.isValid())
            gaps.push_back(double(sinceTick.nsecsElapsed()) / 1e6);
        sinceTick.start();
        QElapsedTimer cost;
        cost.start();
        last = bench.takeBatch();
        ring.append(last.entries);
        entriesTaken += quint64(last.entries.size());
        dropped += last.droppedEntries;
        tickCosts.push_back(double(cost.nsecsElapsed()) / 1e6);
    };

    enum class Phase { Listening, Connecting, Flooding, Draining } phase = Phase::Listening;
    QList<int> clients;
    QElapsedTimer floodClock;
    QElapsedTimer phaseClock;
    phaseClock.start();
    double floodSeconds = 0;
    qint64 repetitions = 0;
    int exitCode = 0;

    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    QObject::connect(&ticker, &QTimer::timeout, &app, [&] {
        consume();
        const ServerState server = [&] {
            for (const ServerState &state : std::as_const(last.servers)) {
                if (state.id == serverId)
                    return state;
            }
            return ServerState();
        }();
        if (phaseClock.elapsed() > 15000 && phase != Phase::Flooding) {
            std::fprintf(stderr, "bench_flood: setup timed out\n");
            exitCode = 1;
            app.quit();
            return;
        }
        switch (phase) {
        case Phase::Listening:
            if (server.listening) {
                ClientSpec client;
                client.port = server.boundPort;
                clients = bench.spawnClients(client, clientCount);
                phase = Phase::Connecting;
            }
            break;
        case Phase::Connecting:
            if (server.connections.size() == clientCount) {
                // One repetition sends from every client: rate / clients repetitions per second.
                repetitions = qMax<qint64>(1, qint64(seconds * rate / clientCount));
                const netcore::Message message = netcore::Message::binary(QByteArray(payloadSize, 'x'),
                                                                          QStringLiteral("flood"));
                bench.startLoad({SendTarget::Kind::Clients, clients, 0, {}}, message, repetitions,
                                qMax(1, rate / clientCount));
                gaps.clear();
                tickCosts.clear();
                dropped = 0;
                entriesTaken = 0;
                floodClock.start();
                phase = Phase::Flooding;
            }
            break;
        case Phase::Flooding:
            if (!last.load.running && last.load.repetitions == repetitions && last.load.repetitionsDone == repetitions) {
                floodSeconds = double(floodClock.nsecsElapsed()) / 1e9;
                phase = Phase::Draining;
                phaseClock.restart();
            }
            break;
        case Phase::Draining:
            // Until the server has everything (or 5 s), so the count is not cut short by the socket buffers.
            if (receivedBy(last, serverId) >= quint64(repetitions) * quint64(clientCount)
                || phaseClock.elapsed() > 5000)
                app.quit();
            break;
        }
    });
    ticker.start(tickMsecs);
    app.exec();
    if (exitCode != 0)
        return exitCode;

    const quint64 sent = quint64(repetitions) * quint64(clientCount);
    const quint64 received = receivedBy(last, serverId);
    const double achieved = floodSeconds > 0 ? double(received) / floodSeconds : 0;
    const double gapMax = gaps.empty() ? 0 : *std::max_element(gaps.begin(), gaps.end());
    const double costMax = tickCosts.empty() ? 0 : *std::max_element(tickCosts.begin(), tickCosts.end());
    const double peakMiB = double(procStatusKiB("VmHWM")) / 1024;
    const double endMiB = double(procStatusKiB("VmRSS")) / 1024;

    std::printf("target:            %d msg/s for %.1f s from %d clients, %d-byte payloads\n", rate, seconds,
                clientCount, payloadSize);
    std::printf("sent / received:   %llu / %llu messages in %.2f s of flood\n", (unsigned long long)sent,
                (unsigned long long)received, floodSeconds);
    std::printf("achieved:          %.0f msg/s received\n", achieved);
    std::printf("consumer ticks:    %zu every %d ms; gap max %.1f ms, p99 %.1f ms, median %.1f ms\n", gaps.size(),
                tickMsecs, gapMax, percentile(gaps, 0.99), percentile(gaps, 0.5));
    std::printf("tick cost:         max %.1f ms, p99 %.1f ms (takeBatch + ring append)\n", costMax,
                percentile(tickCosts, 0.99));
    std::printf("log entries:       %llu taken, %llu dropped, %zu in the ring\n", (unsigned long long)entriesTaken,
                (unsigned long long)dropped, ring.size());
    std::printf("memory:            peak RSS %.1f MiB, RSS at end %.1f MiB\n", peakMiB, endMiB);
    std::printf("bench_flood: %.0f msg/s (target %d), gap max %.1f ms p99 %.1f ms, peak RSS %.0f MiB, "
                "end RSS %.0f MiB, dropped %llu\n",
                achieved, rate, gapMax, percentile(gaps, 0.99), peakMiB, endMiB, (unsigned long long)dropped);
    return 0;
}
