/*
 * bench_dispatcher: what an I/O thread's event dispatcher costs a lone busy
 * connection when thousands of idle ones share its thread.
 *
 * A netcore::Server with one I/O thread echoes envelope frames
 * (messageReceived -> send). A client thread opens --idle connections that
 * never speak, then one more that plays ping-pong: it writes one 64-byte
 * frame, waits for the echo with a blocking read, and times the round trip.
 * Printed: p50, p99 and mean round-trip latency, for each dispatcher asked
 * for. "epoll" is netcore's EpollEventDispatcher (the default in I/O
 * threads); "qt" is Qt's own, chosen by NETCORE_EVENT_DISPATCHER=qt, which
 * netcore reads when the server starts its threads. It measures; it asserts
 * nothing about speed.
 *
 *   bench_dispatcher [--dispatcher epoll|qt|both] [--idle 9000] [--rounds 2000] [--warmup 200]
 */
#include <tests/bench/benchstats.h>

#include <netcore/netcore.h>

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QEventLoop>
#include <QtCore/QtEndian>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

constexpr int frameSize = 64;          // the whole envelope frame: 12-byte header, 52-byte payload
constexpr int spareDescriptors = 64;   // the server's own, Qt's, the active pair
constexpr int connectBatch = 256;      // stays well inside the listen backlog

struct Options
{
    int idle = 9000;
    int rounds = 2000;
    int warmup = 200;
};

struct Result
{
    bool ok = false;
    QString failure;
    std::vector<double> micros; // one round trip each
};

/** Raises the soft descriptor limit to the hard one; false (and says so) if still short of @p needed. */
bool ensureDescriptors(rlim_t needed)
{
    rlimit limit = {};
    ::getrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur < needed && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
        ::getrlimit(RLIMIT_NOFILE, &limit);
    }
    if (limit.rlim_cur >= needed)
        return true;
    std::fprintf(stderr,
                 "bench_dispatcher: RLIMIT_NOFILE is %llu (hard %llu) but --idle needs %llu descriptors "
                 "(both ends of every connection live in this process). Raise the hard limit "
                 "(ulimit -Hn, limits.conf) or lower --idle.\n",
                 (unsigned long long)limit.rlim_cur, (unsigned long long)limit.rlim_max,
                 (unsigned long long)needed);
    return false;
}

int connectTo(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    sockaddr_in address = {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool waitUntil(const std::function<bool()> &condition, std::chrono::seconds limit)
{
    const auto deadline = Clock::now() + limit;
    while (!condition()) {
        if (Clock::now() > deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

bool readExactly(int fd, char *bytes, int size)
{
    for (int done = 0; done < size;) {
        const ssize_t n = ::recv(fd, bytes + done, size_t(size - done), 0);
        if (n <= 0)
            return false;
        done += int(n);
    }
    return true;
}

/** The client side: runs in its own thread with blocking sockets. */
Result runClient(const netcore::Server &server, quint16 port, const Options &options)
{
    Result result;
    std::vector<int> idle;
    const auto closeAll = [&idle] {
        for (const int fd : idle)
            ::close(fd);
    };
    while (int(idle.size()) < options.idle) {
        const int batch = std::min(connectBatch, options.idle - int(idle.size()));
        for (int i = 0; i < batch; ++i) {
            const int fd = connectTo(port);
            if (fd < 0) {
                result.failure = QStringLiteral("idle connection %1 failed: %2")
                                     .arg(idle.size() + 1).arg(QString::fromLocal8Bit(strerror(errno)));
                closeAll();
                return result;
            }
            idle.push_back(fd);
        }
        const int opened = int(idle.size());
        if (!waitUntil([&] { return server.connectionCount() >= opened; }, std::chrono::seconds(30))) {
            result.failure = QStringLiteral("the server accepted %1 of %2 connections").arg(server.connectionCount()).arg(opened);
            closeAll();
            return result;
        }
    }

    const int active = connectTo(port);
    if (active < 0) {
        result.failure = QStringLiteral("the active connection failed");
        closeAll();
        return result;
    }
    const int noDelay = 1;
    ::setsockopt(active, IPPROTO_TCP, TCP_NODELAY, &noDelay, sizeof noDelay);
    const timeval patience = {5, 0}; // a lost echo ends the run instead of hanging it
    ::setsockopt(active, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);

    // | N = 60 (u32) | type 0 | version 1 | channel length 0 (u16) | id (u32) | 52 payload bytes |
    char frame[frameSize] = {};
    qToBigEndian<quint32>(frameSize - 4, frame);
    frame[5] = 1;
    std::fill(frame + 12, frame + frameSize, 'x');
    char echo[frameSize];
    result.micros.reserve(size_t(options.rounds));
    for (int round = 0; round < options.warmup + options.rounds; ++round) {
        qToBigEndian<quint32>(quint32(round), frame + 8);
        const auto start = Clock::now();
        if (::send(active, frame, frameSize, MSG_NOSIGNAL) != frameSize || !readExactly(active, echo, frameSize)
            || std::memcmp(frame, echo, frameSize) != 0) {
            result.failure = QStringLiteral("round %1: no faithful echo").arg(round);
            break;
        }
        if (round >= options.warmup)
            result.micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
    }
    ::close(active);
    closeAll();
    result.ok = result.failure.isEmpty();
    return result;
}

Result measure(const QString &dispatcher, const Options &options)
{
    // Read by netcore when listen() starts the I/O threads.
    if (dispatcher == QLatin1String("qt"))
        qputenv("NETCORE_EVENT_DISPATCHER", "qt");
    else
        qunsetenv("NETCORE_EVENT_DISPATCHER");

    netcore::Server server;
    server.setWorkers(1); // every connection in one I/O thread: the one with the dispatcher
    QObject::connect(&server, &netcore::Server::messageReceived, &server,
                     [&server](quint64 connection, const netcore::Message &message) { server.send(connection, message); });
    if (!server.listen(QHostAddress::LocalHost, 0)) {
        Result failed;
        failed.failure = server.errorString();
        return failed;
    }
    Result result;
    QEventLoop loop;
    std::thread client([&] {
        result = runClient(server, server.serverPort(), options);
        QMetaObject::invokeMethod(&loop, &QEventLoop::quit, Qt::QueuedConnection);
    });
    loop.exec();
    client.join();
    return result;
}


} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Ping-pong latency of one connection among many idle ones."));
    parser.addHelpOption();
    const QCommandLineOption dispatcherOption(QStringLiteral("dispatcher"),
                                              QStringLiteral("epoll, qt or both (default)."), QStringLiteral("name"),
                                              QStringLiteral("both"));
    const QCommandLineOption idleOption(QStringLiteral("idle"), QStringLiteral("Idle connections (default 9000)."),
                                        QStringLiteral("n"), QStringLiteral("9000"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"), QStringLiteral("Timed round trips (default 2000)."),
                                          QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption warmupOption(QStringLiteral("warmup"), QStringLiteral("Untimed round trips first (default 200)."),
                                          QStringLiteral("n"), QStringLiteral("200"));
    parser.addOptions({dispatcherOption, idleOption, roundsOption, warmupOption});
    parser.process(app);

    Options options;
    options.idle = qMax(0, parser.value(idleOption).toInt());
    options.rounds = qMax(1, parser.value(roundsOption).toInt());
    options.warmup = qMax(0, parser.value(warmupOption).toInt());
    const QString choice = parser.value(dispatcherOption);
    QStringList dispatchers;
    if (choice == QLatin1String("both"))
        dispatchers = {QStringLiteral("epoll"), QStringLiteral("qt")};
    else if (choice == QLatin1String("epoll") || choice == QLatin1String("qt"))
        dispatchers = {choice};
    else {
        std::fprintf(stderr, "bench_dispatcher: --dispatcher is epoll, qt or both, not \"%s\"\n", qPrintable(choice));
        return 2;
    }
    if (!ensureDescriptors(rlim_t(2 * options.idle + spareDescriptors)))
        return 1;

    std::printf("bench_dispatcher: 1 I/O thread, %d idle connections, %d-byte envelope frames, %d round trips\n",
                options.idle, frameSize, options.rounds);
    int status = 0;
    for (const QString &dispatcher : std::as_const(dispatchers)) {
        const Result result = measure(dispatcher, options);
        if (!result.ok) {
            std::fprintf(stderr, "bench_dispatcher: %s: %s\n", qPrintable(dispatcher), qPrintable(result.failure));
            status = 1;
            continue;
        }
        double sum = 0;
        for (const double micros : result.micros)
            sum += micros;
        std::printf("  %-6s p50 %9.1f us   p99 %9.1f us   mean %9.1f us\n", qPrintable(dispatcher),
                    percentile(result.micros, 0.50), percentile(result.micros, 0.99),
                    sum / double(result.micros.size()));
        std::fflush(stdout);
    }
    return status;
}
