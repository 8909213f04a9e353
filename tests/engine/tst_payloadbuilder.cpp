#include <engine/jsondiagnosis.h>
#include <engine/payloadbuilder.h>

#include <netcore/message.h>

#include <QtCore/QJsonDocument>
#include <QtCore/QTemporaryFile>
#include <QtTest/QTest>

using netcore::Message;
using netcore::MessageType;
using wirebench::PayloadBuilder;
using Kind = PayloadBuilder::Kind;

Q_DECLARE_METATYPE(PayloadBuilder::Kind)

/** What the composer and `wirebench-cli send` both build from typed payloads. */
class TestPayloadBuilder : public QObject
{
    Q_OBJECT

private slots:
    void builds_data();
    void builds();
    void refuses_data();
    void refuses();
    void jsonErrorsSayWhereAndWhy_data();
    void jsonErrorsSayWhereAndWhy();
    void jsonDiagnosisAgreesWithQtOnValidJson_data();
    void jsonDiagnosisAgreesWithQtOnValidJson();
    void kindNamesRoundTrip();
    void filesAndImages();
};

void TestPayloadBuilder::builds_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("content");
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("payload");

    QTest::newRow("json object as typed") << Kind::Json << QStringLiteral("{ \"a\" : 1 }") << int(MessageType::Json)
                                          << QByteArray("{ \"a\" : 1 }");
    QTest::newRow("json array") << Kind::Json << QStringLiteral("[1,2]") << int(MessageType::Json) << QByteArray("[1,2]");
    QTest::newRow("text escapes") << Kind::Text << QStringLiteral("a\\tb\\x00\\n") << int(MessageType::Text)
                                  << QByteArray("a\tb\0\n", 5);
    QTest::newRow("text utf-8") << Kind::Text << QStringLiteral("h\u00e9") << int(MessageType::Text)
                                << QByteArray("h\xc3\xa9");
    QTest::newRow("hex with spaces") << Kind::Binary << QStringLiteral(" de AD\nbe ef ") << int(MessageType::Binary)
                                     << QByteArray::fromHex("deadbeef");
    QTest::newRow("hex empty") << Kind::Binary << QString() << int(MessageType::Binary) << QByteArray();
    QTest::newRow("cbor object") << Kind::Cbor << QStringLiteral("{\"k\": 1}") << int(MessageType::Cbor)
                                 << QByteArray::fromHex("a1616b01");
    QTest::newRow("cbor scalar") << Kind::Cbor << QStringLiteral("42") << int(MessageType::Cbor)
                                 << QByteArray::fromHex("182a");
    QTest::newRow("cbor string") << Kind::Cbor << QStringLiteral("\"hi\"") << int(MessageType::Cbor)
                                 << QByteArray::fromHex("626869");
}

void TestPayloadBuilder::builds()
{
    QFETCH(Kind, kind);
    QFETCH(QString, content);
    QFETCH(int, type);
    QFETCH(QByteArray, payload);
    QCOMPARE(PayloadBuilder::validate(kind, content), QString());
    Message message;
    QString error;
    QVERIFY2(PayloadBuilder::build(kind, content, QStringLiteral("ch"), 7, &message, &error), qPrintable(error));
    QCOMPARE(int(message.type()), type);
    QCOMPARE(message.payload(), payload);
    QCOMPARE(message.channel(), QStringLiteral("ch"));
    QCOMPARE(message.id(), 7u);
}

void TestPayloadBuilder::refuses_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("reason");

    QTest::newRow("json scalar") << Kind::Json << QStringLiteral("42") << QStringLiteral("object or an array");
    QTest::newRow("json broken") << Kind::Json << QStringLiteral("{\"a\": }") << QStringLiteral("Invalid JSON");
    QTest::newRow("text bad escape") << Kind::Text << QStringLiteral("\\q") << QStringLiteral("\\q");
    QTest::newRow("hex odd") << Kind::Binary << QStringLiteral("abc") << QStringLiteral("odd number");
    QTest::newRow("hex letter") << Kind::Binary << QStringLiteral("0g") << QStringLiteral("'g' at position 2");
    // QChar::isDigit() takes these; a hex parser must not.
    QTest::newRow("hex arabic-indic digits") << Kind::Binary << QStringLiteral("\u0661\u0662")
                                             << QStringLiteral("position 1");
    QTest::newRow("hex fullwidth digits") << Kind::Binary << QStringLiteral("\uff10\uff11")
                                          << QStringLiteral("position 1");
    QTest::newRow("cbor two values") << Kind::Cbor << QStringLiteral("1, 2") << QStringLiteral("one JSON value");
    QTest::newRow("cbor broken") << Kind::Cbor << QStringLiteral("{") << QStringLiteral("Invalid JSON");
    QTest::newRow("file missing") << Kind::File << QStringLiteral("/nonexistent/x") << QStringLiteral("No such file");
    QTest::newRow("file empty path") << Kind::File << QString() << QStringLiteral("Choose a file");
    QTest::newRow("file is a folder") << Kind::File << QStringLiteral("/") << QStringLiteral("A folder, not a file");
}

void TestPayloadBuilder::jsonErrorsSayWhereAndWhy_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("message");

    // The first two are the issue's: Qt said "object is missing after a comma" and "unterminated object".
    QTest::newRow("value missing") << Kind::Json << QStringLiteral("{\"a\": 1, \"b\": }")
                                   << QStringLiteral("Invalid JSON at line 1, column 15: a value is missing after \"b\":");
    QTest::newRow("single quotes") << Kind::Json << QStringLiteral("{'a': 1}")
                                   << QStringLiteral("Invalid JSON at line 1, column 2: single quotes are not JSON: "
                                                     "use double quotes");
    QTest::newRow("second line") << Kind::Json << QStringLiteral("{\n  \"a\": 1,\n  \"b\" 2\n}")
                                 << QStringLiteral("Invalid JSON at line 3, column 7: a colon is missing after \"b\"");
    QTest::newRow("trailing comma") << Kind::Json << QStringLiteral("[1, 2, ]")
                                    << QStringLiteral("Invalid JSON at line 1, column 8: a comma before ] : remove "
                                                      "the last comma");
    QTest::newRow("missing comma") << Kind::Json << QStringLiteral("{\"a\": 1 \"b\": 2}")
                                   << QStringLiteral("Invalid JSON at line 1, column 9: a comma is missing before "
                                                     "this key");
    QTest::newRow("bare key") << Kind::Json << QStringLiteral("{a: 1}")
                              << QStringLiteral("Invalid JSON at line 1, column 2: a key must be in double quotes: "
                                                "\"a\"");
    QTest::newRow("not closed") << Kind::Json << QStringLiteral("{\"a\": [1, 2]")
                                << QStringLiteral("Invalid JSON at line 1, column 13: the object opened at line 1, "
                                                  "column 1 is not closed: } is missing");
    QTest::newRow("string not closed") << Kind::Json << QStringLiteral("[\"abc]")
                                       << QStringLiteral("Invalid JSON at line 1, column 2: this string is not "
                                                         "closed: a \" is missing");
    QTest::newRow("Python words") << Kind::Json << QStringLiteral("{\"ok\": True}")
                                  << QStringLiteral("Invalid JSON at line 1, column 8: True is not JSON: its words "
                                                    "are true, false and null, in lower case");
    QTest::newRow("columns count characters") << Kind::Json << QStringLiteral("{\"é\": \"ü\" }}")
                                              << QStringLiteral("Invalid JSON at line 1, column 12: more follows "
                                                                "after the end of the value (\u201c}\u201d): one "
                                                                "JSON value only; wrap several in [ ]");
    QTest::newRow("cbor empty value") << Kind::Cbor << QStringLiteral("[1,,2]")
                                      << QStringLiteral("Invalid JSON at line 1, column 4: a value is missing "
                                                        "between two commas");
}

// The composer and `wirebench-cli send --json` both show these: where (line and column, in
// characters of what was typed) and what to do about it.
void TestPayloadBuilder::jsonErrorsSayWhereAndWhy()
{
    QFETCH(Kind, kind);
    QFETCH(QString, content);
    QFETCH(QString, message);
    QCOMPARE(PayloadBuilder::validate(kind, content), message);
}

void TestPayloadBuilder::jsonDiagnosisAgreesWithQtOnValidJson_data()
{
    QTest::addColumn<QString>("content");
    for (const char *json : {"{}", "[]", "{\"a\": [1, -2.5e+3, true, false, null, \"x\\n\\u00e9\"]}",
                             " [ { \"k\" : { } } ] ", "0", "-0.0", "\"\\\"\\\\\\/\\b\\f\\r\\t\""})
        QTest::newRow(json) << QString::fromUtf8(json);
}

// What Qt accepts, the diagnosis accepts too: it never blames valid JSON.
void TestPayloadBuilder::jsonDiagnosisAgreesWithQtOnValidJson()
{
    QFETCH(QString, content);
    QCOMPARE(PayloadBuilder::validate(Kind::Cbor, content), QString());
    QVERIFY(!wirebench::JsonDiagnosis::find(content).isValid());
}

void TestPayloadBuilder::refuses()
{
    QFETCH(Kind, kind);
    QFETCH(QString, content);
    QFETCH(QString, reason);
    const QString why = PayloadBuilder::validate(kind, content);
    QVERIFY2(why.contains(reason), qPrintable(why));
    Message message = Message::text(QStringLiteral("untouched"));
    QString error;
    QVERIFY(!PayloadBuilder::build(kind, content, {}, 0, &message, &error));
    QCOMPARE(error, why);
    QCOMPARE(message.payload(), QByteArray("untouched"));
}

void TestPayloadBuilder::kindNamesRoundTrip()
{
    for (const Kind kind : {Kind::Json, Kind::Text, Kind::Binary, Kind::File, Kind::Image, Kind::Cbor}) {
        Kind parsed = Kind::Json;
        QVERIFY(PayloadBuilder::parseKindName(PayloadBuilder::kindName(kind), &parsed));
        QCOMPARE(parsed, kind);
    }
    Kind parsed = Kind::Text;
    QVERIFY(!PayloadBuilder::parseKindName(QStringLiteral("xml"), &parsed));
    QCOMPARE(parsed, Kind::Text);
}

void TestPayloadBuilder::filesAndImages()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(QByteArray("\x89PNG\0\1", 6));
    file.close();
    Message message;
    QString error;
    QVERIFY(PayloadBuilder::build(Kind::File, file.fileName(), {}, 0, &message, &error));
    QCOMPARE(message.payload(), QByteArray("\x89PNG\0\1", 6));
    QCOMPARE(message.channel(), QString());
    QVERIFY(PayloadBuilder::build(Kind::Image, file.fileName(), {}, 0, &message, &error));
    QCOMPARE(message.channel(), QStringLiteral("image")); // an image goes on "image" unless told
    QVERIFY(PayloadBuilder::build(Kind::Image, file.fileName(), QStringLiteral("cam"), 0, &message, &error));
    QCOMPARE(message.channel(), QStringLiteral("cam"));
}

QTEST_GUILESS_MAIN(TestPayloadBuilder)
#include "tst_payloadbuilder.moc"
