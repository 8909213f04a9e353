#include <engine/responders/messagefacts.h>
#include <engine/responders/templatetext.h>

#include <netcore/message.h>

#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtTest/QTest>

using netcore::Message;
using wirebench::MessageFacts;
using wirebench::TemplateContext;
using wirebench::TemplateText;

/** Every placeholder of the rules' templates, and the typos they refuse. */
class TestTemplateText : public QObject
{
    Q_OBJECT

private slots:
    void renders_data();
    void renders();
    void nowIsNow();
    void randomStaysInItsRange();
    void typedJson();
    void refuses_data();
    void refuses();
    void whatNeedsTheConnectionsCount();
};

void TestTemplateText::renders_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << QStringLiteral("hello") << QStringLiteral("hello");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("group 1") << QStringLiteral("PONG {{1}}") << QStringLiteral("PONG 42");
    QTest::newRow("group 2, spaces inside") << QStringLiteral("{{ 2 }}") << QStringLiteral("x");
    QTest::newRow("missing group is empty") << QStringLiteral("[{{9}}]") << QStringLiteral("[]");
    QTest::newRow("json string") << QStringLiteral("{{json:/user}}") << QStringLiteral("alice");
    QTest::newRow("json number") << QStringLiteral("n={{json:/n}}") << QStringLiteral("n=3");
    QTest::newRow("json fraction") << QStringLiteral("{{json:/f}}") << QStringLiteral("0.5");
    QTest::newRow("json object") << QStringLiteral("{{json:/o}}") << QStringLiteral("{\"a\":[true,null]}");
    QTest::newRow("json missing is empty") << QStringLiteral("<{{json:/nope}}>") << QStringLiteral("<>");
    QTest::newRow("channel") << QStringLiteral("{{channel}}") << QStringLiteral("login");
    QTest::newRow("id") << QStringLiteral("{{id}}") << QStringLiteral("7");
    QTest::newRow("text") << QStringLiteral("{{text}}") << QStringLiteral(R"({"user":"alice","n":3,"f":0.5,"o":{"a":[true,null]}})");
    QTest::newRow("hex") << QStringLiteral("{{hex}}") << QString::fromLatin1(QByteArray(R"({"user":"alice","n":3,"f":0.5,"o":{"a":[true,null]}})").toHex());
    QTest::newRow("conn") << QStringLiteral("#{{conn}}") << QStringLiteral("#12");
    QTest::newRow("peer") << QStringLiteral("hi {{peer}}") << QStringLiteral("hi 127.0.0.1:5000");
    QTest::newRow("seq") << QStringLiteral("{{seq}}/{{seq}}") << QStringLiteral("4/4");
    QTest::newRow("single braces are text") << QStringLiteral("{a} }}") << QStringLiteral("{a} }}");
}

void TestTemplateText::renders()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const Message message(netcore::MessageType::Json, R"({"user":"alice","n":3,"f":0.5,"o":{"a":[true,null]}})",
                          QStringLiteral("login"), 7);
    const MessageFacts facts(message);
    TemplateContext context;
    context.message = &facts;
    context.groups = QStringList{QStringLiteral("PING 42 x"), QStringLiteral("42"), QStringLiteral("x")};
    context.connection = 12;
    context.peer = QStringLiteral("127.0.0.1:5000");
    context.seq = 4;
    TemplateText parsed;
    QString error;
    QVERIFY2(TemplateText::parse(text, &parsed, &error), qPrintable(error));
    QCOMPARE(parsed.render(context), expected);
    QCOMPARE(parsed.isPlain(), !TemplateText::hasPlaceholders(text));
}

void TestTemplateText::nowIsNow()
{
    TemplateText parsed;
    QString error;
    QVERIFY(TemplateText::parse(QStringLiteral("{{now}}"), &parsed, &error));
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const qint64 now = parsed.render({}).toLongLong();
    QVERIFY(now >= before);
    QVERIFY(now <= QDateTime::currentMSecsSinceEpoch());
}

void TestTemplateText::randomStaysInItsRange()
{
    TemplateText parsed;
    QString error;
    QVERIFY(TemplateText::parse(QStringLiteral("{{random:-2-2}}"), &parsed, &error));
    QSet<int> seen;
    for (int i = 0; i < 2000; ++i) {
        const int value = parsed.render({}).toInt();
        QVERIFY2(value >= -2 && value <= 2, qPrintable(QString::number(value)));
        seen.insert(value);
    }
    QCOMPARE(seen.size(), 5); // both ends included: each of 5 values misses 2000 draws with p = 0.8^2000
    QVERIFY(TemplateText::parse(QStringLiteral("{{random:7-7}}"), &parsed, &error));
    QCOMPARE(parsed.render({}), QStringLiteral("7"));
}

void TestTemplateText::typedJson()
{
    const Message message(netcore::MessageType::Json, R"({"n":3,"list":[1]})");
    const MessageFacts facts(message);
    TemplateContext context;
    context.message = &facts;
    TemplateText parsed;
    QString error;
    QVERIFY(TemplateText::parse(QStringLiteral("{{json:/n}}"), &parsed, &error));
    QCOMPARE(parsed.renderTypedJson(context), QJsonValue(3));
    QVERIFY(TemplateText::parse(QStringLiteral("{{json:/list}}"), &parsed, &error));
    QCOMPARE(parsed.renderTypedJson(context), QJsonValue(QJsonArray{1}));
    QVERIFY(TemplateText::parse(QStringLiteral("n {{json:/n}}"), &parsed, &error));
    QVERIFY(parsed.renderTypedJson(context).isUndefined()); // not the whole text: a string
}

void TestTemplateText::refuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("words");

    QTest::newRow("unknown") << QStringLiteral("{{user}}") << QStringLiteral("unknown template {{user}}");
    QTest::newRow("group 0") << QStringLiteral("{{0}}") << QStringLiteral("unknown template {{0}}");
    QTest::newRow("group 10") << QStringLiteral("{{10}}") << QStringLiteral("unknown template {{10}}");
    QTest::newRow("unclosed") << QStringLiteral("a {{seq") << QStringLiteral("without a closing");
    QTest::newRow("json pointer") << QStringLiteral("{{json:user}}") << QStringLiteral("start with /");
    QTest::newRow("random backwards") << QStringLiteral("{{random:5-1}}") << QStringLiteral("A <= B");
    QTest::newRow("random words") << QStringLiteral("{{random:a-b}}") << QStringLiteral("A-B");
}

void TestTemplateText::refuses()
{
    QFETCH(QString, text);
    QFETCH(QString, words);
    TemplateText parsed;
    QString error;
    QVERIFY(!TemplateText::parse(text, &parsed, &error));
    QVERIFY2(error.contains(words), qPrintable(error));
}

void TestTemplateText::whatNeedsTheConnectionsCount()
{
    // A responder keeps {{seq}} and {{peer}} per connection only for templates that ask for them.
    for (const auto &[text, uses] : {std::pair{"{{seq}}", true}, std::pair{"a {{peer}}", true}, std::pair{"{{hex}}", false},
                                     std::pair{"{{conn}} {{text}} {{now}}", false}, std::pair{"plain", false}}) {
        TemplateText parsed;
        QString error;
        QVERIFY(TemplateText::parse(QString::fromLatin1(text), &parsed, &error));
        QCOMPARE(parsed.usesConnectionState(), uses);
    }
}

QTEST_GUILESS_MAIN(TestTemplateText)
#include "tst_templatetext.moc"
