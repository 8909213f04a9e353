// A server's thread that takes messages slower than its peer sends them: what
// the I/O thread decoded for it waits in a bounded backlog (DeliveryGate), TCP
// pushes back on the peer, the thread's other events wait behind that backlog
// only, and nothing is lost or reordered once the thread catches up.

#include <netcore/src/deliverygate.h>

#include <tests/integration/rawpeer.h>
#include <tests/integration/testhelpers.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QThread>
#include <QtCore/QTimer>

using namespace netcore;

namespace {

constexpr int payloadSize = 1024;
/** 64 MiB: far more than the backlog, the socket's buffer and the kernel's hold together. */
constexpr quint32 messageCount = 64 * 1024;
/** A read stops at the bound between chunks (64 KiB): this many frames past it at most. */
constexpr qint64 overshoot = 64 * 1024 / payloadSize + 1;
/** The kernel took nothing for this long after the backlog was full: TCP pushed back. */
constexpr int quietMsecs = 300;

QByteArray numberedFrames(quint32 count = messageCount)
{
    const EnvelopeCodec codec(CodecConfig::envelope());
    QByteArray stream;
    for (quint32 id = 1; id <= count; ++id)
        stream += codec.encode(Message::binary(QByteArray(payloadSize, 'p'), {}, id));
    return stream;
}

} // namespace

class tst_DeliveryBacklog : public QObject
{
    Q_OBJECT

private slots:
    void aBusyServerThreadPushesBackOnThePeer();
    void whatWaitedIsDeliveredBeforeThePeersEnd();
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
    qint64 sent = 0;
    QElapsedTimer quiet, deadline;
    quiet.start();
    deadline.start();
    while (sent < stream.size() && !(decoded() >= DeliveryGate::maxMessages && quiet.elapsed() >= quietMsecs)) {
        QVERIFY2(deadline.elapsed() < 30000, qPrintable(QStringLiteral("%1 decoded").arg(decoded())));
        const qint64 took = peer.sendSome(QByteArrayView(stream).sliced(sent));
        QVERIFY(took >= 0);
        if (took > 0) {
            sent += took;
            quiet.restart();
        } else {
            QThread::msleep(1);
        }
    }
    QVERIFY2(sent < stream.size(), "the server read the whole stream while its thread took nothing");
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

QTEST_GUILESS_MAIN(tst_DeliveryBacklog)
#include "tst_deliverybacklog.moc"
