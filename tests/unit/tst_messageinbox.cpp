#include <netcore/messageinbox.h>

#include <QtCore/QThread>
#include <QtTest/QTest>

using namespace netcore;

class tst_MessageInbox : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsOrderAndEmptiesOnTake();
    void dropsOldestWhenFullAndCounts();
    void latestAndAllValuesPerChannel();
    void boundsTheNumberOfChannels();
    void zeroCapacityKeepsNothing();
    void waitAndTakeWakesOnPushFromAnotherThread();
    void waitAndTakeTimesOut();
    void errorsArePolledAndBounded();
};

static ReceivedMessage received(const QString &text, const QString &channel = {}, quint64 connection = 1)
{
    return {connection, Message::text(text, channel)};
}

void tst_MessageInbox::keepsOrderAndEmptiesOnTake()
{
    MessageInbox inbox(10);
    inbox.push(received(QStringLiteral("a")));
    inbox.push(received(QStringLiteral("b"), {}, 2));
    QCOMPARE(inbox.pendingCount(), 2);
    const QList<ReceivedMessage> all = inbox.takeAll();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).message.toText(), QStringLiteral("a"));
    QCOMPARE(all.at(1).connection, 2u);
    QCOMPARE(inbox.pendingCount(), 0);
    QVERIFY(inbox.takeAll().isEmpty());
}

void tst_MessageInbox::dropsOldestWhenFullAndCounts()
{
    MessageInbox inbox(3);
    for (int i = 0; i < 5; ++i)
        inbox.push(received(QString::number(i)));
    const QList<ReceivedMessage> all = inbox.takeAll();
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.first().message.toText(), QStringLiteral("2"));
    // Each overflow drops from the queue and from the channel's list.
    QCOMPARE(inbox.droppedCount(), 4u);
}

void tst_MessageInbox::latestAndAllValuesPerChannel()
{
    MessageInbox inbox(10);
    inbox.push(received(QStringLiteral("1"), QStringLiteral("test")));
    inbox.push(received(QStringLiteral("x"), QStringLiteral("other")));
    inbox.push(received(QStringLiteral("2"), QStringLiteral("test")));
    ReceivedMessage latest;
    QVERIFY(inbox.latest(QStringLiteral("test"), &latest));
    QCOMPARE(latest.message.toText(), QStringLiteral("2"));
    QVERIFY(!inbox.latest(QStringLiteral("none"), &latest));
    const QList<ReceivedMessage> values = inbox.takeChannel(QStringLiteral("test"));
    QCOMPARE(values.size(), 2);
    QCOMPARE(values.at(0).message.toText(), QStringLiteral("1"));
    QVERIFY(inbox.takeChannel(QStringLiteral("test")).isEmpty());
    // Taking a channel's values leaves its latest value and the main queue alone.
    QVERIFY(inbox.latest(QStringLiteral("test"), &latest));
    QCOMPARE(inbox.pendingCount(), 3);
}

void tst_MessageInbox::boundsTheNumberOfChannels()
{
    MessageInbox inbox(10);
    for (int i = 0; i < MessageInbox::maxChannels + 5; ++i)
        inbox.push(received(QStringLiteral("v"), QString::number(i)));
    ReceivedMessage latest;
    QVERIFY(inbox.latest(QString::number(MessageInbox::maxChannels - 1), &latest));
    QVERIFY(!inbox.latest(QString::number(MessageInbox::maxChannels), &latest));
    QVERIFY(inbox.droppedCount() >= 5u);
}

void tst_MessageInbox::zeroCapacityKeepsNothing()
{
    MessageInbox inbox(0);
    inbox.push(received(QStringLiteral("a"), QStringLiteral("c")));
    inbox.pushError(Error(ErrorCode::InvalidJson, QStringLiteral("bad")));
    ReceivedMessage latest;
    QCOMPARE(inbox.pendingCount(), 0);
    QVERIFY(!inbox.latest(QStringLiteral("c"), &latest));
    QVERIFY(inbox.takeErrors().isEmpty());
}

void tst_MessageInbox::waitAndTakeWakesOnPushFromAnotherThread()
{
    MessageInbox inbox(10);
    QThread *producer = QThread::create([&inbox] {
        QThread::msleep(50);
        inbox.push(received(QStringLiteral("late")));
    });
    producer->start();
    ReceivedMessage out;
    QVERIFY(inbox.waitAndTake(5000, &out));
    QCOMPARE(out.message.toText(), QStringLiteral("late"));
    producer->wait();
    delete producer;
}

void tst_MessageInbox::waitAndTakeTimesOut()
{
    MessageInbox inbox(10);
    ReceivedMessage out;
    QVERIFY(!inbox.waitAndTake(20, &out));
}

void tst_MessageInbox::errorsArePolledAndBounded()
{
    MessageInbox inbox(2);
    inbox.pushError(Error(ErrorCode::InvalidJson, QStringLiteral("1")));
    inbox.pushError(Error(ErrorCode::InvalidText, QStringLiteral("2")));
    inbox.pushError(Error(ErrorCode::InvalidCbor, QStringLiteral("3")));
    const QList<Error> errors = inbox.takeErrors();
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors.at(0).code, ErrorCode::InvalidText);
    QCOMPARE(errors.at(1).message, QStringLiteral("3"));
    QVERIFY(inbox.takeErrors().isEmpty());
}

QTEST_GUILESS_MAIN(tst_MessageInbox)
#include "tst_messageinbox.moc"
