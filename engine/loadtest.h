#pragma once

#include <engine/latencyrecorder.h>
#include <engine/loadtestconnection.h>

#include <netcore/codecconfig.h>

#include <QtCore/QString>

#include <memory>
#include <sys/socket.h>
#include <vector>

namespace wirebench {

/** What a bench run does: where, how many connections, how much in flight, for how long. */
struct LoadPlan
{
    QString host;
    quint16 port = 0;
    int connections = 1;
    int idle = 0;  ///< opened first, then left alone
    int inflight = 1;
    netcore::CodecConfig codec;
    FramePattern pattern;
    qint64 warmupNs = 0;
    qint64 durationNs = 0;
};

/** What a bench run measured, after the warm-up. */
struct LoadResult
{
    LatencyRecorder latency;  ///< one sample per echoed frame: count() is the frames echoed
    qint64 measuredNs = 0;
    int echoedConnections = 0;  ///< active connections that got at least one echo (warm-up included)
    qint64 allEchoedAfterNs = -1;  ///< from the start of the load until every connection had an echo; -1: never
    quint64 bytesReceived = 0;  ///< in the measured time: whole frames and partial ones, headers included
    qint64 cpuNs = 0;           ///< CPU time the generator's thread used in the measured time

    /** The generator's own CPU use over the measured time, 1.0 = one core. */
    double cpuShare() const { return measuredNs > 0 ? double(cpuNs) / double(measuredNs) : 0.0; }
    /** At 90 % of its core the generator, not the server, may set the pace. */
    bool generatorBound() const { return cpuShare() >= 0.9; }
    // What came back that was not what was sent (warm-up included): any of them makes the run fail its check.
    quint64 differingFrames = 0;    ///< the sent frame's length, other bytes
    quint64 wrongLengthFrames = 0;  ///< another length
    quint64 unaskedFrames = 0;      ///< beyond the frames in flight

    /** Every reply was the frame that was sent, and none came unasked. */
    bool repliesMatched() const { return differingFrames == 0 && wrongLengthFrames == 0 && unaskedFrames == 0; }
};

/**
 * The engine of `wirebench-cli bench`: raw non-blocking sockets and one
 * edge-triggered epoll set in the calling thread, so the load generator
 * costs a few system calls per batch of frames and is not the bottleneck.
 */
class LoadTest
{
public:
    explicit LoadTest(LoadPlan plan);
    ~LoadTest();
    Q_DISABLE_COPY(LoadTest)

    /**
     * Opens the idle connections, then the active ones, then keeps frames
     * in flight for the warm-up and the measured duration. False, with
     * errorString() set, if a connection cannot be made or fails.
     */
    bool run();

    const LoadResult &result() const { return m_result; }
    QString errorString() const { return m_error; }

    /** Descriptors a run needs besides its connections: stdio, epoll, whatever the runtime holds. */
    static constexpr qint64 descriptorsReserved = 16;

    /**
     * The frames every connection sends: a payload of @p payloadSize bytes
     * that the codec's receiver accepts as its type (binary or text, or a
     * JSON array holding one string), encoded, repeated for up to
     * @p inflight frames (one send() call's worth at most). False, with
     * @p error set, if the codec cannot carry such a frame.
     */
    static bool makePattern(const netcore::CodecConfig &codec, qsizetype payloadSize, int inflight,
                            FramePattern *pattern, QString *error);

    /**
     * Raises RLIMIT_NOFILE to its hard limit when a run of @p connections
     * (idle ones included) needs more than the soft one. False, with
     * @p error saying what to do, if even the hard limit is too low.
     */
    static bool ensureDescriptors(qint64 connections, QString *error);

private:
    bool resolve();
    /** Connects @p count sockets, a window at a time; they are appended to @p descriptors. */
    bool openConnections(int count, std::vector<int> *descriptors);
    bool measure();
    bool fail(const QString &why);

    LoadPlan m_plan;
    LoadResult m_result;
    int m_epoll = -1;
    sockaddr_storage m_address{};
    socklen_t m_addressSize = 0;
    std::vector<int> m_idle;
    std::vector<std::unique_ptr<LoadTestConnection>> m_connections;
    std::vector<char> m_scratch;
    QString m_error;
};

} // namespace wirebench
