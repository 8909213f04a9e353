#include <netcore/message.h>
#include <netcore/messageview.h>

#include <QtCore/QCborMap>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtCore/QVariant>
#include <QtTest/QTest>

using namespace netcore;

class TestMessage : public QObject
{
    Q_OBJECT

private slots:
    void defaults();
    void factories_data();
    void factories();
    void typedAccessors();
    void accessorsOnBadPayload();
    void equality_data();
    void equality();
    void travelsInQVariant();
    void viewChannelKeepsLeadingFeff_data();
    void viewChannelKeepsLeadingFeff();
};

void TestMessage::defaults()
{
    const Message message;
    QCOMPARE(message.type(), MessageType::Binary);
    QVERIFY(message.channel().isEmpty());
    QCOMPARE(message.id(), 0u);
    QVERIFY(message.payload().isEmpty());
}

void TestMessage::factories_data()
{
    QTest::addColumn<Message>("message");
    QTest::addColumn<MessageType>("type");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("channel");
    QTest::addColumn<quint32>("id");

    QTest::newRow("binary") << Message::binary(QByteArray("\0\xff", 2), QStringLiteral("image"), 3u)
                            << MessageType::Binary << QByteArray("\0\xff", 2) << QStringLiteral("image") << 3u;
    QTest::newRow("text UTF-8") << Message::text(QString::fromUtf8("h\xc3\xa9llo"))
                                << MessageType::Text << QByteArray("h\xc3\xa9llo") << QString() << 0u;
    QTest::newRow("json object, compact")
        << Message::json(QJsonDocument(QJsonObject{{QStringLiteral("a"), 1}}), QStringLiteral("chat"), 7u)
        << MessageType::Json << QByteArray(R"({"a":1})") << QStringLiteral("chat") << 7u;
    QTest::newRow("json array") << Message::json(QJsonDocument(QJsonArray{1, QStringLiteral("x")}))
                                << MessageType::Json << QByteArray(R"([1,"x"])") << QString() << 0u;
    QTest::newRow("cbor map") << Message::cbor(QCborMap{{QStringLiteral("k"), 1}}, QStringLiteral("state"), 1u)
                              << MessageType::Cbor << QByteArray::fromHex("a1616b01") << QStringLiteral("state") << 1u;
}

void TestMessage::factories()
{
    QFETCH(Message, message);
    QFETCH(MessageType, type);
    QFETCH(QByteArray, payload);
    QFETCH(QString, channel);
    QFETCH(quint32, id);

    QCOMPARE(message.type(), type);
    QCOMPARE(message.payload(), payload);
    QCOMPARE(message.channel(), channel);
    QCOMPARE(message.id(), id);
}

void TestMessage::typedAccessors()
{
    QCOMPARE(Message::text(QString::fromUtf8("\xc3\xbcn\xc3\xaf")).toText(), QString::fromUtf8("\xc3\xbcn\xc3\xaf"));
    const QJsonDocument json = Message(MessageType::Json, R"({"a":[1,2]})").toJson();
    QCOMPARE(json.object().value(QStringLiteral("a")).toArray().size(), 2);
    const QCborValue cbor = Message(MessageType::Cbor, QByteArray::fromHex("a1616b01")).toCbor();
    QCOMPARE(cbor.toMap().value(QStringLiteral("k")).toInteger(), 1);
}

void TestMessage::accessorsOnBadPayload()
{
    QVERIFY(Message(MessageType::Json, "{").toJson().isNull());
    QVERIFY(Message(MessageType::Cbor, QByteArray::fromHex("a1616b")).toCbor().isInvalid());
}

void TestMessage::equality_data()
{
    QTest::addColumn<Message>("other");
    QTest::addColumn<bool>("equal");

    QTest::newRow("same") << Message(MessageType::Text, "p", QStringLiteral("c"), 1) << true;
    QTest::newRow("type") << Message(MessageType::Binary, "p", QStringLiteral("c"), 1) << false;
    QTest::newRow("payload") << Message(MessageType::Text, "q", QStringLiteral("c"), 1) << false;
    QTest::newRow("channel") << Message(MessageType::Text, "p", QStringLiteral("d"), 1) << false;
    QTest::newRow("id") << Message(MessageType::Text, "p", QStringLiteral("c"), 2) << false;
}

void TestMessage::equality()
{
    QFETCH(Message, other);
    QFETCH(bool, equal);

    const Message message(MessageType::Text, "p", QStringLiteral("c"), 1);
    QCOMPARE(message == other, equal);
    QCOMPARE(message != other, !equal);

    Message edited;
    edited.setType(other.type());
    edited.setPayload(other.payload());
    edited.setChannel(other.channel());
    edited.setId(other.id());
    QCOMPARE(edited, other);
}

void TestMessage::travelsInQVariant()
{
    const Message message = Message::text(QStringLiteral("hi"), QStringLiteral("c"), 5);
    QCOMPARE(QVariant::fromValue(message).value<Message>(), message);
}

void TestMessage::viewChannelKeepsLeadingFeff_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QString>("channel");
    const QChar feff(0xfeff);
    QTest::newRow("leading") << QByteArray("\xef\xbb\xbf" "chat") << QString(feff) + QStringLiteral("chat");
    QTest::newRow("alone") << QByteArray("\xef\xbb\xbf") << QString(feff);
    QTest::newRow("inside") << QByteArray("a\xef\xbb\xbf") << QStringLiteral("a") + feff;
    QTest::newRow("default channel") << QByteArray() << QString();
}

// QString::fromUtf8() drops a leading BOM; found by fuzz_envelope
// (tests/fuzz/regressions/envelope/channel-leading-bom).
void TestMessage::viewChannelKeepsLeadingFeff()
{
    QFETCH(QByteArray, wire);
    QFETCH(QString, channel);
    const MessageView view(MessageType::Binary, "x", wire);
    QCOMPARE(view.channel(), channel);
    QCOMPARE(view.toMessage().channel(), channel);
    QCOMPARE(view.channel().toUtf8(), wire);
}

QTEST_GUILESS_MAIN(TestMessage)
#include "tst_message.moc"
