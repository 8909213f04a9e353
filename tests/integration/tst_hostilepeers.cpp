#include <tests/integration/rawpeer.h>
#include <tests/integration/testhelpers.h>

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QRandomGenerator>
#include <QtCore/QtEndian>

using namespace netcore;

/*
 * A server pointed at broken and malicious peers: it stays up, its memory
 * stays bounded, every bad peer gets the typed error it earned, and a
 * well-behaved client is served throughout.
 */
class tst_HostilePeers : public QObject
{
    Q_OBJECT

private slots:
    void floodOfBadInputLeavesTheServerServing();
    void connectChurnWithResetsLeaksNothing();
    void resetAndOrderlyCloseAreTold();
};

namespace {

qint64 residentKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// ASan keeps freed memory resident in its quarantine, and TSan grows shadow memory and
// access histories with every byte touched (some 50 MiB here), so there RSS cannot tell a
// leak; LeakSanitizer checks for leaks at exit instead, and the plain build checks RSS.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool rssTellsLeaks = false;
#else
constexpr bool rssTellsLeaks = true;
#endif

int openDescriptors() { return QDir(QStringLiteral("/proc/self/fd")).count() - 2; } // minus . and ..

QByteArray envelopeHeader(quint32 length, quint8 type = 0)
{
    QByteArray header(12, '\0');
    qToBigEndian<quint32>(length, header.data());
    header[4] = char(type);
    header[5] = 1; // version
    return header;
}

QByteArray randomBytes(int size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    return bytes;
}

} // namespace

void tst_HostilePeers::floodOfBadInputLeavesTheServerServing()
{
    Server server;
    server.setWorkers(2);
    // Truncated frames stall: this ends them. Long enough that the floods before it, on a busy
    // machine, never outlast it: the check that nobody timed out yet must not race it.
    server.setIdleTimeout(testing::scaled(5000));
    server.setMessageHandler([&server](quint64 connection, const MessageView &message) {
        return server.send(connection, message);
    });
    QSignalSpy gone(&server, &Server::clientDisconnected);
    QSignalSpy errors(&server, &Server::errorOccurred);
    QVERIFY(server.listen());
    auto good = testing::connectedClient(server.serverPort());
    QVERIFY(good);
    const qint64 rssBefore = residentKiB();

    constexpr int perKind = 16;
    std::vector<std::unique_ptr<RawPeer>> random, hostileLength, truncated, badPayload;
    auto open = [&](std::vector<std::unique_ptr<RawPeer>> &peers) {
        for (int i = 0; i < perKind; ++i) {
            peers.push_back(std::make_unique<RawPeer>());
            QVERIFY(peers.back()->connectTo(server.serverPort()));
        }
    };
    open(random);
    open(hostileLength);
    open(truncated);
    open(badPayload);
    QVERIFY(testing::waitForConnections(server, 1 + 4 * perKind));

    const quint32 hostile[] = {0xffffffffu, 16 * 1024 * 1024 + 1, 7, 0};
    for (int i = 0; i < perKind; ++i) {
        QVERIFY(random[i]->sendAll(randomBytes(64 * 1024)));
        QVERIFY(hostileLength[i]->sendAll(envelopeHeader(hostile[i % 4]) + randomBytes(4096)));
        // Claims 16 MiB, sends 1000 bytes, stalls: nothing is allocated for the 16 MiB.
        QVERIFY(truncated[i]->sendAll(envelopeHeader(16 * 1024 * 1024) + randomBytes(1000)));
        // Intact frames whose content is bad (json that is not JSON), then one good frame.
        QByteArray frames;
        for (int k = 0; k < 10; ++k)
            frames += EnvelopeCodec(CodecConfig::envelope()).encode(Message(MessageType::Json, "{not json"));
        frames += EnvelopeCodec(CodecConfig::envelope()).encode(Message::text(QStringLiteral("fine"), {}, quint32(i)));
        QVERIFY(badPayload[i]->sendAll(frames));
    }

    // The well-behaved client is answered while the flood is handled.
    for (quint32 i = 0; i < 100; ++i)
        good->send(Message::text(QStringLiteral("ping"), QStringLiteral("c"), i));
    for (quint32 i = 0; i < 100; ++i) {
        const auto reply = good->receive(5000);
        QVERIFY(reply);
        QCOMPARE(reply->id(), i);
    }

    auto closedFor = [&gone](DisconnectReason reason) {
        int count = 0;
        for (const QList<QVariant> &event : std::as_const(gone))
            count += event.at(1).value<DisconnectReason>() == reason;
        return count;
    };
    // Random bytes and hostile lengths break framing: closed at once.
    QTRY_COMPARE_WITH_TIMEOUT(closedFor(DisconnectReason::StreamError), 2 * perKind, testing::scaled(10000));
    for (int i = 0; i < perKind; ++i) {
        QVERIFY(random[i]->waitForClose(testing::scaled(5000)));
        QVERIFY(hostileLength[i]->waitForClose(testing::scaled(5000)));
    }

    // Bad content costs one frame each: reported, dropped, and the connection lives on.
    for (int i = 0; i < perKind; ++i) {
        QByteArray echoed;
        QTRY_VERIFY((echoed += badPayload[i]->receiveSome()).size() >= 16);
        QCOMPARE(qFromBigEndian<quint32>(echoed.constData() + 8), quint32(i));
        QVERIFY(echoed.endsWith("fine"));
    }
    // The errors come by signal from the I/O thread: the echo can be back before the last of them.
    const auto frameErrors = [&errors] {
        int count = 0;
        for (const QList<QVariant> &event : std::as_const(errors))
            count += event.at(0).value<Error>().code == ErrorCode::InvalidJson;
        return count;
    };
    QTRY_COMPARE_WITH_TIMEOUT(frameErrors(), 10 * perKind, testing::scaled(5000));
    QCOMPARE(closedFor(DisconnectReason::IdleTimeout), 0);
    QCOMPARE(server.connectionCount(), 1 + 2 * perKind);

    // Still serving new peers, with memory that did not follow the hostile lengths.
    auto late = testing::connectedClient(server.serverPort());
    QVERIFY(late);
    late->send(Message::text(QStringLiteral("late")));
    const auto reply = late->receive(5000);
    QVERIFY(reply);
    QCOMPARE(reply->toText(), QStringLiteral("late"));
    const qint64 growthKiB = residentKiB() - rssBefore;
    qInfo("flood of %d hostile peers: RSS grew by %lld KiB", 4 * perKind, growthKiB);
    // README: about 2 MiB (1.2 to 2.4 MiB seen); a buffer kept per hostile peer would be 64 x its size.
    QVERIFY2(!rssTellsLeaks || growthKiB < 8 * 1024, qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(growthKiB)));

    // A frame that never completes ends with the idle timeout, like every silent peer.
    for (int i = 0; i < perKind; ++i)
        QVERIFY(truncated[i]->waitForClose(testing::scaled(15000)));
    QTRY_VERIFY_WITH_TIMEOUT(closedFor(DisconnectReason::IdleTimeout) >= perKind, testing::scaled(15000));
}

void tst_HostilePeers::connectChurnWithResetsLeaksNothing()
{
    Server server;
    server.setWorkers(2);
    QVERIFY(server.listen());
    // Warm up once, so lazily made things (threads' dispatchers, Qt's caches) are not counted.
    {
        RawPeer peer;
        QVERIFY(peer.connectTo(server.serverPort()));
        QVERIFY(testing::waitForConnections(server, 1));
    }
    QVERIFY(testing::waitForConnections(server, 0));
    const int descriptorsBefore = openDescriptors();
    const qint64 rssBefore = residentKiB();

    constexpr int rounds = 20, perRound = 100;
    const QByteArray halfFrame = EnvelopeCodec(CodecConfig::envelope())
                                     .encode(Message::binary(QByteArray(2000, 'x'))).first(1000);
    for (int round = 0; round < rounds; ++round) {
        std::vector<std::unique_ptr<RawPeer>> peers;
        for (int i = 0; i < perRound; ++i) {
            peers.push_back(std::make_unique<RawPeer>());
            QVERIFY(peers.back()->connectTo(server.serverPort()));
        }
        QVERIFY(testing::waitForConnections(server, perRound));
        for (int i = 0; i < perRound; ++i) {
            QVERIFY(peers[i]->sendAll(halfFrame)); // mid-frame when the connection ends
            if (i % 2)
                peers[i]->reset();
            else
                peers[i]->close();
        }
        QVERIFY(testing::waitForConnections(server, 0));
    }
    QCOMPARE(openDescriptors(), descriptorsBefore);
    const qint64 growthKiB = residentKiB() - rssBefore;
    qInfo("%d connections closed or reset mid-frame: descriptors %d -> %d, RSS grew by %lld KiB",
          rounds * perRound, descriptorsBefore, openDescriptors(), growthKiB);
    // README: 0.3 to 1 MiB; 2,000 connections leaking even 2 KiB each would pass 4 MiB.
    QVERIFY2(!rssTellsLeaks || growthKiB < 4 * 1024, qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(growthKiB)));
}

void tst_HostilePeers::resetAndOrderlyCloseAreTold()
{
    Server server;
    server.setWorkers(1);
    QSignalSpy gone(&server, &Server::clientDisconnected);
    QVERIFY(server.listen());
    RawPeer closing, resetting;
    QVERIFY(closing.connectTo(server.serverPort()));
    QVERIFY(testing::waitForConnections(server, 1));
    closing.close();
    QTRY_COMPARE(gone.count(), 1);
    QCOMPARE(gone.at(0).at(1).value<DisconnectReason>(), DisconnectReason::PeerClosed);
    QVERIFY(resetting.connectTo(server.serverPort()));
    QVERIFY(testing::waitForConnections(server, 1));
    resetting.reset();
    QTRY_COMPARE(gone.count(), 2);
    QCOMPARE(gone.at(1).at(1).value<DisconnectReason>(), DisconnectReason::PeerReset);
    QVERIFY(gone.at(1).at(2).toString().contains(QLatin1String("reset")));
}

QTEST_GUILESS_MAIN(tst_HostilePeers)
#include "tst_hostilepeers.moc"
