#include <tests/integration/rawpeer.h>
#include <tests/integration/testhelpers.h>

#include <QtCore/QDeadlineTimer>
#include <QtCore/QElapsedTimer>
#include <QtCore/QThread>
#include <QtCore/QtEndian>

#include <limits>

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace netcore;

/*
 * OutputLimits where tst_backpressure does not reach: output that the server's
 * thread queues with send() (no echo, nothing to pause), the hard limit it
 * trips, and a resume that waits for the low watermark, not just for room
 * below the high one. The peers read only when told to, and only so much.
 */
class tst_OutputLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultLimitsAreTheDocumentedOnes();
    void sendsPastTheHardLimitCloseASlowConsumer_data();
    void sendsPastTheHardLimitCloseASlowConsumer();
    void readingResumesAtTheLowWatermarkAndAnswersEveryRequest();
};

namespace {

constexpr quint32 blobId = 0; // the server's own output; requests and their replies are numbered from 1

/** Waits up to @p msecs, running events, until @p step (one round of work) returns true. */
template <typename Step> bool pollUntil(int msecs, Step step)
{
    const QDeadlineTimer deadline(msecs);
    while (!deadline.hasExpired()) {
        if (step())
            return true;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QThread::usleep(200); // pacing only: each round checks its own event
    }
    return step();
}

/**
 * A peer that reads at most what it is told to, once per call: RawPeer reads until the
 * kernel has nothing more, and on loopback it keeps up with a writer that has megabytes.
 */
class MeteredPeer
{
public:
    MeteredPeer() = default;
    ~MeteredPeer()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    MeteredPeer(const MeteredPeer &) = delete;
    MeteredPeer &operator=(const MeteredPeer &) = delete;

    /** Connects to 127.0.0.1:@p port with a small, fixed receive buffer (no autotuning to soak up output). */
    bool connectTo(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        const int receiveBuffer = 64 * 1024;
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (m_fd < 0 || ::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
            return false;
        return ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK) == 0;
    }
    /** What the kernel takes now: bytes, 0 when it would block, -1 on error. */
    qint64 sendSome(QByteArrayView bytes)
    {
        const ssize_t sent = ::send(m_fd, bytes.data(), size_t(bytes.size()), MSG_NOSIGNAL);
        return sent >= 0 ? sent : (errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1);
    }
    /** One read of at most @p most bytes; empty when nothing is there. */
    QByteArray receiveAtMost(qsizetype most)
    {
        QByteArray bytes(most, Qt::Uninitialized);
        const ssize_t got = ::recv(m_fd, bytes.data(), size_t(most), 0);
        bytes.resize(got > 0 ? qsizetype(got) : 0);
        return bytes;
    }

private:
    int m_fd = -1;
};

/** Envelope frames cut out of a byte stream, keeping a partial one for later. */
struct FrameSplitter
{
    QByteArray buffer;

    /** Appends @p bytes and returns the id of each complete frame, in order. */
    QList<quint32> feed(const QByteArray &bytes)
    {
        buffer += bytes;
        QList<quint32> ids;
        qsizetype at = 0;
        while (buffer.size() - at >= 12) {
            const qsizetype size = 4 + qsizetype(qFromBigEndian<quint32>(buffer.constData() + at));
            if (buffer.size() - at < size)
                break;
            ids.append(qFromBigEndian<quint32>(buffer.constData() + at + 8));
            at += size;
        }
        buffer.remove(0, at);
        return ids;
    }
};

} // namespace

void tst_OutputLimits::defaultLimitsAreTheDocumentedOnes()
{
    // The numbers in outputlimits.h are the contract: a changed default must change its documentation too.
    const OutputLimits defaults;
    QCOMPARE(defaults.highWatermark, 4 * 1024 * 1024);
    QCOMPARE(defaults.lowWatermark, 1024 * 1024);
    QCOMPARE(defaults.hardLimit, 64 * 1024 * 1024);
    QCOMPARE(defaults.stallTimeout, 30000);
    QCOMPARE(defaults.closeTimeout, 10000);
    QVERIFY(defaults.validate().isEmpty());
    // "OutputLimits' defaults unless changed."
    const Server server;
    QCOMPARE(server.outputLimits().highWatermark, defaults.highWatermark);
    QCOMPARE(server.outputLimits().lowWatermark, defaults.lowWatermark);
    QCOMPARE(server.outputLimits().hardLimit, defaults.hardLimit);
    QCOMPARE(server.outputLimits().stallTimeout, defaults.stallTimeout);
    QCOMPARE(server.outputLimits().closeTimeout, defaults.closeTimeout);
}

void tst_OutputLimits::sendsPastTheHardLimitCloseASlowConsumer_data()
{
    QTest::addColumn<int>("workers");
    // The two ways into a connection's output: posted to its I/O thread, or encoded in place.
    QTest::newRow("send() from outside the I/O thread") << 1;
    QTest::newRow("send() in the connection's own thread") << 0;
}

void tst_OutputLimits::sendsPastTheHardLimitCloseASlowConsumer()
{
    QFETCH(int, workers);
    OutputLimits limits;
    limits.highWatermark = 256 * 1024;
    limits.lowWatermark = 64 * 1024;
    limits.hardLimit = 1024 * 1024;
    limits.stallTimeout = 0; // never: only the hard limit may close this peer
    Server server;
    QVERIFY(server.setWorkers(workers));
    QVERIFY(server.setOutputLimits(limits));
    QVERIFY(server.listen());
    QSignalSpy disconnected(&server, &Server::clientDisconnected);
    RawPeer peer;
    QVERIFY(peer.connectTo(server.serverPort(), 16 * 1024)); // and never reads
    QVERIFY(testing::waitForConnections(server, 1));
    const quint64 id = testing::connectionIds(server).value(0);

    // One blob at a time, each handled before the next: the close must come at the write that crosses.
    const Message blob = Message::binary(QByteArray(64 * 1024, 'b'), {}, blobId);
    quint64 sent = 0;
    const bool closed = pollUntil(testing::scaled(20000), [&] {
        if (!disconnected.isEmpty())
            return true;
        if (server.connectionInfo(id).messagesOut == sent && sent < 1024 && server.send(id, blob))
            ++sent;
        return false;
    });
    QVERIFY2(closed, qPrintable(QStringLiteral("still open after %1 blobs").arg(sent)));
    QCOMPARE(disconnected.size(), 1);
    const auto info = disconnected.at(0).at(0).value<ConnectionInfo>();
    QCOMPARE(info.id, id);
    QCOMPARE(disconnected.at(0).at(1).value<DisconnectReason>(), DisconnectReason::SlowConsumer);
    QVERIFY2(disconnected.at(0).at(2).toString().contains(QLatin1String("above the limit of 1048576")),
             qPrintable(disconnected.at(0).at(2).toString()));
    // Memory stayed bounded: past the limit by less than the one write that crossed it.
    QVERIFY2(info.bytesPending > quint64(limits.hardLimit), qPrintable(QString::number(info.bytesPending)));
    const qint64 blobFrame = 12 + blob.payload().size();
    QVERIFY2(info.bytesPending <= quint64(limits.hardLimit + blobFrame), qPrintable(QString::number(info.bytesPending)));
    QVERIFY(peer.waitForClose(testing::scaled(5000)));
    QVERIFY(!server.send(id, blob));
    QCOMPARE(server.error(), ErrorCode::NotConnected);
}

void tst_OutputLimits::readingResumesAtTheLowWatermarkAndAnswersEveryRequest()
{
    // Watermarks far apart compared with the kernel's buffers, which absorb a few MiB of a
    // drain at once: the peer can stop reading with the output between them.
    OutputLimits limits;
    limits.highWatermark = 32 * 1024 * 1024;
    limits.lowWatermark = 8 * 1024 * 1024;
    limits.hardLimit = 64 * 1024 * 1024;
    limits.stallTimeout = 0;
    const quint64 between = quint64(limits.highWatermark + limits.lowWatermark) / 2;
    Server server;
    server.setWorkers(1);
    QVERIFY(server.setOutputLimits(limits));
    // Requests are answered from the server's thread, so the replies are output from outside the I/O thread.
    QObject::connect(&server, &Server::messageReceived, &server, [&server](quint64 connection, const Message &request) {
        server.send(connection, Message::binary({}, {}, request.id()));
    });
    QVERIFY(server.listen());
    QSignalSpy disconnected(&server, &Server::clientDisconnected);
    MeteredPeer peer;
    QVERIFY(peer.connectTo(server.serverPort()));
    QVERIFY(testing::waitForConnections(server, 1));
    const quint64 id = testing::connectionIds(server).value(0);

    // The server's own output passes the high watermark before the peer asks anything.
    const Message blob = Message::binary(QByteArray(1024 * 1024, 'b'), {}, blobId);
    quint64 blobs = 0;
    QVERIFY(pollUntil(testing::scaled(10000), [&] {
        const ConnectionInfo info = server.connectionInfo(id);
        if (info.bytesPending >= quint64(limits.highWatermark))
            return true;
        if (info.messagesOut == blobs && server.send(id, blob)) // the previous one was handled
            ++blobs;
        return false;
    }));

    // Paused: the peer writes until TCP pushes back for 300 ms, and not one request was decoded.
    const EnvelopeCodec codec(CodecConfig::envelope());
    quint32 requests = 0; // started: the last one may be partly written
    QByteArray unsent;
    // Writes what the kernel takes now, starting requests while fewer than @p limit: bytes taken, -1 on error.
    const auto sendRequests = [&](quint32 limit) {
        qint64 total = 0;
        for (;;) {
            if (unsent.isEmpty() && requests < limit)
                unsent = codec.encode(Message::binary(QByteArray(4096, 'r'), {}, ++requests));
            const qint64 taken = unsent.isEmpty() ? 0 : peer.sendSome(unsent);
            if (taken <= 0)
                return taken < 0 ? taken : total;
            total += taken;
            unsent.remove(0, taken);
        }
    };
    QElapsedTimer quiet;
    quiet.start();
    QVERIFY(pollUntil(testing::scaled(10000), [&] {
        const qint64 taken = sendRequests(std::numeric_limits<quint32>::max());
        if (taken > 0)
            quiet.restart();
        return taken < 0 || quiet.elapsed() >= 300;
    }));
    QVERIFY2(requests > 64, qPrintable(QString::number(requests))); // far more than the kernel's buffers alone
    QCOMPARE(server.connectionInfo(id).messagesIn, 0u);
    QCOMPARE(server.connectionInfo(id).bytesIn, 0u);
    const quint32 total = requests;
    qInfo("paused: %u requests of 4 KiB written, none decoded; %llu bytes of output pending",
          total, server.connectionInfo(id).bytesPending);

    // The peer drains the output to between the watermarks, then stops reading: still paused.
    FrameSplitter splitter;
    QVERIFY(pollUntil(testing::scaled(20000), [&] {
        splitter.feed(peer.receiveAtMost(32 * 1024)); // blobs only: nothing was answered yet
        return server.connectionInfo(id).bytesPending <= between;
    }));
    QVERIFY2(server.connectionInfo(id).bytesPending > quint64(limits.lowWatermark),
             qPrintable(QString::number(server.connectionInfo(id).bytesPending)));
    qInfo("the peer stopped reading with %llu bytes pending (watermarks %lld and %lld)",
          server.connectionInfo(id).bytesPending, qint64(limits.lowWatermark), qint64(limits.highWatermark));
    // A write posted now runs after anything a (wrong) resume below the high watermark queued there.
    const quint64 outBefore = server.connectionInfo(id).messagesOut;
    QVERIFY(server.send(id, Message::binary({}, {}, blobId)));
    QVERIFY(pollUntil(testing::scaled(5000), [&] { return server.connectionInfo(id).messagesOut > outBefore; }));
    QCOMPARE(server.connectionInfo(id).messagesIn, 0u);

    // Reading again: at the low watermark the server reads on, and every request is answered in order.
    QList<quint32> replies;
    const bool answered = pollUntil(testing::scaled(30000), [&] {
        if (sendRequests(total) < 0)
            return true;
        for (quint32 frameId : splitter.feed(peer.receiveAtMost(1024 * 1024))) {
            if (frameId != blobId)
                replies.append(frameId);
        }
        return replies.size() >= qsizetype(total);
    });
    QVERIFY2(answered, qPrintable(QStringLiteral("%1 of %2 requests answered").arg(replies.size()).arg(total)));
    QCOMPARE(server.connectionInfo(id).messagesIn, quint64(total));
    for (quint32 i = 0; i < total; ++i)
        QCOMPARE(replies.at(qsizetype(i)), i + 1);
    QVERIFY(disconnected.isEmpty());
}

QTEST_GUILESS_MAIN(tst_OutputLimits)
#include "tst_outputlimits.moc"
