// Comparing conversations: what --ignore leaves out (with * steps), what counts as the same message,
// order with and without --unordered, ignored channels, the server's close, the diff's text, and a
// ReplayClient against a real server, the same and changed.

#include <engine/recording/conversationcomparer.h>
#include <engine/recording/differencereport.h>
#include <engine/recording/messagecomparison.h>
#include <engine/recording/pointermask.h>
#include <engine/recording/recording.h>
#include <engine/recording/replayclient.h>

#include <netcore/server.h>

#include <QtCore/QBuffer>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QtTest>

using namespace wirebench;
using netcore::Message;

namespace {

Message json(const char *text, const QString &channel = {})
{
    return Message(netcore::MessageType::Json, QByteArray(text), channel);
}

Conversation conversationOf(const QList<Message> &answers, bool closedByServer = false)
{
    Conversation conversation;
    conversation.connection = 7;
    conversation.peer = QStringLiteral("127.0.0.1:5000");
    for (const Message &message : answers) {
        RecordedEvent event;
        event.kind = RecordedEvent::Kind::Message;
        event.direction = ProxyDirection::ServerToClient;
        event.message = message;
        conversation.messages.append(event);
    }
    if (closedByServer) {
        RecordedEvent end;
        end.kind = RecordedEvent::Kind::Disconnected;
        end.side = QStringLiteral("server");
        end.reason = QStringLiteral("ClosedLocally");
        conversation.end = end;
    }
    return conversation;
}

/** A recording read from @p lines (after its header). */
Recording recordingOf(const QByteArray &lines)
{
    QByteArray text = R"({"wirebench":"recording","version":1,"codec":{"codec":"line"},"started":"2026-12-07T14:00:00Z"})" "\n"
                      + lines;
    QBuffer buffer(&text);
    buffer.open(QIODevice::ReadOnly);
    Recording recording;
    QString error;
    if (!Recording::read(&buffer, QStringLiteral("mem"), &recording, &error))
        qFatal("%s", qPrintable(error));
    return recording;
}

} // namespace

class RecordingComparisonTest : public QObject
{
    Q_OBJECT

private slots:
    void maskLeavesOutWhatPointersName();
    void maskWorksOnCbor();
    void maskRefusesWhatIsNotAPointer();
    void sameAndDifferentMessages();
    void orderMattersUnlessUnordered();
    void ignoredChannelsAreNotCompared();
    void theServersCloseMustRepeat();
    void reportShowsJsonAndMarksTheFirstDifferentByte();
    void summarySaysHowMuchDiffers();
    void replayAgainstAServer();
};

void RecordingComparisonTest::maskLeavesOutWhatPointersName()
{
    const QJsonValue value = QJsonDocument::fromJson(
        R"({"id":1,"items":[{"ts":1,"v":2},{"ts":3,"v":4}],"a/b":{"~c":5,"d":6}})").object();
    const QJsonValue masked = PointerMask::apply(value, {QStringLiteral("/id"), QStringLiteral("/items/*/ts"),
                                                         QStringLiteral("/a~1b/~0c"), QStringLiteral("/missing/x")});
    QCOMPARE(QJsonDocument(masked.toObject()).toJson(QJsonDocument::Compact),
             QByteArray(R"({"a/b":{"d":6},"items":[{"v":2},{"v":4}]})"));
    QCOMPARE(PointerMask::apply(QJsonDocument::fromJson("[1,2,3]").array(), {QStringLiteral("/1")}),
             QJsonValue(QJsonArray{1, 3}));
}

void RecordingComparisonTest::maskWorksOnCbor()
{
    QCborMap map;
    map.insert(QStringLiteral("ts"), 99);
    map.insert(QStringLiteral("data"), QCborValue(QByteArray("\x01\x02", 2)));
    const QCborValue masked = PointerMask::apply(QCborValue(map), {QStringLiteral("/ts")});
    QVERIFY(!masked.toMap().contains(QStringLiteral("ts")));
    QCOMPARE(masked.toMap().value(QStringLiteral("data")).toByteArray(), QByteArray("\x01\x02", 2));
}

void RecordingComparisonTest::maskRefusesWhatIsNotAPointer()
{
    QVERIFY(PointerMask::validate({QStringLiteral("/a"), QStringLiteral("/b/*")}).isEmpty());
    QVERIFY(PointerMask::validate({QStringLiteral("a")}).contains(QStringLiteral("not a JSON Pointer")));
    QVERIFY(!PointerMask::validate({QString()}).isEmpty());
}

void RecordingComparisonTest::sameAndDifferentMessages()
{
    const QStringList none;
    QVERIFY(MessageComparison::difference(json(R"({"a":1,"b":2})"), json(R"({"b":2, "a":1.0})"), none).isNull());
    QCOMPARE(MessageComparison::difference(json(R"({"a":1})"), json(R"({"a":"1"})"), none),
             QStringLiteral(R"(at /a: 1, then "1")"));
    QCOMPARE(MessageComparison::difference(json(R"({"a":[1,2]})"), json(R"({"a":[1]})"), none),
             QStringLiteral("at /a/1: 2, then nothing"));
    QVERIFY(MessageComparison::difference(json(R"({"a":1,"ts":5})"), json(R"({"a":1,"ts":6})"), {QStringLiteral("/ts")}).isNull());
    QCOMPARE(MessageComparison::difference(json("{}", QStringLiteral("x")), json("{}", QStringLiteral("y")), none),
             QStringLiteral(R"(channel "x", then "y")"));
    QCOMPARE(MessageComparison::difference(Message::text(QStringLiteral("1")), Message::binary("1"), none),
             QStringLiteral("type text, then binary"));
    QCOMPARE(MessageComparison::difference(Message::binary("abcd"), Message::binary("abXd"), none),
             QStringLiteral("first difference at byte 2"));
    QCOMPARE(MessageComparison::difference(Message::binary("abcd"), Message::binary("ab"), none),
             QStringLiteral("4 bytes, then 2; first difference at byte 2"));
    // The id is the server's to choose.
    QVERIFY(MessageComparison::difference(Message::binary("a", {}, 1), Message::binary("a", {}, 2), none).isNull());
    // Pointers do not reach into text: it is compared as it is.
    QVERIFY(!MessageComparison::difference(Message::text(QStringLiteral(R"({"ts":1})")),
                                           Message::text(QStringLiteral(R"({"ts":2})")), {QStringLiteral("/ts")}).isNull());
}

void RecordingComparisonTest::orderMattersUnlessUnordered()
{
    const Conversation expected = conversationOf({json("{}", QStringLiteral("a")), json("{}", QStringLiteral("b"))});
    const Conversation got = conversationOf({json("{}", QStringLiteral("b")), json("{}", QStringLiteral("a"))});
    const QList<Difference> ordered = ConversationComparer({}).compare(expected, got, 1, {ProxyDirection::ServerToClient});
    QCOMPARE(ordered.size(), 2);
    QCOMPARE(ordered[0].kind, Difference::Kind::Changed);
    QCOMPARE(ordered[0].number, 1);
    CompareOptions unordered;
    unordered.unordered = true;
    QVERIFY(ConversationComparer(unordered).compare(expected, got, 1, {ProxyDirection::ServerToClient}).isEmpty());
    // Within a channel, order still counts.
    const Conversation swapped = conversationOf({json(R"({"n":2})", QStringLiteral("a")), json(R"({"n":1})", QStringLiteral("a"))});
    const Conversation inOrder = conversationOf({json(R"({"n":1})", QStringLiteral("a")), json(R"({"n":2})", QStringLiteral("a"))});
    QCOMPARE(ConversationComparer(unordered).compare(inOrder, swapped, 1, {ProxyDirection::ServerToClient}).size(), 2);
}

void RecordingComparisonTest::ignoredChannelsAreNotCompared()
{
    const Conversation expected = conversationOf({json("{}", QStringLiteral("tick")), json("{}", QStringLiteral("a"))});
    const Conversation got = conversationOf({json("{}", QStringLiteral("a")), json("{}", QStringLiteral("tick")),
                                             json("{}", QStringLiteral("tick"))});
    CompareOptions options;
    options.ignoreChannels = {QStringLiteral("tick")};
    QVERIFY(ConversationComparer(options).compare(expected, got, 1, {ProxyDirection::ServerToClient}).isEmpty());
    const QList<Difference> strict = ConversationComparer({}).compare(expected, got, 1, {ProxyDirection::ServerToClient});
    QCOMPARE(strict.size(), 3);
    QCOMPARE(strict[2].kind, Difference::Kind::Unexpected);
    QCOMPARE(strict[2].number, 3);
}

void RecordingComparisonTest::theServersCloseMustRepeat()
{
    const ConversationComparer comparer({});
    const QList<Difference> notClosed = comparer.compare(conversationOf({}, true), conversationOf({}), 2,
                                                         {ProxyDirection::ServerToClient});
    QCOMPARE(notClosed.size(), 1);
    QCOMPARE(notClosed[0].kind, Difference::Kind::Ending);
    QCOMPARE(DifferenceReport::heading(notClosed[0]),
             QStringLiteral("connection 2 (conn 7, 127.0.0.1:5000): the server closed the connection in the "
                            "recording (ClosedLocally); this time it did not"));
    QCOMPARE(comparer.compare(conversationOf({}), conversationOf({}, true), 2, {ProxyDirection::ServerToClient})[0].what,
             QStringLiteral("the server closed the connection (ClosedLocally); in the recording it did not"));
    QVERIFY(comparer.compare(conversationOf({}, true), conversationOf({}, true), 2, {}).isEmpty());
}

void RecordingComparisonTest::reportShowsJsonAndMarksTheFirstDifferentByte()
{
    Difference difference;
    difference.conversation = 1;
    difference.connection = 4;
    difference.number = 2;
    difference.expected = json(R"({"ok":true})", QStringLiteral("login"));
    difference.got = json(R"({"ok":false})", QStringLiteral("login"));
    difference.what = QStringLiteral("at /ok: true, then false");
    QCOMPARE(DifferenceReport::describe(difference),
             QStringLiteral("connection 1 (conn 4), s2c message 2: at /ok: true, then false\n"
                            "  expected: json #login {\"ok\":true}\n"
                            "  got:      json #login {\"ok\":false}\n"));

    QByteArray long1(100, '\x11'), long2 = long1;
    long2[60] = '\x22';
    difference.expected = Message::binary(long1);
    difference.got = Message::binary(long2);
    difference.what = MessageComparison::difference(*difference.expected, *difference.got, {});
    const QStringList lines = DifferenceReport::describe(difference).split(QLatin1Char('\n'));
    // A window around byte 60: it starts 8 bytes before, "…" says bytes were left out.
    QVERIFY2(lines[2].startsWith(QStringLiteral("  got:      binary (100 B) … 11 11 11 11 11 11 11 11 22 11")), qPrintable(lines[2]));
    QVERIFY(lines[2].endsWith(QStringLiteral(" …")));
    QCOMPARE(lines[3].indexOf(QStringLiteral("^^")), lines[2].indexOf(QStringLiteral("22")));
    QVERIFY(lines[3].endsWith(QStringLiteral("^^ byte 60")));

    difference.expected.reset();
    QVERIFY(DifferenceReport::describe(difference).contains(QStringLiteral("  expected: nothing\n")));
}

void RecordingComparisonTest::summarySaysHowMuchDiffers()
{
    ComparisonResult result;
    result.conversations = 3;
    result.messages = 12;
    QCOMPARE(result.summary(), QStringLiteral("same: 12 messages in 3 connections"));
    Difference a, b;
    a.conversation = 1;
    b.conversation = 1;
    result.differences = {a, b};
    QCOMPARE(result.summary(), QStringLiteral("2 differences in 1 of 3 connections"));
}

void RecordingComparisonTest::replayAgainstAServer()
{
    // Recorded: a greeting-less echo of two lines, the second answer slow to come.
    const Recording recording = recordingOf(
        R"({"t_us":1000000,"conn":1,"event":"connected","peer":"p"})" "\n"
        R"({"t_us":1000100,"conn":1,"event":"message","dir":"c2s","type":"text","payload_hex":"6f6e65"})" "\n"
        R"({"t_us":1000200,"conn":1,"event":"message","dir":"s2c","type":"text","payload_hex":"6f6e65"})" "\n"
        R"({"t_us":1000300,"conn":1,"event":"message","dir":"c2s","type":"text","payload_hex":"74776f"})" "\n"
        R"({"t_us":1000400,"conn":1,"event":"message","dir":"s2c","type":"text","payload_hex":"74776f"})" "\n");
    for (const bool changed : {false, true}) {
        netcore::Server server(netcore::CodecConfig::line());
        QObject::connect(&server, &netcore::Server::messageReceived, &server,
                         [&server, changed](quint64 connection, const Message &message) {
                             server.send(connection, changed && message.toText() == QLatin1String("two")
                                                         ? Message::text(QStringLiteral("TWO")) : message);
                         });
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        ReplaySpec spec;
        spec.host = QStringLiteral("127.0.0.1");
        spec.port = server.serverPort();
        spec.speed = 0;
        ReplayClient replay(recording, spec);
        QSignalSpy finished(&replay, &ReplayClient::finished);
        replay.start();
        QVERIFY(finished.wait(10000));
        const ComparisonResult &result = replay.result();
        QVERIFY(result.error.isEmpty());
        QCOMPARE(result.messages, 2);
        QCOMPARE(result.differences.size(), changed ? 1 : 0);
        QCOMPARE(replay.replayed().constFirst().messagesOf(ProxyDirection::ClientToServer).size(), 2);
        if (changed) {
            QCOMPARE(result.differences[0].number, 2);
            QCOMPARE(result.differences[0].got->payload(), QByteArray("TWO"));
        }
    }
}

QTEST_GUILESS_MAIN(RecordingComparisonTest)
#include "tst_recordingcomparison.moc"
