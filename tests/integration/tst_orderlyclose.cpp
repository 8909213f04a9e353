#include <tests/integration/rawpeer.h>
#include <tests/integration/testhelpers.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QRegularExpression>

using namespace netcore;

/*
 * How a connection ends when the server ends it, or when the peer resets it
 * while the server writes: seen from a raw peer. A server that closes while
 * the peer's bytes wait unread must still end in order (FIN), after every
 * byte it wrote; a peer that resets must still have its last frames read.
 */
class tst_OrderlyClose : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void closeWithUnreadInputEndsInOrder_data();
    void closeWithUnreadInputEndsInOrder();
    void peerThatKeepsSendingGetsEverythingThenFin_data();
    void peerThatKeepsSendingGetsEverythingThenFin();
    void peerThatNeverClosesIsResetAfterTheCloseTimeout();
    void closeTimeoutMustBePositive();
    void answerThenCloseFromASlotSendsTheAnswer_data();
    void answerThenCloseFromASlotSendsTheAnswer();
    void lastFramesBeforeAResetAreDelivered_data();
    void lastFramesBeforeAResetAreDelivered();
};

namespace {

/** Reading pauses above 256 KiB of unsent output; nobody is dropped for being slow. */
OutputLimits pausingLimits()
{
    OutputLimits limits;
    limits.highWatermark = 256 * 1024;
    limits.lowWatermark = 64 * 1024;
    limits.hardLimit = 64 * 1024 * 1024;
    limits.stallTimeout = 0;
    return limits;
}

QByteArray encoded(const Message &message)
{
    return EnvelopeCodec(CodecConfig::envelope()).encode(message);
}

/** @p count frames of @p payload bytes each, numbered from 0. */
QByteArray frames(int count, int payload)
{
    QByteArray bytes;
    for (int i = 0; i < count; ++i)
        bytes += encoded(Message::binary(QByteArray(payload, 'i'), QStringLiteral("in"), quint32(i)));
    return bytes;
}

/** Frames of about 4 KiB in the socket's 1 MiB read buffer, then 32 KiB more waiting in the kernel. */
constexpr int framesBeyondTheSocketBuffer = 264;
constexpr int framePayload = 4096 - 13;

enum class Trigger { DisconnectClient, ServerClose, IdleTimeout };

/** Ends the server's side of @p connection the way @p trigger says. */
void closeFromTheServer(Server &server, quint64 connection, Trigger trigger)
{
    switch (trigger) {
    case Trigger::DisconnectClient: server.disconnectClient(connection); break;
    case Trigger::ServerClose: server.close(); break;
    case Trigger::IdleTimeout: server.setIdleTimeout(100); break; // the peer's bytes wait unread: it is idle
    }
}

DisconnectReason reasonOf(Trigger trigger)
{
    switch (trigger) {
    case Trigger::DisconnectClient: return DisconnectReason::ClosedLocally;
    case Trigger::ServerClose: return DisconnectReason::ServerClosed;
    case Trigger::IdleTimeout: return DisconnectReason::IdleTimeout;
    }
    return DisconnectReason::SocketError;
}

} // namespace

Q_DECLARE_METATYPE(Trigger)

void tst_OrderlyClose::closeWithUnreadInputEndsInOrder_data()
{
    QTest::addColumn<int>("workers");
    QTest::addColumn<Trigger>("trigger");
    for (int workers : {0, 1}) {
        const QByteArray suffix = " workers=" + QByteArray::number(workers);
        QTest::newRow(("disconnectClient" + suffix).constData()) << workers << Trigger::DisconnectClient;
        QTest::newRow(("Server::close" + suffix).constData()) << workers << Trigger::ServerClose;
        QTest::newRow(("idle timeout" + suffix).constData()) << workers << Trigger::IdleTimeout;
    }
}

void tst_OrderlyClose::closeWithUnreadInputEndsInOrder()
{
    QFETCH(int, workers);
    QFETCH(Trigger, trigger);
    Server server;
    server.setWorkers(workers);
    QVERIFY(server.setOutputLimits(pausingLimits()));
    QVERIFY(server.listen());
    QSignalSpy disconnected(&server, &Server::clientDisconnected);
    RawPeer peer;
    QVERIFY(peer.connectTo(server.serverPort(), 16 * 1024));
    QVERIFY(testing::waitForConnections(server, 1));
    const quint64 id = testing::connectionIds(server).value(0);

    // More than the kernels hold: the server pauses reading, and the rest of it waits in the server.
    const Message big = Message::binary(QByteArray(8 * 1024 * 1024, 'o'), QStringLiteral("out"));
    QVERIFY(server.send(id, big));
    QTRY_VERIFY(server.connectionInfo(id).bytesPending >= quint64(pausingLimits().highWatermark));
    // Bytes the server will not read before it closes: QTcpSocket reads 1 MiB, the rest waits in the kernel.
    QVERIFY(peer.sendAll(frames(framesBeyondTheSocketBuffer, framePayload), 10000));
    QTRY_COMPARE(peer.unacknowledged(), 0);

    closeFromTheServer(server, id, trigger);
    RawPeer::End end = RawPeer::End::Open;
    const QByteArray received = peer.receiveUntilEnd(20000, &end);
    QCOMPARE(received.size(), encoded(big).size());
    QVERIFY(received == encoded(big));
    QCOMPARE(end, RawPeer::End::Fin);
    QTRY_COMPARE(disconnected.count(), 1);
    QCOMPARE(disconnected.at(0).at(1).value<DisconnectReason>(), reasonOf(trigger));
}

void tst_OrderlyClose::peerThatKeepsSendingGetsEverythingThenFin_data()
{
    QTest::addColumn<Trigger>("trigger");
    QTest::newRow("disconnectClient") << Trigger::DisconnectClient;
    QTest::newRow("Server::close") << Trigger::ServerClose;
}

void tst_OrderlyClose::peerThatKeepsSendingGetsEverythingThenFin()
{
    QFETCH(Trigger, trigger);
    Server server;
    server.setWorkers(1);
    QVERIFY(server.listen());
    RawPeer peer;
    QVERIFY(peer.connectTo(server.serverPort()));
    QVERIFY(testing::waitForConnections(server, 1));
    const quint64 id = testing::connectionIds(server).value(0);

    const Message farewell = Message::binary(QByteArray(512 * 1024, 'f'), QStringLiteral("bye"));
    QVERIFY(server.send(id, farewell));
    closeFromTheServer(server, id, trigger);

    // The peer talks on, as fast as the server takes it, and reads what comes, until the stream ends.
    const QByteArray chatter = frames(16, 4096);
    QByteArray received;
    bool ended = false;
    bool reset = false;
    QElapsedTimer elapsed;
    elapsed.start();
    while (!ended && elapsed.elapsed() < 20000) {
        // Whole frames or not: the server decodes nothing more. A failed send is a reset.
        reset = peer.sendSome(chatter) < 0 || reset;
        RawPeer::End end = RawPeer::End::Open;
        received += peer.receiveUntilEnd(1, &end);
        ended = end != RawPeer::End::Open;
        reset = end == RawPeer::End::Reset || reset;
    }
    QVERIFY(ended);
    QVERIFY2(!reset, "the server reset the connection instead of closing it");
    QCOMPARE(received.size(), encoded(farewell).size());
    QVERIFY(received == encoded(farewell));
}

void tst_OrderlyClose::answerThenCloseFromASlotSendsTheAnswer_data()
{
    QTest::addColumn<int>("workers");
    QTest::newRow("workers=0") << 0;
    QTest::newRow("workers=1") << 1;
}

void tst_OrderlyClose::answerThenCloseFromASlotSendsTheAnswer()
{
    // With workers 0 the slot runs inside the read that decoded the message, while replies are
    // corked: the close must not drop the answer written just before it.
    QFETCH(int, workers);
    Server server;
    server.setWorkers(workers);
    QVERIFY(server.listen());
    const Message answer = Message::text(QStringLiteral("last words"));
    connect(&server, &Server::messageReceived, &server, [&server, &answer](quint64 id, const Message &) {
        server.send(id, answer);
        server.disconnectClient(id);
    });
    RawPeer peer;
    QVERIFY(peer.connectTo(server.serverPort()));
    QVERIFY(peer.sendAll(encoded(Message::text(QStringLiteral("bye")))));
    RawPeer::End end = RawPeer::End::Open;
    const QByteArray received = peer.receiveUntilEnd(testing::scaled(5000), &end);
    QCOMPARE(received, encoded(answer));
    QCOMPARE(end, RawPeer::End::Fin);
}

void tst_OrderlyClose::peerThatNeverClosesIsResetAfterTheCloseTimeout()
{
    Server server;
    server.setWorkers(1);
    OutputLimits limits;
    limits.closeTimeout = 1000;
    QVERIFY(server.setOutputLimits(limits));
    QVERIFY(server.listen());
    QSignalSpy disconnected(&server, &Server::clientDisconnected);
    RawPeer peer;
    QVERIFY(peer.connectTo(server.serverPort()));
    QVERIFY(testing::waitForConnections(server, 1));
    QVERIFY(server.disconnectClient(testing::connectionIds(server).value(0)));

    RawPeer::End end = RawPeer::End::Open;
    QVERIFY(peer.receiveUntilEnd(5000, &end).isEmpty());
    QCOMPARE(end, RawPeer::End::Fin);
    QTRY_COMPARE(disconnected.count(), 1);
    // The peer read the end but neither closes nor stops talking. The server reads and drops
    // what it says (a closed socket would answer the first bytes with a reset)...
    const QByteArray chatter = frames(1, 16);
    for (int i = 0; i < 5; ++i) {
        QVERIFY(peer.sendSome(chatter) > 0);
        peer.receiveUntilEnd(10, &end);
        QCOMPARE(end, RawPeer::End::Fin);
    }
    // ...until the close timeout: then it resets.
    QTRY_VERIFY_WITH_TIMEOUT(peer.sendSome(chatter) < 0 || (peer.receiveUntilEnd(1, &end), end == RawPeer::End::Reset),
                             10000);
}

void tst_OrderlyClose::closeTimeoutMustBePositive()
{
    Server server;
    OutputLimits limits;
    limits.closeTimeout = 0;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("close timeout")));
    QVERIFY(!server.setOutputLimits(limits));
    QCOMPARE(server.outputLimits().closeTimeout, OutputLimits().closeTimeout);
}

void tst_OrderlyClose::lastFramesBeforeAResetAreDelivered_data()
{
    QTest::addColumn<int>("frameCount");
    // The socket's read buffer holds 1 MiB; beyond that, frames wait in the kernel.
    QTest::newRow("in the socket's buffer") << 64;
    QTest::newRow("beyond it, in the kernel") << framesBeyondTheSocketBuffer;
}

void tst_OrderlyClose::lastFramesBeforeAResetAreDelivered()
{
    QFETCH(int, frameCount);
    Server server;
    server.setWorkers(1);
    QVERIFY(server.setOutputLimits(pausingLimits()));
    QVERIFY(server.listen());
    QSignalSpy received(&server, &Server::messageReceived);
    QSignalSpy disconnected(&server, &Server::clientDisconnected);
    RawPeer peer;
    QVERIFY(peer.connectTo(server.serverPort(), 16 * 1024));
    QVERIFY(testing::waitForConnections(server, 1));
    const quint64 id = testing::connectionIds(server).value(0);

    // The peer does not read: the server has output pending, and pauses reading.
    QVERIFY(server.send(id, Message::binary(QByteArray(8 * 1024 * 1024, 'o'))));
    QTRY_VERIFY(server.connectionInfo(id).bytesPending >= quint64(pausingLimits().highWatermark));
    // Its last words reach the server's side (acknowledged), then it resets while the server writes.
    QVERIFY(peer.sendAll(frames(frameCount, framePayload), 10000));
    QTRY_COMPARE(peer.unacknowledged(), 0);
    peer.reset();

    QTRY_COMPARE(disconnected.count(), 1);
    QCOMPARE(disconnected.at(0).at(1).value<DisconnectReason>(), DisconnectReason::PeerReset);
    QCOMPARE(received.count(), frameCount);
    QCOMPARE(received.last().at(1).value<Message>().id(), quint32(frameCount - 1));
}

QTEST_GUILESS_MAIN(tst_OrderlyClose)
#include "tst_orderlyclose.moc"
