#include <tests/integration/rawpeer.h>
#include <tests/integration/testhelpers.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QtEndian>

#include <limits>

using namespace netcore;

/*
 * Peers that send and do not read. The server echoes every message in its
 * I/O thread, so each request produces as many bytes of output as it
 * brought in; the limits are small so the tests run in a second or two.
 */
class tst_Backpressure : public QObject
{
    Q_OBJECT

private slots:
    void nonReadingPeerIsPushedBackThenDropped();
    void pausedPeerResumesWhenItReads();
    void closingDoesNotWaitForeverOnANonReader();
    void halfAHeaderIsClosedByTheIdleTimeout();
    void invalidLimitsAreRefused();
};

namespace {

constexpr int payloadSize = 16 * 1024;

OutputLimits smallLimits(int stallTimeout)
{
    OutputLimits limits;
    limits.highWatermark = 256 * 1024;
    limits.lowWatermark = 64 * 1024;
    limits.hardLimit = 4 * 1024 * 1024;
    limits.stallTimeout = stallTimeout;
    return limits;
}

/** An echo server on one I/O thread with @p limits. */
std::unique_ptr<Server> echoServer(const OutputLimits &limits)
{
    auto server = std::make_unique<Server>();
    server->setWorkers(1);
    Server *raw = server.get();
    server->setMessageHandler([raw](quint64 connection, const MessageView &message) {
        return raw->send(connection, message);
    });
    if (!server->setOutputLimits(limits) || !server->listen())
        return nullptr;
    return server;
}

/** An echo server with given limits and one peer with a small receive window, connected to it. */
struct PeerSetup
{
    std::unique_ptr<Server> server;
    std::unique_ptr<QSignalSpy> disconnected;
    RawPeer peer;

    bool start(const OutputLimits &limits)
    {
        server = echoServer(limits);
        if (!server)
            return false;
        disconnected = std::make_unique<QSignalSpy>(server.get(), &Server::clientDisconnected);
        return peer.connectTo(server->serverPort(), 16 * 1024) && testing::waitForConnections(*server, 1);
    }
};

QByteArray frame(quint32 id)
{
    return EnvelopeCodec(CodecConfig::envelope()).encode(Message::binary(QByteArray(payloadSize, 'p'), {}, id));
}

/** Writes numbered echo frames to a RawPeer as fast as its kernel takes them, never splitting the stream. */
struct FrameSender
{
    explicit FrameSender(RawPeer &peer) : peer(peer) {}

    RawPeer &peer;
    quint32 frames = 0; ///< frames started
    QByteArray pending; ///< the rest of the frame being sent

    /** Sends what the kernel takes now, starting new frames while frames < @p limit; bytes sent, -1 on error. */
    qint64 sendSome(quint32 limit)
    {
        qint64 total = 0;
        for (;;) {
            if (pending.isEmpty()) {
                if (frames >= limit)
                    return total;
                pending = frame(frames++);
            }
            const qint64 sent = peer.sendSome(pending);
            if (sent <= 0)
                return sent < 0 ? -1 : total;
            total += sent;
            pending.remove(0, sent);
        }
    }

    /** Sends without reading until the kernel took nothing for @p quietMsecs (TCP pushed back) or @p limit bytes went. */
    qint64 sendUntilPushedBack(qint64 limit, int quietMsecs)
    {
        qint64 total = 0;
        QElapsedTimer quiet;
        quiet.start();
        while (total < limit && quiet.elapsed() < quietMsecs) {
            const qint64 sent = sendSome(std::numeric_limits<quint32>::max());
            if (sent < 0)
                return -1;
            if (sent > 0)
                quiet.restart();
            total += sent;
            QThread::msleep(1);
        }
        return total;
    }
};

} // namespace

void tst_Backpressure::nonReadingPeerIsPushedBackThenDropped()
{
    const OutputLimits limits = smallLimits(1500);
    PeerSetup setup;
    QVERIFY(setup.start(limits));
    const auto &server = setup.server;
    QSignalSpy &disconnected = *setup.disconnected;
    RawPeer &peer = setup.peer;

    // Unbounded echoing would take all 64 MiB; the server stops reading near its high watermark.
    FrameSender sender(peer);
    const qint64 sent = sender.sendUntilPushedBack(64 * 1024 * 1024, 300);
    QVERIFY(sent > 0);
    QVERIFY2(sent < 16 * 1024 * 1024, qPrintable(QStringLiteral("the server took %1 bytes").arg(sent)));
    const ConnectionInfo info = server->connections().value(0);
    QVERIFY2(info.bytesPending >= quint64(limits.highWatermark), qPrintable(QString::number(info.bytesPending)));
    QVERIFY(info.bytesPending <= quint64(limits.hardLimit));
    qInfo("a peer that never reads: pushed back after sending %lld bytes; %llu bytes pending (high watermark %lld)",
          sent, info.bytesPending, qint64(limits.highWatermark));

    // Still not reading after the stall timeout: dropped, with the reason.
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.count(), 1, 5000);
    QCOMPARE(disconnected.at(0).at(1).value<DisconnectReason>(), DisconnectReason::SlowConsumer);
    QVERIFY(disconnected.at(0).at(2).toString().contains(QLatin1String("1500 ms")));
    QVERIFY(peer.waitForClose(2000));
}

void tst_Backpressure::pausedPeerResumesWhenItReads()
{
    PeerSetup setup;
    QVERIFY(setup.start(smallLimits(0))); // never gives up: the peer reads later
    const auto &server = setup.server;
    QSignalSpy &disconnected = *setup.disconnected;
    RawPeer &peer = setup.peer;

    FrameSender sender(peer);
    QVERIFY(sender.sendUntilPushedBack(64 * 1024 * 1024, 300) > 0);
    const quint32 sentWhileDeaf = sender.frames;
    QVERIFY(server->connections().value(0).bytesPending > 0);

    // Now read: every echo arrives, in order, and the server reads the rest too.
    const quint32 total = sentWhileDeaf + 200;
    QByteArray received;
    quint32 nextExpected = 0;
    QElapsedTimer elapsed;
    elapsed.start();
    while (nextExpected < total && elapsed.elapsed() < 20000) {
        QVERIFY(sender.sendSome(total) >= 0);
        bool closed = false;
        received += peer.receiveSome(&closed);
        QVERIFY(!closed);
        const qsizetype frameSize = frame(0).size();
        while (received.size() >= frameSize) {
            QCOMPARE(qFromBigEndian<quint32>(received.constData() + 8), nextExpected);
            ++nextExpected;
            received.remove(0, frameSize);
        }
        QThread::usleep(200);
    }
    QCOMPARE(nextExpected, total);
    QCOMPARE(server->connectionCount(), 1);
    QVERIFY(disconnected.isEmpty());
    QTRY_COMPARE(server->connections().value(0).bytesPending, 0u);
}

void tst_Backpressure::closingDoesNotWaitForeverOnANonReader()
{
    // Watermarks so high that reading never pauses: only the close is left to give up.
    OutputLimits limits = smallLimits(800);
    limits.hardLimit = 64 * 1024 * 1024;
    limits.highWatermark = 32 * 1024 * 1024;
    PeerSetup setup;
    QVERIFY(setup.start(limits));
    const auto &server = setup.server;
    QSignalSpy &disconnected = *setup.disconnected;
    RawPeer &peer = setup.peer;
    FrameSender sender(peer);
    // More than the kernel's buffers on both sides take: the rest of the echo waits in the server.
    QVERIFY(sender.sendUntilPushedBack(16 * 1024 * 1024, 300) > 0);
    QTRY_VERIFY(server->connections().value(0).bytesPending > 0);

    server->disconnectClient(testing::connectionIds(*server).value(0));
    // A graceful close waits for the output to drain; this peer never drains it.
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.count(), 1, 5000);
    QCOMPARE(disconnected.at(0).at(1).value<DisconnectReason>(), DisconnectReason::SlowConsumer);
    QCOMPARE(server->connectionCount(), 0);
}

void tst_Backpressure::halfAHeaderIsClosedByTheIdleTimeout()
{
    Server server;
    server.setWorkers(1);
    server.setIdleTimeout(300);
    QVERIFY(server.listen());
    QSignalSpy disconnected(&server, &Server::clientDisconnected);
    RawPeer peer;
    QVERIFY(peer.connectTo(server.serverPort()));
    QVERIFY(peer.sendAll(QByteArray::fromHex("0000"))); // two bytes of a length, then silence
    QVERIFY(testing::waitForConnections(server, 1));
    QElapsedTimer elapsed;
    elapsed.start();
    QVERIFY(peer.waitForClose(3000));
    QVERIFY2(elapsed.elapsed() >= 250, qPrintable(QString::number(elapsed.elapsed())));
    QTRY_COMPARE(disconnected.count(), 1);
    QCOMPARE(disconnected.at(0).at(1).value<DisconnectReason>(), DisconnectReason::IdleTimeout);
}

void tst_Backpressure::invalidLimitsAreRefused()
{
    Server server;
    const OutputLimits before = server.outputLimits();
    OutputLimits inverted = smallLimits(0);
    inverted.lowWatermark = inverted.highWatermark + 1;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("low watermark")));
    QVERIFY(!server.setOutputLimits(inverted));
    OutputLimits aboveHard = smallLimits(0);
    aboveHard.highWatermark = aboveHard.hardLimit + 1;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("hard limit")));
    QVERIFY(!server.setOutputLimits(aboveHard));
    QCOMPARE(server.outputLimits().highWatermark, before.highWatermark);
    QVERIFY(server.setOutputLimits(smallLimits(100)));
    QCOMPARE(server.outputLimits().stallTimeout, 100);
}

QTEST_GUILESS_MAIN(tst_Backpressure)
#include "tst_backpressure.moc"
