#include "loadtestconnection.h"

#include <engine/latencyrecorder.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <sys/socket.h>
#include <unistd.h>

namespace wirebench {

LoadTestConnection::LoadTestConnection(int descriptor, const FramePattern &pattern,
                                       const netcore::CodecConfig &codec, int inflight)
    : m_descriptor(descriptor), m_pattern(pattern), m_framer(codec, pattern.bytes.left(pattern.frameSize)),
      m_sentAt(size_t(std::max(inflight, 1)))
{
}

LoadTestConnection::~LoadTestConnection()
{
    if (m_descriptor >= 0)
        ::close(m_descriptor);
}

qint64 LoadTestConnection::nowNs()
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count();
}

bool LoadTestConnection::fill(qint64 nowNs)
{
    const size_t capacity = m_sentAt.size();
    for (; m_inFlight < capacity; ++m_inFlight) {
        const size_t slot = m_oldest + m_inFlight;
        m_sentAt[slot < capacity ? slot : slot - capacity] = nowNs;
        m_unsentBytes += m_pattern.frameSize;
    }
    return flush();
}

bool LoadTestConnection::flush()
{
    while (m_unsentBytes > 0) {
        const qint64 chunk = std::min<qint64>(m_unsentBytes, m_pattern.bytes.size() - m_frameOffset);
        const ssize_t sent = ::send(m_descriptor, m_pattern.bytes.constData() + m_frameOffset,
                                    size_t(chunk), MSG_NOSIGNAL);
        if (sent < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return true;  // the next EPOLLOUT edge resumes
            return fail(QStringLiteral("cannot send: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
        }
        m_unsentBytes -= sent;
        m_frameOffset = qsizetype((m_frameOffset + sent) % m_pattern.frameSize);
        if (sent < chunk)
            return true;  // the socket buffer is full
    }
    return true;
}

bool LoadTestConnection::onReadable(char *scratch, qsizetype scratchSize, LatencyRecorder *recorder)
{
    qint64 echoedNow = 0;
    for (;;) {
        const ssize_t got = ::recv(m_descriptor, scratch, size_t(scratchSize), 0);
        if (got == 0)
            return fail(QStringLiteral("the server closed the connection"));
        if (got < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            return fail(QStringLiteral("cannot receive: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
        }
        if (recorder)
            m_measuredBytes += quint64(got);
        const qint64 frames = m_framer.feed(scratch, got);
        if (frames < 0)
            return fail(m_framer.errorString());
        echoedNow += frames;
        // A short read emptied the socket; more data brings a new edge, so skip the EAGAIN call.
        if (got < scratchSize)
            break;
    }
    if (echoedNow == 0)
        return true;

    const qint64 now = nowNs();
    // Frames beyond those in flight were never asked for: they are not round trips.
    const size_t answered = size_t(std::min<qint64>(echoedNow, qint64(m_inFlight)));
    for (size_t i = 0; i < answered; ++i) {
        if (recorder)
            recorder->record(now - m_sentAt[m_oldest]);
        if (++m_oldest == m_sentAt.size())
            m_oldest = 0;
    }
    m_unasked += quint64(echoedNow) - answered;
    m_inFlight -= answered;
    m_echoed += answered;
    return fill(now);
}

bool LoadTestConnection::fail(const QString &why)
{
    m_error = why;
    return false;
}

} // namespace wirebench
