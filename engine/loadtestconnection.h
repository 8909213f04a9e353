#pragma once

#include <engine/replyframer.h>

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <vector>

namespace wirebench {

class LatencyRecorder;

/**
 * What every connection of a bench run sends: one encoded frame repeated,
 * back to back, so a connection at any point of the stream writes straight
 * from here without a buffer of its own.
 *
 * @code
 * bytes: | frame | frame | frame | ... |   (frameSize each, at least one)
 *              ^ a connection resumes at (bytes sent % frameSize)
 * @endcode
 */
struct FramePattern
{
    QByteArray bytes;
    qsizetype frameSize = 0;
};

/**
 * One connected, non-blocking socket of `wirebench-cli bench` keeping
 * `inflight` frames in flight: for every echoed frame it records the round
 * trip and sends one more. Owns its descriptor (closed on destruction).
 * The caller waits for readiness (edge-triggered epoll) and calls
 * onReadable() / onWritable().
 */
class LoadTestConnection
{
public:
    LoadTestConnection(int descriptor, const FramePattern &pattern, const netcore::CodecConfig &codec,
                       int inflight);
    ~LoadTestConnection();
    Q_DISABLE_COPY(LoadTestConnection)

    int descriptor() const { return m_descriptor; }
    /** Frames echoed since the start, warm-up included. */
    quint64 echoed() const { return m_echoed; }
    /** Bytes received while a recorder was given (the measured time). */
    quint64 measuredBytes() const { return m_measuredBytes; }
    /** Replies that were not what was sent (ReplyFramer), warm-up included. */
    quint64 differingFrames() const { return m_framer.differingFrames(); }
    quint64 wrongLengthFrames() const { return m_framer.wrongLengthFrames(); }
    /** Frames that came back beyond those in flight: nobody asked for them. */
    quint64 unaskedFrames() const { return m_unasked; }
    QString errorString() const { return m_error; }

    /** Queues frames until `inflight` are in flight, sent at @p nowNs; writes what the socket takes. */
    bool fill(qint64 nowNs);
    /**
     * Reads what arrived into @p scratch; each echoed frame's latency goes
     * to @p recorder (none during the warm-up) and is replaced by a new
     * frame. False, with errorString() set, on a socket error, the server
     * closing, or a reply that cannot be framed.
     */
    bool onReadable(char *scratch, qsizetype scratchSize, LatencyRecorder *recorder);
    bool onWritable() { return flush(); }

    /** Monotonic now in nanoseconds, the clock of every timestamp. */
    static qint64 nowNs();

private:
    bool flush();
    bool fail(const QString &why);

    int m_descriptor = -1;
    const FramePattern &m_pattern;
    ReplyFramer m_framer;
    /** Send times of the frames in flight, oldest first, as a ring of `inflight` slots. */
    std::vector<qint64> m_sentAt;
    size_t m_oldest = 0;
    size_t m_inFlight = 0;
    qint64 m_unsentBytes = 0;
    qsizetype m_frameOffset = 0;  ///< where the next byte sent lies within a frame
    quint64 m_echoed = 0;
    quint64 m_measuredBytes = 0;
    quint64 m_unasked = 0;
    QString m_error;
};

} // namespace wirebench
