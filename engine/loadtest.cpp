#include "loadtest.h"

#include <netcore/codec.h>
#include <netcore/endpoint.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <unistd.h>

namespace wirebench {

namespace {

/** CPU time of the calling thread, in nanoseconds. */
qint64 threadCpuNs()
{
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000000 + now.tv_nsec;
}

constexpr int connectWindow = 256;  // connects in progress at once: a burst beyond the backlog only retries
constexpr qint64 msec = 1000 * 1000;
constexpr qint64 connectTimeoutNs = 10000 * msec;
constexpr qint64 connectTimeoutPerConnectionNs = 1 * msec;
constexpr qsizetype scratchSize = 256 * 1024;
constexpr int eventBatch = 1024;
constexpr qsizetype patternBytes = 256 * 1024; // one send() call's worth of frames

/** @p size bytes a receiver of @p type accepts: text, or a JSON array holding one string. */
QByteArray payloadOf(qsizetype size, netcore::MessageType type)
{
    if (type != netcore::MessageType::Json)
        return QByteArray(size, 'x');
    return "[\"" + QByteArray(size - 4, 'x') + "\"]";
}

QString systemError(int number)
{
    return QString::fromLocal8Bit(std::strerror(number));
}

int millisecondsUntil(qint64 deadlineNs)
{
    const qint64 left = deadlineNs - LoadTestConnection::nowNs();
    return left <= 0 ? 0 : int(std::min<qint64>((left + msec - 1) / msec, 1000));
}

} // namespace

LoadTest::LoadTest(LoadPlan plan) : m_plan(std::move(plan)), m_scratch(size_t(scratchSize)) {}

LoadTest::~LoadTest()
{
    m_connections.clear();
    for (const int descriptor : m_idle)
        ::close(descriptor);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool LoadTest::run()
{
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll < 0)
        return fail(QStringLiteral("cannot create an epoll set: %1").arg(systemError(errno)));
    if (!resolve() || !openConnections(m_plan.idle, &m_idle))
        return false;

    std::vector<int> active;
    const bool opened = openConnections(m_plan.connections, &active);
    for (const int descriptor : active) {
        m_connections.push_back(
            std::make_unique<LoadTestConnection>(descriptor, m_plan.pattern, m_plan.codec, m_plan.inflight));
    }
    if (!opened)
        return false;
    for (size_t index = 0; index < m_connections.size(); ++index) {
        epoll_event event{};
        event.events = EPOLLIN | EPOLLOUT | EPOLLET;
        event.data.u64 = index;
        if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_connections[index]->descriptor(), &event) != 0)
            return fail(QStringLiteral("cannot watch a connection: %1").arg(systemError(errno)));
    }
    return measure();
}

bool LoadTest::resolve()
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *found = nullptr;
    const QByteArray host = m_plan.host.toUtf8();
    const int status = ::getaddrinfo(host.constData(), nullptr, &hints, &found);
    if (status != 0 || !found)
        return fail(QStringLiteral("cannot resolve %1: %2").arg(m_plan.host, QString::fromLocal8Bit(gai_strerror(status))));
    std::memcpy(&m_address, found->ai_addr, found->ai_addrlen);
    m_addressSize = found->ai_addrlen;
    ::freeaddrinfo(found);
    if (m_address.ss_family == AF_INET6)
        reinterpret_cast<sockaddr_in6 *>(&m_address)->sin6_port = htons(m_plan.port);
    else
        reinterpret_cast<sockaddr_in *>(&m_address)->sin_port = htons(m_plan.port);
    return true;
}

bool LoadTest::openConnections(int count, std::vector<int> *descriptors)
{
    const QString peer = netcore::Endpoint::format(m_plan.host, m_plan.port);
    const qint64 timeout = connectTimeoutNs + count * connectTimeoutPerConnectionNs;
    const qint64 deadline = LoadTestConnection::nowNs() + timeout;
    std::vector<epoll_event> events(static_cast<size_t>(connectWindow));
    int started = 0;
    int completed = 0;
    while (completed < count) {
        while (started < count && started - completed < connectWindow) {
            const int descriptor = ::socket(m_address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (descriptor < 0)
                return fail(QStringLiteral("cannot open connection %1 of %2: %3").arg(started + 1).arg(count).arg(systemError(errno)));
            descriptors->push_back(descriptor);
            ++started;
            const int on = 1;
            ::setsockopt(descriptor, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
            if (::connect(descriptor, reinterpret_cast<const sockaddr *>(&m_address), m_addressSize) == 0) {
                ++completed;
                continue;
            }
            if (errno != EINPROGRESS)
                return fail(QStringLiteral("cannot connect to %1: %2").arg(peer, systemError(errno)));
            epoll_event event{};
            event.events = EPOLLOUT;
            event.data.fd = descriptor;
            if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, descriptor, &event) != 0)
                return fail(QStringLiteral("cannot watch a connection: %1").arg(systemError(errno)));
        }
        if (completed == count)
            break;
        const int ready = ::epoll_wait(m_epoll, events.data(), connectWindow, millisecondsUntil(deadline));
        if (ready < 0 && errno != EINTR)
            return fail(QStringLiteral("cannot wait for connections: %1").arg(systemError(errno)));
        if (ready <= 0 && LoadTestConnection::nowNs() >= deadline) {
            return fail(QStringLiteral("cannot connect to %1: %2 of %3 connections made within %4 s")
                            .arg(peer).arg(completed).arg(count).arg(double(timeout) / 1e9, 0, 'f', 0));
        }
        for (int i = 0; i < ready; ++i) {
            const int descriptor = events[size_t(i)].data.fd;
            int error = 0;
            socklen_t size = sizeof error;
            ::getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &size);
            ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, descriptor, nullptr);
            if (error != 0)
                return fail(QStringLiteral("cannot connect to %1: %2").arg(peer, systemError(error)));
            ++completed;
        }
    }
    return true;
}

bool LoadTest::measure()
{
    const qint64 start = LoadTestConnection::nowNs();
    const qint64 warmupEnd = start + m_plan.warmupNs;
    const qint64 end = warmupEnd + m_plan.durationNs;
    LatencyRecorder *recorder = m_plan.warmupNs > 0 ? nullptr : &m_result.latency;
    qint64 measuredFrom = start;
    qint64 cpuFrom = threadCpuNs();

    for (const auto &connection : m_connections) {
        if (!connection->fill(start))
            return fail(connection->errorString());
    }
    std::vector<epoll_event> events(static_cast<size_t>(eventBatch));
    qint64 now = start;
    while (now < end) {
        const int ready = ::epoll_wait(m_epoll, events.data(), eventBatch, millisecondsUntil(recorder ? end : warmupEnd));
        if (ready < 0 && errno != EINTR)
            return fail(QStringLiteral("cannot wait for replies: %1").arg(systemError(errno)));
        for (int i = 0; i < ready; ++i) {
            const epoll_event &event = events[size_t(i)];
            LoadTestConnection &connection = *m_connections[size_t(event.data.u64)];
            const bool echoedBefore = connection.echoed() > 0;
            bool ok = true;
            if (event.events & (EPOLLIN | EPOLLERR | EPOLLHUP))
                ok = connection.onReadable(m_scratch.data(), scratchSize, recorder);
            if (ok && (event.events & EPOLLOUT))
                ok = connection.onWritable();
            if (!ok) {
                return fail(QStringLiteral("connection %1 of %2: %3")
                                .arg(event.data.u64 + 1).arg(m_connections.size()).arg(connection.errorString()));
            }
            if (!echoedBefore && connection.echoed() > 0)
                ++m_result.echoedConnections;
        }
        now = LoadTestConnection::nowNs();
        if (m_result.allEchoedAfterNs < 0 && size_t(m_result.echoedConnections) == m_connections.size())
            m_result.allEchoedAfterNs = now - start;
        if (!recorder && now >= warmupEnd) {
            recorder = &m_result.latency;
            measuredFrom = now;
            cpuFrom = threadCpuNs();
        }
    }
    m_result.measuredNs = now - measuredFrom;
    m_result.cpuNs = threadCpuNs() - cpuFrom;
    for (const auto &connection : m_connections) {
        m_result.bytesReceived += connection->measuredBytes();
        m_result.differingFrames += connection->differingFrames();
        m_result.wrongLengthFrames += connection->wrongLengthFrames();
        m_result.unaskedFrames += connection->unaskedFrames();
    }
    return true;
}

bool LoadTest::fail(const QString &why)
{
    m_error = why;
    return false;
}

bool LoadTest::makePattern(const netcore::CodecConfig &codec, qsizetype payloadSize, int inflight,
                           FramePattern *pattern, QString *error)
{
    const bool envelope = codec.kind == netcore::CodecConfig::Kind::Envelope;
    const netcore::MessageType type = envelope ? netcore::MessageType::Binary : codec.payloadType;
    if (type == netcore::MessageType::Json && payloadSize < 4) {
        *error = QStringLiteral("json payloads need at least 4 bytes");
        return false;
    }
    QByteArray frame;
    netcore::Error encodeError;
    if (!netcore::Codec::create(codec)->encode(netcore::Message(type, payloadOf(payloadSize, type)), frame,
                                               &encodeError)) {
        *error = encodeError.message;
        return false;
    }
    pattern->frameSize = frame.size();
    pattern->bytes = frame.repeated(std::clamp<qsizetype>(patternBytes / frame.size(), 1, inflight));
    return true;
}

bool LoadTest::ensureDescriptors(qint64 connections, QString *error)
{
    const qint64 descriptors = connections + descriptorsReserved;
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return true; // unknown: let socket() say so if it comes to that
    if (limit.rlim_cur < limit.rlim_max) {
        const rlim_t was = limit.rlim_cur;
        limit.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &limit) != 0)
            limit.rlim_cur = was;
    }
    if (limit.rlim_cur == RLIM_INFINITY || qint64(limit.rlim_cur) >= descriptors)
        return true;
    *error = QStringLiteral("this run needs %1 open files (connections, idle connections and %2 more) "
                            "but RLIMIT_NOFILE allows %3 (hard limit %4): raise it "
                            "(ulimit -n, /etc/security/limits.conf) or ask for fewer connections")
                 .arg(descriptors).arg(descriptorsReserved).arg(limit.rlim_cur).arg(limit.rlim_max);
    return false;
}

} // namespace wirebench
