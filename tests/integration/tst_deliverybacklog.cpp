// A server's thread that takes messages slower than its peer sends them: what
// the I/O thread decoded for it waits in a bounded backlog (DeliveryGate), TCP
// pushes back on the peer, the thread's other events wait behind that backlog
// only, and nothing is lost or reordered once the thread catches up.

#include <netcore/src/deliverygate.h>

#include <tests/integration/rawpeer.h>
#include <tests/integration/testhelpers.h>

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QThread>
#include <QtCore/QTimer>

#include <cstring>
#include <unistd.h>

using namespace netcore;

namespace {

constexpr int payloadSize = 1024;
/** 64 MiB: far more than the backlog, the socket's buffer and the kernel's hold together. */
constexpr quint32 messageCount = 64 * 1024;
/** A read stops at the bound between chunks (64 KiB): this many frames past it at most. */
constexpr qint64 overshoot = 64 * 1024 / payloadSize + 1;
/** The kernel took nothing for this long after the backlog was full: TCP pushed back. */
constexpr int quietMsecs = 300;

/** An envelope frame of numberedFrames(): 4-byte length, 8-byte header, no channel, the payload. */
constexpr qint64 frameSize = 4 + 8 + payloadSize;

QByteArray numberedFrames(quint32 count = messageCount)
{
    const EnvelopeCodec codec(CodecConfig::envelope());
    QByteArray stream;
    for (quint32 id = 1; id <= count; ++id)
        stream += codec.encode(Message::binary(QByteArray(payloadSize, 'p'), {}, id));
    return stream;
}

/** Sockets this process has open, from /proc/self/fd. */
int openSockets()
{
    int sockets = 0;
    const QDir descriptors(QStringLiteral("/proc/self/fd"));
    for (const QString &name : descriptors.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)) {
        char target[64] = {};
        const QByteArray path = descriptors.filePath(name).toLocal8Bit();
        if (::readlink(path.constData(), target, sizeof target - 1) > 0 && std::strncmp(target, "socket:", 7) == 0)
            ++sockets;
    }
    return sockets;
}

/**
 * Sends @p stream until the server stops taking it: its thread takes nothing (this one runs no
 * event), so the I/O thread fills the backlog and TCP pushes back. Returns the bytes the peer's
 * kernel took, or -1 when the server read the whole stream.
 */
qint64 sendUntilPushedBack(RawPeer &peer, const QByteArray &stream, Server &server, quint64 id)
{
    const auto decoded = [&] { return qint64(server.connectionInfo(id).messagesIn); };
    qint64 sent = 0;
    QElapsedTimer quiet, deadline;
    quiet.start();
    deadline.start();
    while (sent < stream.size() && !(decoded() >= DeliveryGate::maxMessages && quiet.elapsed() >= quietMsecs)) {
        if (deadline.elapsed() > testing::scaled(30000))
            return -1;
        const qint64 took = peer.sendSome(QByteArrayView(stream).sliced(sent));
        if (took < 0)
            return -1;
        if (took > 0) {
            sent += took;
            quiet.restart();
        } else {
            QThread::msleep(1);
        }
    }
    return sent < stream.size() ? sent : -1;
}

} // namespace

class tst_DeliveryBacklog : public QObject
{
    Q_OBJECT

private slots:
    void aBusyServerThreadPushesBackOnThePeer();
    void whatWaitedIsDeliveredBeforeThePeersEnd();
    void whatWaitedOutlivesAResetAndAFailedWrite();
};

void tst_DeliveryBacklog::aBusyServerThreadPushesBackOnThePeer()
{
    Server server;
    server.setWorkers(1);
    QList<quint32> received;
    connect(&server, &Server::messageReceived, this,
            [&](quint64, const Message &message) { received.append(message.id()); });
    QVERIFY(server.listen());
    RawPeer peer;
    QVERIFY(peer.connectTo(server.serverPort()));
    QVERIFY(testing::waitForConnections(server, 1));
    const quint64 id = testing::connectionIds(server).constFirst();

    // This thread runs no event from here on: it takes nothing, as if its slots were slow.
    const QByteArray stream = numberedFrames();
    const auto decoded = [&] { return qint64(server.connectionInfo(id).messagesIn); };
    qint64 sent = sendUntilPushedBack(peer, stream, server, id);
    QVERIFY2(sent >= 0, qPrintable(QStringLiteral("the server read the whole stream while its thread took nothing, "
                                                  "or the peer failed; %1 decoded").arg(decoded())));
    QVERIFY(decoded() >= DeliveryGate::maxMessages);
    QVERIFY2(decoded() <= DeliveryGate::maxMessages + overshoot, qPrintable(QString::number(decoded())));

    // Queued behind what waits now: the backlog, and nothing the worker reads after it.
    int receivedBeforeMarker = -1;
    QTimer::singleShot(0, this, [&] { receivedBeforeMarker = int(received.size()); });
    // The thread takes the backlog; the server reads on, and the peer sends the rest.
    QTimer pump;
    connect(&pump, &QTimer::timeout, this, [&] {
        if (sent < stream.size())
            sent += qMax<qint64>(0, peer.sendSome(QByteArrayView(stream).sliced(sent)));
    });
    pump.start(1);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), qsizetype(messageCount), 60000);
    QVERIFY(receivedBeforeMarker >= 0);
    QVERIFY2(receivedBeforeMarker <= DeliveryGate::maxMessages + overshoot, qPrintable(QString::number(receivedBeforeMarker)));
    for (quint32 i = 0; i < messageCount; ++i)
        QCOMPARE(received.at(i), i + 1);
}

void tst_DeliveryBacklog::whatWaitedIsDeliveredBeforeThePeersEnd()
{
    Server server;
    server.setWorkers(1);
    QList<quint32> received;
    int receivedAtEnd = -1;
    connect(&server, &Server::messageReceived, this,
            [&](quint64, const Message &message) { received.append(message.id()); });
    connect(&server, &Server::clientDisconnected, this, [&] { receivedAtEnd = int(received.size()); });
    QVERIFY(server.listen());
    RawPeer peer;
    QVERIFY(peer.connectTo(server.serverPort()));
    QVERIFY(testing::waitForConnections(server, 1));
    const quint64 id = testing::connectionIds(server).constFirst();

    // Half again the backlog's bound, then the end (FIN), while this thread takes nothing: the
    // I/O thread stops at the bound, and the rest and the end wait in the socket's buffer.
    const quint32 count = DeliveryGate::maxMessages * 3 / 2;
    QVERIFY(peer.sendAll(numberedFrames(count), testing::scaled(5000)));
    peer.close();
    QElapsedTimer deadline;
    deadline.start();
    while (qint64(server.connectionInfo(id).messagesIn) < DeliveryGate::maxMessages) {
        QVERIFY(deadline.elapsed() < testing::scaled(10000));
        QThread::msleep(1);
    }
    // Every message the peer sent comes, in order, and before the news of its end.
    QTRY_COMPARE_WITH_TIMEOUT(receivedAtEnd, int(count), testing::scaled(10000));
    for (quint32 i = 0; i < count; ++i)
        QCOMPARE(received.at(i), i + 1);
}

void tst_DeliveryBacklog::whatWaitedOutlivesAResetAndAFailedWrite()
{
    Server server;
    server.setWorkers(1);
    QList<quint32> received;
    int receivedAtEnd = -1;
    DisconnectReason reason = DisconnectReason::ServerClosed;
    connect(&server, &Server::messageReceived, this,
            [&](quint64, const Message &message) { received.append(message.id()); });
    connect(&server, &Server::clientDisconnected, this, [&](const ConnectionInfo &, DisconnectReason why) {
        receivedAtEnd = int(received.size());
        reason = why;
    });
    QVERIFY(server.listen());
    RawPeer peer;
    QVERIFY(peer.connectTo(server.serverPort()));
    QVERIFY(testing::waitForConnections(server, 1));
    const quint64 id = testing::connectionIds(server).constFirst();

    // The backlog full, the socket's buffer full, the rest in the server's kernel.
    const qint64 sent = sendUntilPushedBack(peer, numberedFrames(), server, id);
    QVERIFY(sent >= 0);
    // What reached the server's kernel: all but what the peer's kernel still holds (quiet for
    // longer than a delayed acknowledgement, so what arrived was acknowledged).
    const qint64 queued = peer.unacknowledged();
    QVERIFY(queued >= 0);
    const int whole = int((sent - queued) / frameSize);
    peer.reset();

    // A reply written while the backlog is full fails on the reset connection, and QTcpSocket
    // lets its descriptor go: what the kernel held for it must have been read through another.
    const int socketsBefore = openSockets();
    QVERIFY(server.send(id, Message::text(QStringLiteral("too late"))));
    QElapsedTimer deadline;
    deadline.start();
    while (openSockets() >= socketsBefore) {
        QVERIFY2(deadline.elapsed() < testing::scaled(10000), "the failed write did not end the connection");
        QThread::msleep(1);
    }
    // Every whole frame that reached the server's kernel comes, in order, before the end.
    QTRY_VERIFY_WITH_TIMEOUT(receivedAtEnd >= 0, testing::scaled(20000));
    QCOMPARE(reason, DisconnectReason::PeerReset);
    QCOMPARE(receivedAtEnd, whole);
    for (int i = 0; i < whole; ++i)
        QCOMPARE(received.at(i), quint32(i + 1));
}

QTEST_GUILESS_MAIN(tst_DeliveryBacklog)
#include "tst_deliverybacklog.moc"
