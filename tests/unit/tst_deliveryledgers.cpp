// The bookkeeping of delivery receipts, without sockets: the control messages,
// the server's numbering and repeat detection, the client's unconfirmed list.

#include <netcore/bytebuffer.h>
#include <netcore/envelopecodec.h>
#include <netcore/src/deliveryprotocol.h>
#include <netcore/src/outboundledger.h>
#include <netcore/src/sessionledger.h>

#include <QtCore/QCborMap>
#include <QtTest/QTest>

using namespace netcore;

namespace {
QByteArray sessionNamed(char c) { return QByteArray(16, c); }

/** Admits @p count messages of @p connection; returns how many were new. */
int admitted(SessionLedger &ledger, quint64 connection, int count)
{
    int fresh = 0;
    for (int i = 0; i < count; ++i)
        fresh += ledger.admit(connection) ? 1 : 0;
    return fresh;
}
} // namespace

class TestDeliveryLedgers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void helloAndReceiptRoundTripThroughTheEnvelope()
    {
        EnvelopeCodec codec(CodecConfig::envelope());
        QByteArray wire;
        Error error;
        QVERIFY(codec.encode(DeliveryProtocol::helloMessage({sessionNamed('s'), 41}), wire, &error));
        QVERIFY(codec.encode(DeliveryProtocol::receiptMessage(7), wire, &error));
        ByteBuffer buffer;
        buffer.append(wire);
        const QList<DecodeResult> results{codec.decode(buffer), codec.decode(buffer)};
        QCOMPARE(results[1].status, DecodeResult::MessageReady);
        QCOMPARE(results[0].message.channel(), QStringLiteral("netcore.delivery"));
        DeliveryProtocol::Hello hello;
        QVERIFY(DeliveryProtocol::parseHello(results[0].message, &hello));
        QCOMPARE(hello.session, sessionNamed('s'));
        QCOMPARE(hello.next, quint64(41));
        quint64 delivered = 0;
        QVERIFY(DeliveryProtocol::parseReceipt(results[1].message, &delivered));
        QCOMPARE(delivered, quint64(7));
        QVERIFY(!DeliveryProtocol::parseHello(results[1].message, &hello));
    }

    void malformedControlMessagesAreRefused_data()
    {
        QTest::addColumn<Message>("message");
        const QString channel = DeliveryProtocol::channel();
        QTest::newRow("other channel") << Message::cbor(QCborMap{{QStringLiteral("delivered"), 1}}, QStringLiteral("x"));
        QTest::newRow("not cbor") << Message::text(QStringLiteral("{\"delivered\":1}"), channel);
        QTest::newRow("not a map") << Message::cbor(QCborValue(1), channel);
        QTest::newRow("negative") << Message::cbor(QCborMap{{QStringLiteral("delivered"), -1}}, channel);
        QTest::newRow("text count") << Message::cbor(QCborMap{{QStringLiteral("delivered"), QStringLiteral("1")}}, channel);
        QTest::newRow("empty map") << Message::cbor(QCborMap{}, channel);
    }

    void malformedControlMessagesAreRefused()
    {
        QFETCH(Message, message);
        quint64 delivered = 99;
        QVERIFY(!DeliveryProtocol::parseReceipt(message, &delivered));
        QCOMPARE(delivered, quint64(99));
        DeliveryProtocol::Hello hello;
        QVERIFY(!DeliveryProtocol::parseHello(message, &hello));
    }

    void helloNeedsASixteenByteSession()
    {
        const Message shortSession = Message::cbor(
            QCborMap{{QStringLiteral("session"), QByteArray(15, 'x')}, {QStringLiteral("next"), 0}},
            DeliveryProtocol::channel());
        DeliveryProtocol::Hello hello;
        QVERIFY(!DeliveryProtocol::parseHello(shortSession, &hello));
    }

    void aNewSessionStartsWhereTheClientSaysAndCountsUp()
    {
        SessionLedger ledger;
        ledger.open(1, {sessionNamed('a'), 100});
        QVERIFY(ledger.isTracked(1));
        QCOMPARE(admitted(ledger, 1, 5), 5);
        QCOMPARE(ledger.deliveredOf(1), quint64(105));
        QVERIFY(!ledger.isTracked(2));
        QVERIFY(ledger.admit(2)); // untracked connections are delivered as they come
    }

    void repeatsAfterAReconnectAreDroppedOnce()
    {
        SessionLedger ledger;
        ledger.open(1, {sessionNamed('a'), 0});
        QCOMPARE(admitted(ledger, 1, 10), 10);
        ledger.close(1);
        // The client had only 6 confirmed: it sends 6..9 again, then 10 and 11.
        ledger.open(2, {sessionNamed('a'), 6});
        QCOMPARE(admitted(ledger, 2, 4), 0);
        QCOMPARE(ledger.repeatsDropped(), quint64(4));
        QCOMPARE(admitted(ledger, 2, 2), 2);
        QCOMPARE(ledger.deliveredOf(2), quint64(12));
    }

    void sessionsAreKeptApart()
    {
        SessionLedger ledger;
        ledger.open(1, {sessionNamed('a'), 0});
        ledger.open(2, {sessionNamed('b'), 0});
        QCOMPARE(admitted(ledger, 1, 3), 3);
        QCOMPARE(admitted(ledger, 2, 1), 1);
        QCOMPARE(ledger.deliveredOf(1), quint64(3));
        QCOMPARE(ledger.deliveredOf(2), quint64(1));
    }

    void idleSessionsAreForgottenOldestFirstWhenTheTableIsFull()
    {
        SessionLedger ledger(8);
        for (char c = 'a'; c < 'a' + 8; ++c) {
            ledger.open(quint64(c), {sessionNamed(c), 0});
            ledger.admit(quint64(c));
            if (c != 'a')
                ledger.close(quint64(c)); // 'a' stays open: it must never be forgotten
        }
        QCOMPARE(ledger.sessionCount(), 8);
        ledger.open(100, {sessionNamed('z'), 0});
        QCOMPARE(ledger.sessionCount(), 8); // one idle session made room
        // 'b' was the oldest idle one: it comes back as new, from its own hello.
        ledger.open(101, {sessionNamed('b'), 0});
        QVERIFY(ledger.admit(101));
        // 'a', still open, kept its place.
        ledger.open(102, {sessionNamed('a'), 0});
        QVERIFY(!ledger.admit(102));
    }

    void theClientForgetsWhatIsConfirmedInOrder()
    {
        OutboundLedger ledger;
        for (int i = 0; i < 5; ++i)
            ledger.append(QByteArray::number(i));
        QCOMPARE(ledger.confirm(2), 2);
        QCOMPARE(ledger.firstUnconfirmed(), quint64(2));
        QCOMPARE(ledger.unconfirmed().front(), QByteArray("2"));
        QCOMPARE(ledger.confirm(1), 0); // a late receipt changes nothing
        QCOMPARE(ledger.confirm(9), 3); // never beyond what was written
        QCOMPARE(ledger.size(), 0);
        QCOMPARE(ledger.firstUnconfirmed(), quint64(5));
        ledger.append("5");
        QCOMPARE(ledger.confirm(6), 1);
    }
};

QTEST_GUILESS_MAIN(TestDeliveryLedgers)
#include "tst_deliveryledgers.moc"
