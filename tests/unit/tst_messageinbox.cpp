#include <netcore/messageinbox.h>
#include <netcore/src/inboxfeed.h>

#include <QtCore/QThread>
#include <QtTest/QTest>

#include <type_traits>
#include <utility>

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
    void onlyServerAndClientFillIt();
};

namespace {
// Whether code outside netcore can put messages or errors into an inbox.
template <typename Inbox, typename = void> struct CanPush : std::false_type {};
template <typename Inbox>
struct CanPush<Inbox, std::void_t<decltype(std::declval<Inbox &>().push(std::declval<const ReceivedMessage &>()))>>
    : std::true_type {};
template <typename Inbox, typename = void> struct CanPushError : std::false_type {};
template <typename Inbox>
struct CanPushError<Inbox, std::void_t<decltype(std::declval<Inbox &>().pushError(std::declval<const Error &>()))>>
    : std::true_type {};
} // namespace

static ReceivedMessage received(const QString &text, const QString &channel = {}, quint64 connection = 1)
{
    return {connection, Message::text(text, channel)};
}

void tst_MessageInbox::keepsOrderAndEmptiesOnTake()
{
    MessageInbox inbox(10);
    InboxFeed::push(inbox, received(QStringLiteral("a")));
    InboxFeed::push(inbox, received(QStringLiteral("b"), {}, 2));
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
        InboxFeed::push(inbox, received(QString::number(i)));
    const QList<ReceivedMessage> all = inbox.takeAll();
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.first().message.toText(), QStringLiteral("2"));
    // Each overflow drops from the queue and from the channel's list.
    QCOMPARE(inbox.droppedCount(), 4u);
}

void tst_MessageInbox::latestAndAllValuesPerChannel()
{
    MessageInbox inbox(10);
    InboxFeed::push(inbox, received(QStringLiteral("1"), QStringLiteral("test")));
    InboxFeed::push(inbox, received(QStringLiteral("x"), QStringLiteral("other")));
    InboxFeed::push(inbox, received(QStringLiteral("2"), QStringLiteral("test")));
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
        InboxFeed::push(inbox, received(QStringLiteral("v"), QString::number(i)));
    ReceivedMessage latest;
    QVERIFY(inbox.latest(QString::number(MessageInbox::maxChannels - 1), &latest));
    QVERIFY(!inbox.latest(QString::number(MessageInbox::maxChannels), &latest));
    QVERIFY(inbox.droppedCount() >= 5u);
}

void tst_MessageInbox::zeroCapacityKeepsNothing()
{
    MessageInbox inbox(0);
    InboxFeed::push(inbox, received(QStringLiteral("a"), QStringLiteral("c")));
    InboxFeed::pushError(inbox, Error(ErrorCode::InvalidJson, QStringLiteral("bad")));
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
        InboxFeed::push(inbox, received(QStringLiteral("late")));
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
    InboxFeed::pushError(inbox, Error(ErrorCode::InvalidJson, QStringLiteral("1")));
    InboxFeed::pushError(inbox, Error(ErrorCode::InvalidText, QStringLiteral("2")));
    InboxFeed::pushError(inbox, Error(ErrorCode::InvalidCbor, QStringLiteral("3")));
    const QList<Error> errors = inbox.takeErrors();
    QCOMPARE(errors.size(), 2);
    QCOMPARE(errors.at(0).code, ErrorCode::InvalidText);
    QCOMPARE(errors.at(1).message, QStringLiteral("3"));
    QVERIFY(inbox.takeErrors().isEmpty());
}

void tst_MessageInbox::onlyServerAndClientFillIt()
{
    QVERIFY(!CanPush<MessageInbox>::value);
    QVERIFY(!CanPushError<MessageInbox>::value);
    // Its state is behind one pointer: it can change without changing the class's size.
    QCOMPARE(sizeof(MessageInbox), sizeof(void *));
}

QTEST_GUILESS_MAIN(tst_MessageInbox)
#include "tst_messageinbox.moc"
