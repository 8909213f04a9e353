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
    void errorOffsetIsTheUsers_data();
    void errorOffsetIsTheUsers();
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

void TestPayloadBuilder::errorOffsetIsTheUsers_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("content");
    QTest::newRow("json object") << Kind::Json << QStringLiteral("{\"a\": }");
    QTest::newRow("cbor array") << Kind::Cbor << QStringLiteral("[1,,2]");
}

// The builder parses the value inside an array (scalars too); the offset it reports is the one
// Qt gives for the user's text alone, not one further.
void TestPayloadBuilder::errorOffsetIsTheUsers()
{
    QFETCH(Kind, kind);
    QFETCH(QString, content);
    QJsonParseError alone;
    QJsonDocument::fromJson(content.toUtf8(), &alone);
    QVERIFY(alone.error != QJsonParseError::NoError);
    const QString why = PayloadBuilder::validate(kind, content);
    const QString expected = QStringLiteral("at offset %1:").arg(alone.offset);
    QVERIFY2(why.contains(expected), qPrintable(why + QLatin1String(" / expected ") + expected));
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
