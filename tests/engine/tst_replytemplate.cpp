#include <engine/responders/messagefacts.h>
#include <engine/responders/replytemplate.h>

#include <netcore/message.h>

#include <QtCore/QCborMap>
#include <QtCore/QCborValue>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QTest>

using netcore::Message;
using netcore::MessageType;
using wirebench::JsonProblem;
using wirebench::MessageFacts;
using wirebench::ReplyTemplate;
using wirebench::TemplateContext;

namespace {

QJsonValue json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray("[") + text + "]").array().at(0);
}

} // namespace

/** A reply as rules, scripts and scenarios write it, rendered against the message it answers. */
class TestReplyTemplate : public QObject
{
    Q_OBJECT

private slots:
    void renders_data();
    void renders();
    void withoutAMessageChannelAndIdAreDefaults();
    void literalRepliesKeepTheirBraces();
    void refuses_data();
    void refuses();
    void renderingCanFail_data();
    void renderingCanFail();
};

void TestReplyTemplate::renders_data()
{
    QTest::addColumn<QJsonValue>("reply");
    QTest::addColumn<Message>("expected");

    // answering: json {"user":"alice","n":3} on channel "login", id 7, connection 5, seq 2
    QTest::newRow("text, defaults from the message") << json(R"({"text":"hi"})") << Message::text(QStringLiteral("hi"), QStringLiteral("login"), 7);
    QTest::newRow("channel and id given") << json(R"({"channel":"c","id":9,"text":"hi"})") << Message::text(QStringLiteral("hi"), QStringLiteral("c"), 9);
    QTest::newRow("default channel given") << json(R"({"channel":"","id":0,"text":""})") << Message::text(QString());
    QTest::newRow("templated channel and id") << json(R"({"channel":"re-{{channel}}","id":"{{seq}}","text":"#{{seq}}"})")
                                              << Message::text(QStringLiteral("#2"), QStringLiteral("re-login"), 2);
    QTest::newRow("json with a string template") << json(R"({"json":{"ok":true,"user":"{{json:/user}}","who":"{{json:/user}}@{{conn}}"}})")
                                                 << Message(MessageType::Json, R"({"ok":true,"user":"alice","who":"alice@5"})", QStringLiteral("login"), 7);
    QTest::newRow("json keeps a number typed") << json(R"({"json":[{"n":"{{json:/n}}"},"{{json:/n}}x"]})")
                                               << Message(MessageType::Json, R"([{"n":3},"3x"])", QStringLiteral("login"), 7);
    QTest::newRow("hex") << json(R"({"hex":"03 04"})") << Message::binary(QByteArray::fromHex("0304"), QStringLiteral("login"), 7);
    QTest::newRow("hex template") << json(R"({"hex":"ff{{hex}}"})")
                                  << Message::binary("\xff" + QByteArray(R"({"user":"alice","n":3})"), QStringLiteral("login"), 7);
    QTest::newRow("hex of the payload as it is") << json(R"({"hex":"{{hex}}"})")
                                                 << Message::binary(R"({"user":"alice","n":3})", QStringLiteral("login"), 7);
    QTest::newRow("cbor scalar") << json(R"({"cbor":42})") << Message::cbor(QCborValue(42), QStringLiteral("login"), 7);
    QTest::newRow("cbor templated map") << json(R"({"cbor":{"u":"{{json:/user}}","n":"{{json:/n}}"}})")
                                        << Message::cbor(QCborMap{{QStringLiteral("n"), 3}, {QStringLiteral("u"), QStringLiteral("alice")}}, // keys sorted, as in JSON
                                                         QStringLiteral("login"), 7);
    QTest::newRow("text of the message") << json(R"({"text":"got {{text}}"})")
                                         << Message::text(QStringLiteral(R"(got {"user":"alice","n":3})"), QStringLiteral("login"), 7);
}

void TestReplyTemplate::renders()
{
    QFETCH(QJsonValue, reply);
    QFETCH(Message, expected);
    ReplyTemplate parsed;
    JsonProblem problem;
    QVERIFY2(ReplyTemplate::parse(reply, &parsed, &problem), qPrintable(problem.path + QLatin1Char(' ') + problem.message));
    const Message answering(MessageType::Json, R"({"user":"alice","n":3})", QStringLiteral("login"), 7);
    const MessageFacts facts(answering);
    TemplateContext context;
    context.message = &facts;
    context.connection = 5;
    context.seq = 2;
    Message message;
    QString error;
    QVERIFY2(parsed.render(context, &message, &error), qPrintable(error));
    QCOMPARE(message.type(), expected.type());
    QCOMPARE(message.channel(), expected.channel());
    QCOMPARE(message.id(), expected.id());
    QCOMPARE(message.payload(), expected.payload());
}

void TestReplyTemplate::withoutAMessageChannelAndIdAreDefaults()
{
    ReplyTemplate parsed;
    JsonProblem problem;
    QVERIFY(ReplyTemplate::parse(json(R"({"text":"welcome {{peer}}{{text}}"})"), &parsed, &problem));
    TemplateContext context;
    context.peer = QStringLiteral("10.0.0.1:9");
    Message message;
    QString error;
    QVERIFY(parsed.render(context, &message, &error));
    QCOMPARE(message, Message::text(QStringLiteral("welcome 10.0.0.1:9")));
}

void TestReplyTemplate::literalRepliesKeepTheirBraces()
{
    Message message;
    QString error;
    QVERIFY2(ReplyTemplate::toMessage(json(R"({"text":"{{seq}}"})"), Message::text(QString(), QStringLiteral("c"), 3),
                                      &message, &error), qPrintable(error));
    QCOMPARE(message, Message::text(QStringLiteral("{{seq}}"), QStringLiteral("c"), 3));
    QVERIFY(!ReplyTemplate::toMessage(json(R"({"text":"a","hex":"00"})"), Message(), &message, &error));
    QVERIFY2(error.contains(QLatin1String("exactly one payload key")), qPrintable(error));
    QVERIFY(!ReplyTemplate::toMessage(json(R"({"text":1})"), Message(), &message, &error));
    QVERIFY2(error.startsWith(QLatin1String("/text: ")), qPrintable(error));
}

void TestReplyTemplate::refuses_data()
{
    QTest::addColumn<QJsonValue>("reply");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("words");

    QTest::newRow("not an object") << json("\"hi\"") << QString() << QStringLiteral("a reply is an object");
    QTest::newRow("no payload") << json(R"({"channel":"c"})") << QString() << QStringLiteral("needs one of");
    QTest::newRow("two payloads") << json(R"({"text":"a","json":{}})") << QString() << QStringLiteral("exactly one payload key, this one has json, text");
    QTest::newRow("unknown key") << json(R"({"txt":"a"})") << QStringLiteral("/txt") << QStringLiteral("unknown reply key \"txt\"");
    QTest::newRow("channel not a string") << json(R"({"channel":1,"text":""})") << QStringLiteral("/channel") << QStringLiteral("string");
    QTest::newRow("id negative") << json(R"({"id":-1,"text":""})") << QStringLiteral("/id") << QStringLiteral("0 to 4294967295");
    QTest::newRow("id too big") << json(R"({"id":4294967296,"text":""})") << QStringLiteral("/id") << QStringLiteral("0 to 4294967295");
    QTest::newRow("id fraction") << json(R"({"id":1.5,"text":""})") << QStringLiteral("/id") << QStringLiteral("integer");
    QTest::newRow("text not a string") << json(R"({"text":[]})") << QStringLiteral("/text") << QStringLiteral("must be a string");
    QTest::newRow("json scalar") << json(R"({"json":1})") << QStringLiteral("/json") << QStringLiteral("object or an array");
    QTest::newRow("hex not hex") << json(R"({"hex":"0g"})") << QStringLiteral("/hex") << QStringLiteral("is not hex");
    QTest::newRow("bad template deep inside") << json(R"({"json":{"a":["{{nope}}"]}})") << QStringLiteral("/json/a/0")
                                              << QStringLiteral("unknown template {{nope}}");
}

void TestReplyTemplate::refuses()
{
    QFETCH(QJsonValue, reply);
    QFETCH(QString, path);
    QFETCH(QString, words);
    ReplyTemplate parsed;
    JsonProblem problem;
    QVERIFY(!ReplyTemplate::parse(reply, &parsed, &problem));
    QCOMPARE(problem.path, path);
    QVERIFY2(problem.message.contains(words), qPrintable(problem.message));
}

void TestReplyTemplate::renderingCanFail_data()
{
    QTest::addColumn<QJsonValue>("reply");
    QTest::addColumn<QString>("words");

    QTest::newRow("hex made of text") << json(R"({"hex":"{{text}}"})") << QStringLiteral("is not hex");
    QTest::newRow("id made of text") << json(R"({"id":"{{text}}","text":""})") << QStringLiteral("the id \"hello\" is not an integer");
}

void TestReplyTemplate::renderingCanFail()
{
    QFETCH(QJsonValue, reply);
    QFETCH(QString, words);
    ReplyTemplate parsed;
    JsonProblem problem;
    QVERIFY(ReplyTemplate::parse(reply, &parsed, &problem));
    const Message answering = Message::text(QStringLiteral("hello"));
    const MessageFacts facts(answering);
    TemplateContext context;
    context.message = &facts;
    Message message;
    QString error;
    QVERIFY(!parsed.render(context, &message, &error));
    QVERIFY2(error.contains(words), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestReplyTemplate)
#include "tst_replytemplate.moc"
