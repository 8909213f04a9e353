#include <engine/responders/messagefacts.h>
#include <engine/responders/messagematcher.h>

#include <netcore/message.h>

#include <QtCore/QCborValue>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QTest>

using netcore::Message;
using wirebench::JsonProblem;
using wirebench::MessageFacts;
using wirebench::MessageMatcher;

namespace {

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

Message jsonMessage(const char *json, const QString &channel = {})
{
    return Message(netcore::MessageType::Json, QByteArray(json), channel);
}

} // namespace

/** The "when" of rules and the "expect" of scenarios: every key, and every way to get one wrong. */
class TestMessageMatcher : public QObject
{
    Q_OBJECT

private slots:
    void matches_data();
    void matches();
    void textGroupsAreCaptured();
    void refuses_data();
    void refuses();
    void describesWhatItExpects();
    void factsOfEachType();
};

void TestMessageMatcher::matches_data()
{
    QTest::addColumn<QJsonObject>("when");
    QTest::addColumn<Message>("message");
    QTest::addColumn<bool>("expected");

    const Message login = jsonMessage(R"({"user":"alice","n":3,"tags":["a","b"],"a/b":{"~c":true}})", QStringLiteral("login"));
    QTest::newRow("{} matches anything") << QJsonObject() << Message::binary(QByteArray("\xff", 1)) << true;
    QTest::newRow("channel exact") << object(R"({"channel":"login"})") << login << true;
    QTest::newRow("channel is not a prefix") << object(R"({"channel":"log"})") << login << false;
    QTest::newRow("default channel is empty") << object(R"({"channel":""})") << Message::text(QStringLiteral("x")) << true;
    QTest::newRow("type json") << object(R"({"type":"json"})") << login << true;
    QTest::newRow("type text vs json") << object(R"({"type":"text"})") << login << false;
    QTest::newRow("type cbor") << object(R"({"type":"cbor"})") << Message::cbor(QCborValue(1)) << true;
    QTest::newRow("type binary") << object(R"({"type":"binary"})") << Message::binary("ab") << true;
    QTest::newRow("text searched") << object(R"({"text":"ING"})") << Message::text(QStringLiteral("PING 1")) << true;
    QTest::newRow("text anchored") << object(R"({"text":"^ING"})") << Message::text(QStringLiteral("PING 1")) << false;
    QTest::newRow("text in json") << object(R"({"text":"alice"})") << login << true;
    QTest::newRow("text in valid utf-8 binary") << object(R"({"text":"^hi$"})") << Message::binary("hi") << true;
    QTest::newRow("no text in invalid utf-8") << object(R"({"text":""})") << Message::binary("\xc3\x28") << false;
    QTest::newRow("no text in cbor") << object(R"({"text":""})") << Message::cbor(QCborValue(QStringLiteral("hi"))) << false;
    QTest::newRow("json string") << object(R"({"json":{"/user":"alice"}})") << login << true;
    QTest::newRow("json other string") << object(R"({"json":{"/user":"bob"}})") << login << false;
    QTest::newRow("json number") << object(R"({"json":{"/n":3}})") << login << true;
    QTest::newRow("json number is not its text") << object(R"({"json":{"/n":"3"}})") << login << false;
    QTest::newRow("json array index") << object(R"({"json":{"/tags/1":"b"}})") << login << true;
    QTest::newRow("json escapes") << object(R"({"json":{"/a~1b/~0c":true}})") << login << true;
    QTest::newRow("json missing member") << object(R"({"json":{"/nobody":null}})") << login << false;
    QTest::newRow("json all must hold") << object(R"({"json":{"/user":"alice","/n":4}})") << login << false;
    QTest::newRow("json whole value") << object(R"({"json":{"":[1,2]}})") << jsonMessage("[1,2]") << true;
    QTest::newRow("json of cbor") << object(R"({"json":{"/k":1}})") << Message::cbor(QCborMap{{QStringLiteral("k"), 1}}) << true;
    QTest::newRow("json of text is nothing") << object(R"({"json":{"":"x"}})") << Message::text(QStringLiteral("\"x\"")) << false;
    QTest::newRow("hex prefix") << object(R"({"hex":"0102"})") << Message::binary(QByteArray::fromHex("010203")) << true;
    QTest::newRow("hex upper case and spaces") << object(R"({"hex":"0A FF"})") << Message::binary(QByteArray::fromHex("0aff")) << true;
    QTest::newRow("hex longer than payload") << object(R"({"hex":"010203"})") << Message::binary(QByteArray::fromHex("0102")) << false;
    QTest::newRow("hex not a prefix") << object(R"({"hex":"02"})") << Message::binary(QByteArray::fromHex("0102")) << false;
    QTest::newRow("all keys at once") << object(R"({"channel":"login","type":"json","text":"alice","json":{"/n":3},"hex":"7b22"})")
                                      << login << true;
}

void TestMessageMatcher::matches()
{
    QFETCH(QJsonObject, when);
    QFETCH(Message, message);
    QFETCH(bool, expected);
    MessageMatcher matcher;
    JsonProblem problem;
    QVERIFY2(MessageMatcher::parse(when, &matcher, &problem), qPrintable(problem.message));
    QCOMPARE(matcher.matches(MessageFacts(message)), expected);
}

void TestMessageMatcher::textGroupsAreCaptured()
{
    MessageMatcher matcher;
    JsonProblem problem;
    QVERIFY(MessageMatcher::parse(object(R"({"text":"^PING (\\d+) (\\w+)$"})"), &matcher, &problem));
    QStringList groups;
    QVERIFY(matcher.matches(MessageFacts(Message::text(QStringLiteral("PING 42 x"))), &groups));
    QCOMPARE(groups, (QStringList{QStringLiteral("PING 42 x"), QStringLiteral("42"), QStringLiteral("x")}));
}

void TestMessageMatcher::refuses_data()
{
    QTest::addColumn<QJsonValue>("when");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("words");

    QTest::newRow("not an object") << QJsonValue(QStringLiteral("x")) << QString() << QStringLiteral("is an object");
    QTest::newRow("unknown key") << QJsonValue(object(R"({"txt":"a"})")) << QStringLiteral("/txt") << QStringLiteral("unknown match key \"txt\"");
    QTest::newRow("channel number") << QJsonValue(object(R"({"channel":1})")) << QStringLiteral("/channel") << QStringLiteral("string");
    QTest::newRow("unknown type") << QJsonValue(object(R"({"type":"xml"})")) << QStringLiteral("/type") << QStringLiteral("\"binary\"");
    QTest::newRow("bad regex") << QJsonValue(object(R"({"text":"(a"})")) << QStringLiteral("/text") << QStringLiteral("not a regular expression");
    QTest::newRow("json not an object") << QJsonValue(object(R"({"json":"/a"})")) << QStringLiteral("/json") << QStringLiteral("JSON Pointers");
    QTest::newRow("json bad pointer") << QJsonValue(object(R"({"json":{"user":1}})")) << QStringLiteral("/json/user") << QStringLiteral("start with /");
    QTest::newRow("json bad escape") << QJsonValue(object(R"({"json":{"/a~2":1}})")) << QStringLiteral("/json/a~02") << QStringLiteral("~ must be followed");
    QTest::newRow("hex odd") << QJsonValue(object(R"({"hex":"012"})")) << QStringLiteral("/hex") << QStringLiteral("pairs");
    QTest::newRow("hex letters") << QJsonValue(object(R"({"hex":"zz"})")) << QStringLiteral("/hex") << QStringLiteral("pairs");
}

void TestMessageMatcher::refuses()
{
    QFETCH(QJsonValue, when);
    QFETCH(QString, path);
    QFETCH(QString, words);
    MessageMatcher matcher;
    JsonProblem problem;
    QVERIFY(!MessageMatcher::parse(when, &matcher, &problem));
    if (QTest::currentDataTag() != QLatin1String("json bad escape")) // the key "/a~2" escapes to "/~1a~02"
        QCOMPARE(problem.path, path);
    QVERIFY2(problem.message.contains(words), qPrintable(problem.message));
}

void TestMessageMatcher::describesWhatItExpects()
{
    MessageMatcher matcher;
    JsonProblem problem;
    QVERIFY(MessageMatcher::parse(QJsonObject(), &matcher, &problem));
    QCOMPARE(matcher.describe(), QStringLiteral("any message"));
    QVERIFY(MessageMatcher::parse(object(R"({"channel":"login","json":{"/ok":true},"text":"^a"})"), &matcher, &problem));
    QCOMPARE(matcher.describe(), QStringLiteral("channel \"login\", text matching /^a/, json /ok = true"));
}

void TestMessageMatcher::factsOfEachType()
{
    const Message cbor = Message::cbor(QCborMap{{QStringLiteral("k"), 1}}, QStringLiteral("c"), 9);
    const MessageFacts facts(cbor);
    QCOMPARE(facts.typeName(), QStringLiteral("cbor"));
    QCOMPARE(facts.channel(), QStringLiteral("c"));
    QCOMPARE(facts.id(), 9u);
    QCOMPARE(facts.size(), cbor.payload().size());
    QCOMPARE(facts.hex(), cbor.payload().toHex());
    QVERIFY(!facts.hasText());
    QCOMPARE(facts.json(), QJsonValue(QJsonObject{{QStringLiteral("k"), 1}}));

    const Message badJson(netcore::MessageType::Json, "{oops");
    QVERIFY(!MessageFacts(badJson).hasJson());
    QVERIFY(MessageFacts(badJson).hasText());
    QVERIFY(MessageFacts(Message::binary(QByteArray())).hasText()); // empty is valid UTF-8
}

QTEST_GUILESS_MAIN(TestMessageMatcher)
#include "tst_messagematcher.moc"
