#include <tests/unit/codecfeeder.h>

#include <netcore/lengthfieldcodec.h>

#include <QtCore/QJsonObject>
#include <QtTest/QTest>

using namespace netcore;
using codectest::hex;

namespace {

const QByteArray content("HELLO, WORLD");

CodecConfig lengthConfig(int offset, int length, qint64 adjustment, int strip,
                         QSysInfo::Endian order = QSysInfo::BigEndian)
{
    CodecConfig config = CodecConfig::length(length, order);
    config.lengthFieldOffset = offset;
    config.lengthAdjustment = adjustment;
    config.initialBytesToStrip = strip;
    return config;
}

CodecConfig typed(CodecConfig config, MessageType type)
{
    config.payloadType = type;
    return config;
}

} // namespace

class TestLengthFieldCodec : public QObject
{
    Q_OBJECT

private slots:
    void nettyVector_data();
    void nettyVector();
    void nettyVectorEncode_data() { nettyVector_data(); }
    void nettyVectorEncode();
    void pythonComms();
    void fieldSizesAndOrders_data();
    void fieldSizesAndOrders();
    void threeByteFieldUsesAllBytes_data();
    void threeByteFieldUsesAllBytes();
    void encodeRoundTrip_data();
    void encodeRoundTrip();
    void streamError_data();
    void streamError();
    void frameError_data();
    void frameError();
    void encodeLimits_data();
    void encodeLimits();
    void invalidConfiguration();
};

void TestLengthFieldCodec::nettyVector_data()
{
    QTest::addColumn<CodecConfig>("config");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("decoded");

    // docs/protocol.md section 4.5: Netty's LengthFieldBasedFrameDecoder examples.
    QTest::newRow("1 strip nothing") << lengthConfig(0, 2, 0, 0) << hex("00 0C") + content << hex("00 0C") + content;
    QTest::newRow("2 strip header") << lengthConfig(0, 2, 0, 2) << hex("00 0C") + content << content;
    QTest::newRow("3 length counts header")
        << lengthConfig(0, 2, -2, 0) << hex("00 0E") + content << hex("00 0E") + content;
    QTest::newRow("4 header before field")
        << lengthConfig(2, 3, 0, 0) << hex("CA FE 00 00 0C") + content << hex("CA FE 00 00 0C") + content;
    QTest::newRow("5 header after field")
        << lengthConfig(0, 3, 2, 0) << hex("00 00 0C CA FE") + content << hex("00 00 0C CA FE") + content;
    QTest::newRow("6 strip field keep header")
        << lengthConfig(1, 2, 1, 3) << hex("CA 00 0C FE") + content << hex("FE") + content;
    QTest::newRow("7 length counts all")
        << lengthConfig(1, 2, -3, 3) << hex("CA 00 10 FE") + content << hex("FE") + content;
}

void TestLengthFieldCodec::nettyVector()
{
    QFETCH(CodecConfig, config);
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, decoded);

    for (const QList<QByteArray> &chunks : {QList<QByteArray>{input}, codectest::bytewise(input)}) {
        LengthFieldCodec codec(config);
        const codectest::Fed fed = codectest::feed(codec, chunks);
        QVERIFY(!fed.misbehaved);
        QCOMPARE(fed.messages(), QList<Message>{Message::binary(decoded)});
        QCOMPARE(fed.results.size(), 1);
        QCOMPARE(fed.leftover, 0);
    }
    // Twice in one chunk: frame boundaries hold.
    LengthFieldCodec codec(config);
    QCOMPARE(codectest::feed(codec, input + input).messages(),
             QList<Message>({Message::binary(decoded), Message::binary(decoded)}));
}

void TestLengthFieldCodec::nettyVectorEncode()
{
    QFETCH(CodecConfig, config);
    QFETCH(QByteArray, input);

    // The payload is what follows the field; the bytes before it are sent as zeros.
    const int fieldEnd = config.lengthFieldOffset + config.lengthFieldLength;
    const LengthFieldCodec codec(config);
    QCOMPARE(codec.encode(Message::binary(input.mid(fieldEnd))),
             QByteArray(config.lengthFieldOffset, '\0') + input.mid(config.lengthFieldOffset));
}

void TestLengthFieldCodec::pythonComms()
{
    const QByteArray wire = hex("07 00 00 00") + R"({"a":1})";
    const Message expected(MessageType::Json, R"({"a":1})");

    LengthFieldCodec codec(CodecConfig::pythonComms());
    QCOMPARE(codectest::feed(codec, codectest::bytewise(wire)).messages(), QList<Message>{expected});
    QCOMPARE(codec.encode(Message::json(QJsonDocument(QJsonObject{{QStringLiteral("a"), 1}}))), wire);
}

void TestLengthFieldCodec::fieldSizesAndOrders_data()
{
    QTest::addColumn<CodecConfig>("config");
    QTest::addColumn<QByteArray>("header");

    QTest::newRow("1 byte") << CodecConfig::length(1) << hex("05");
    QTest::newRow("2 bytes big") << CodecConfig::length(2) << hex("00 05");
    QTest::newRow("2 bytes little") << CodecConfig::length(2, QSysInfo::LittleEndian) << hex("05 00");
    QTest::newRow("3 bytes big") << CodecConfig::length(3) << hex("00 00 05");
    QTest::newRow("3 bytes little") << CodecConfig::length(3, QSysInfo::LittleEndian) << hex("05 00 00");
    QTest::newRow("4 bytes big") << CodecConfig::length(4) << hex("00 00 00 05");
    QTest::newRow("4 bytes little") << CodecConfig::length(4, QSysInfo::LittleEndian) << hex("05 00 00 00");
    QTest::newRow("8 bytes big") << CodecConfig::length(8) << hex("00 00 00 00 00 00 00 05");
    QTest::newRow("8 bytes little") << CodecConfig::length(8, QSysInfo::LittleEndian) << hex("05 00 00 00 00 00 00 00");
}

void TestLengthFieldCodec::fieldSizesAndOrders()
{
    QFETCH(CodecConfig, config);
    QFETCH(QByteArray, header);

    LengthFieldCodec codec(config);
    const codectest::Fed fed = codectest::feed(codec, codectest::bytewise(header + "hello" + header + "world"));
    QCOMPARE(fed.messages(), QList<Message>({Message::binary("hello"), Message::binary("world")}));
    QCOMPARE(codec.encode(Message::binary("hello")), header + "hello");
}

void TestLengthFieldCodec::threeByteFieldUsesAllBytes_data()
{
    QTest::addColumn<QSysInfo::Endian>("order");
    QTest::addColumn<QByteArray>("header");
    // 70000 = 0x011170
    QTest::newRow("big") << QSysInfo::BigEndian << hex("01 11 70");
    QTest::newRow("little") << QSysInfo::LittleEndian << hex("70 11 01");
}

void TestLengthFieldCodec::threeByteFieldUsesAllBytes()
{
    QFETCH(QSysInfo::Endian, order);
    QFETCH(QByteArray, header);

    const QByteArray payload(70000, 'p');
    LengthFieldCodec codec(CodecConfig::length(3, order));
    const QByteArray wire = codec.encode(Message::binary(payload));
    QCOMPARE(wire.left(3), header);
    QCOMPARE(wire.size(), 3 + payload.size());
    QCOMPARE(codectest::feed(codec, wire).messages(), QList<Message>{Message::binary(payload)});
}

void TestLengthFieldCodec::encodeRoundTrip_data()
{
    QTest::addColumn<CodecConfig>("config");

    QTest::newRow("default") << CodecConfig::length();
    QTest::newRow("1 byte") << CodecConfig::length(1);
    QTest::newRow("2 little, adjust -2") << lengthConfig(0, 2, -2, -1, QSysInfo::LittleEndian);
    QTest::newRow("3 big, offset 2") << lengthConfig(2, 3, 0, -1);
    QTest::newRow("4 little, offset 1, adjust 2") << lengthConfig(1, 4, 2, -1, QSysInfo::LittleEndian);
    QTest::newRow("8 big, adjust -8") << lengthConfig(0, 8, -8, -1);
    QTest::newRow("text") << typed(CodecConfig::length(2), MessageType::Text);
    QTest::newRow("python-comms") << CodecConfig::pythonComms();
}

void TestLengthFieldCodec::encodeRoundTrip()
{
    QFETCH(CodecConfig, config);

    const MessageType type = config.payloadType;
    // Valid as binary, text and json alike, of different sizes.
    const QByteArray large = "[" + QByteArray("0,").repeated(100) + "0]";
    const QList<Message> messages = {Message(type, R"(["first"])"), Message(type, "{}"), Message(type, large)};
    LengthFieldCodec codec(config);
    QByteArray wire;
    for (const Message &message : messages)
        QVERIFY(codec.encode(message, wire));
    QCOMPARE(codectest::feed(codec, codectest::bytewise(wire)).messages(), messages);
}

void TestLengthFieldCodec::streamError_data()
{
    QTest::addColumn<CodecConfig>("config");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<ErrorCode>("code");

    QTest::newRow("ends before the field") << lengthConfig(0, 2, -5, -1) << hex("00 02") << ErrorCode::FrameTooShort;
    QTest::newRow("negative frame length") << lengthConfig(0, 1, -100, -1) << hex("00") << ErrorCode::FrameTooShort;
    CodecConfig small = CodecConfig::length(2);
    small.maxFrameSize = 14;
    QTest::newRow("one above max") << small << hex("00 0D") << ErrorCode::FrameTooLarge;
    QTest::newRow("4 GiB - 1") << CodecConfig::length(4) << hex("ff ff ff ff") << ErrorCode::FrameTooLarge;
    QTest::newRow("huge 8-byte value") << CodecConfig::length(8) << hex("ff ff ff ff ff ff ff ff") << ErrorCode::FrameTooLarge;
    QTest::newRow("8-byte value overflows with adjustment")
        << lengthConfig(0, 8, 100, -1) << hex("7f ff ff ff ff ff ff f0") << ErrorCode::FrameTooLarge;
    QTest::newRow("huge 8-byte little") << CodecConfig::length(8, QSysInfo::LittleEndian)
                                        << hex("00 00 00 00 00 00 00 80") << ErrorCode::FrameTooLarge;
}

void TestLengthFieldCodec::streamError()
{
    QFETCH(CodecConfig, config);
    QFETCH(QByteArray, header);
    QFETCH(ErrorCode, code);

    // The header alone is enough: no waiting for the frame it announces.
    LengthFieldCodec codec(config);
    const codectest::Fed fed = codectest::feed(codec, codectest::bytewise(header));
    QCOMPARE(fed.results.size(), 1);
    QCOMPARE(fed.results.at(0).status, DecodeResult::StreamError);
    QCOMPARE(fed.results.at(0).error.code, code);
    QVERIFY(fed.results.at(0).error.isStreamError());
}

void TestLengthFieldCodec::frameError_data()
{
    QTest::addColumn<CodecConfig>("config");
    QTest::addColumn<QByteArray>("badFrame");
    QTest::addColumn<QByteArray>("goodFrame");
    QTest::addColumn<Message>("good");
    QTest::addColumn<ErrorCode>("code");

    QTest::newRow("strip beyond frame") << lengthConfig(0, 2, 0, 5) << hex("00 02 41 42")
                                        << hex("00 05 41 42 43 44 45") << Message::binary("DE")
                                        << ErrorCode::StripBeyondFrame;
    const CodecConfig text = typed(CodecConfig::length(2), MessageType::Text);
    QTest::newRow("text not UTF-8") << text << hex("00 02 c3 28") << hex("00 02 c3 a9")
                                    << Message(MessageType::Text, "\xc3\xa9") << ErrorCode::InvalidText;
    const CodecConfig json = CodecConfig::pythonComms();
    QTest::newRow("json not parseable") << json << hex("03 00 00 00") + "{\"a" << hex("02 00 00 00") + "[]"
                                        << Message(MessageType::Json, "[]") << ErrorCode::InvalidJson;
    QTest::newRow("json top-level number") << json << hex("01 00 00 00") + "7" << hex("02 00 00 00") + "{}"
                                           << Message(MessageType::Json, "{}") << ErrorCode::InvalidJson;
}

void TestLengthFieldCodec::frameError()
{
    QFETCH(CodecConfig, config);
    QFETCH(QByteArray, badFrame);
    QFETCH(QByteArray, goodFrame);
    QFETCH(Message, good);
    QFETCH(ErrorCode, code);

    const QByteArray wire = badFrame + goodFrame;
    for (const QList<QByteArray> &chunks : {QList<QByteArray>{wire}, codectest::bytewise(wire)}) {
        LengthFieldCodec codec(config);
        const codectest::Fed fed = codectest::feed(codec, chunks);
        QVERIFY(!fed.misbehaved);
        QCOMPARE(fed.results.size(), 2);
        QCOMPARE(fed.results.at(0).status, DecodeResult::FrameError);
        QCOMPARE(fed.results.at(0).error.code, code);
        QCOMPARE(fed.results.at(0).error.rawFrame, badFrame);
        QCOMPARE(fed.results.at(1).status, DecodeResult::MessageReady);
        QCOMPARE(fed.results.at(1).message, good);
        QCOMPARE(fed.leftover, 0);
    }
}

void TestLengthFieldCodec::encodeLimits_data()
{
    QTest::addColumn<CodecConfig>("config");
    QTest::addColumn<int>("payloadSize");
    QTest::addColumn<bool>("fits");

    QTest::newRow("1 byte field, 255") << CodecConfig::length(1) << 255 << true;
    QTest::newRow("1 byte field, 256") << CodecConfig::length(1) << 256 << false;
    QTest::newRow("2 byte field, adjust -2, 65533") << lengthConfig(0, 2, -2, -1) << 65533 << true;
    QTest::newRow("2 byte field, adjust -2, 65534") << lengthConfig(0, 2, -2, -1) << 65534 << false;
    QTest::newRow("adjust 5, payload 5") << lengthConfig(0, 2, 5, -1) << 5 << true;
    QTest::newRow("adjust 5, payload 4 (negative field)") << lengthConfig(0, 2, 5, -1) << 4 << false;
    CodecConfig small = lengthConfig(2, 2, 0, -1);
    small.maxFrameSize = 20;
    QTest::newRow("frame exactly max") << small << 16 << true;
    QTest::newRow("frame one above max") << small << 17 << false;
}

void TestLengthFieldCodec::encodeLimits()
{
    QFETCH(CodecConfig, config);
    QFETCH(int, payloadSize);
    QFETCH(bool, fits);

    const Message message = Message::binary(QByteArray(payloadSize, 'x'));
    LengthFieldCodec codec(config);
    QByteArray output("prefix");
    Error error;
    QCOMPARE(codec.encode(message, output, &error), fits);
    if (!fits) {
        QCOMPARE(error.code, ErrorCode::MessageTooLarge);
        QCOMPARE(output, QByteArray("prefix"));
        return;
    }
    QCOMPARE(codectest::feed(codec, output.mid(6)).messages(), QList<Message>{message});
}

void TestLengthFieldCodec::invalidConfiguration()
{
    LengthFieldCodec codec(CodecConfig::length(5));
    const codectest::Fed fed = codectest::feed(codec, hex("00 00 00 00 01 41"));
    QCOMPARE(fed.results.size(), 1);
    QCOMPARE(fed.results.at(0).status, DecodeResult::StreamError);
    QCOMPARE(fed.results.at(0).error.code, ErrorCode::InvalidConfiguration);

    Error error;
    QByteArray output;
    QVERIFY(!codec.encode(Message::binary("A"), output, &error));
    QCOMPARE(error.code, ErrorCode::InvalidConfiguration);
    QVERIFY(output.isEmpty());
}

QTEST_GUILESS_MAIN(TestLengthFieldCodec)
#include "tst_lengthfieldcodec.moc"
