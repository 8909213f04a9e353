#include <netcore/bytebuffer.h>
#include <netcore/codec.h>
#include <netcore/envelopecodec.h>
#include <netcore/lengthfieldcodec.h>
#include <netcore/linecodec.h>
#include <netcore/rawcodec.h>

#include <QtTest/QTest>

using namespace netcore;

class TestCodec : public QObject
{
    Q_OBJECT

private slots:
    void createMatchesKind_data();
    void createMatchesKind();
    void validatePayload_data();
    void validatePayload();
    void decodeFrameViewsTheBuffer_data();
    void decodeFrameViewsTheBuffer();
    void encodeViewMatchesEncodeMessage_data();
    void encodeViewMatchesEncodeMessage();
    void frameErrorKeepsABoundedCopy();
    void decodeResultIsDeclaredWithItsType();
};

void TestCodec::createMatchesKind_data()
{
    QTest::addColumn<CodecConfig>("config");
    QTest::addColumn<QByteArray>("wireOfHi"); // how each codec frames a binary "hi"

    QTest::newRow("envelope") << CodecConfig::envelope() << QByteArray::fromHex("0000000a000100000000000068 69");
    QTest::newRow("length") << CodecConfig::length(2) << QByteArray("\x00\x02hi", 4);
    QTest::newRow("line") << CodecConfig::line("\r\n") << QByteArray("hi\r\n");
    QTest::newRow("raw") << CodecConfig::raw() << QByteArray("hi");
    CodecConfig invalid = CodecConfig::line({});
    QTest::newRow("invalid line config still a line codec") << invalid << QByteArray();
}

void TestCodec::createMatchesKind()
{
    QFETCH(CodecConfig, config);
    QFETCH(QByteArray, wireOfHi);

    const std::unique_ptr<Codec> codec = Codec::create(config);
    QVERIFY(codec);
    QCOMPARE(codec->config(), config);
    QCOMPARE(codec->encode(Message::binary("hi")), wireOfHi);
    switch (config.kind) {
    case CodecConfig::Kind::Envelope: QVERIFY(dynamic_cast<EnvelopeCodec *>(codec.get())); break;
    case CodecConfig::Kind::Length: QVERIFY(dynamic_cast<LengthFieldCodec *>(codec.get())); break;
    case CodecConfig::Kind::Line: QVERIFY(dynamic_cast<LineCodec *>(codec.get())); break;
    case CodecConfig::Kind::Raw: QVERIFY(dynamic_cast<RawCodec *>(codec.get())); break;
    }
}

void TestCodec::validatePayload_data()
{
    QTest::addColumn<MessageType>("type");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<ErrorCode>("expected");

    const auto hex = [](const char *spaced) { return QByteArray::fromHex(spaced); };
    QTest::newRow("binary anything") << MessageType::Binary << hex("ff 00 c3") << ErrorCode::NoError;
    QTest::newRow("text empty") << MessageType::Text << QByteArray() << ErrorCode::NoError;
    QTest::newRow("text 2-byte") << MessageType::Text << hex("68 c3 a9") << ErrorCode::NoError;
    QTest::newRow("text 4-byte") << MessageType::Text << hex("f0 9f 98 80") << ErrorCode::NoError;
    QTest::newRow("text embedded NUL") << MessageType::Text << hex("61 00 62") << ErrorCode::NoError;
    QTest::newRow("text cut 2-byte") << MessageType::Text << hex("68 c3") << ErrorCode::InvalidText;
    QTest::newRow("text cut 3-byte") << MessageType::Text << hex("e2 82") << ErrorCode::InvalidText;
    QTest::newRow("text lone continuation") << MessageType::Text << hex("80") << ErrorCode::InvalidText;
    QTest::newRow("text overlong /") << MessageType::Text << hex("c0 af") << ErrorCode::InvalidText;
    QTest::newRow("text surrogate") << MessageType::Text << hex("ed a0 80") << ErrorCode::InvalidText;
    QTest::newRow("text above U+10FFFF") << MessageType::Text << hex("f4 90 80 80") << ErrorCode::InvalidText;
    QTest::newRow("text ff") << MessageType::Text << hex("ff") << ErrorCode::InvalidText;
    QTest::newRow("json object") << MessageType::Json << QByteArray(R"( {"a":[1,2]} )") << ErrorCode::NoError;
    QTest::newRow("json array") << MessageType::Json << QByteArray("[]") << ErrorCode::NoError;
    QTest::newRow("json number") << MessageType::Json << QByteArray("1") << ErrorCode::InvalidJson;
    QTest::newRow("json null") << MessageType::Json << QByteArray("null") << ErrorCode::InvalidJson;
    QTest::newRow("json trailing garbage") << MessageType::Json << QByteArray("{} x") << ErrorCode::InvalidJson;
    QTest::newRow("json bad UTF-8 string") << MessageType::Json << QByteArray("[\"\xc3\"]") << ErrorCode::InvalidJson;
    QTest::newRow("json empty") << MessageType::Json << QByteArray() << ErrorCode::InvalidJson;
    QTest::newRow("cbor map") << MessageType::Cbor << hex("a1 61 6b 01") << ErrorCode::NoError;
    QTest::newRow("cbor integer") << MessageType::Cbor << hex("01") << ErrorCode::NoError;
    QTest::newRow("cbor indefinite array") << MessageType::Cbor << hex("9f 01 ff") << ErrorCode::NoError;
    QTest::newRow("cbor two items") << MessageType::Cbor << hex("01 02") << ErrorCode::InvalidCbor;
    QTest::newRow("cbor truncated") << MessageType::Cbor << hex("a1 61 6b") << ErrorCode::InvalidCbor;
    QTest::newRow("cbor lone break") << MessageType::Cbor << hex("ff") << ErrorCode::InvalidCbor;
    QTest::newRow("cbor reserved info") << MessageType::Cbor << hex("1c") << ErrorCode::InvalidCbor;
    QTest::newRow("cbor huge byte string") << MessageType::Cbor << hex("5b 00 00 00 ff ff ff ff ff") << ErrorCode::InvalidCbor;
    QTest::newRow("cbor empty") << MessageType::Cbor << QByteArray() << ErrorCode::InvalidCbor;
}

void TestCodec::validatePayload()
{
    QFETCH(MessageType, type);
    QFETCH(QByteArray, payload);
    QFETCH(ErrorCode, expected);

    QString why = QStringLiteral("stale");
    QCOMPARE(netcore::validatePayload(type, payload, &why), expected);
    QCOMPARE(why.isEmpty(), expected == ErrorCode::NoError);
    QCOMPARE(netcore::validatePayload(type, payload), expected);
}

void TestCodec::decodeFrameViewsTheBuffer_data()
{
    QTest::addColumn<CodecConfig>("config");
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<Message>("expected");

    // A frame per codec kind, most of them vectors of docs/protocol.md.
    QTest::newRow("envelope json on a channel")
        << CodecConfig::envelope() << QByteArray::fromHex("00000013020100040000000763686174 7b2261223a317d")
        << Message(MessageType::Json, "{\"a\":1}", QStringLiteral("chat"), 7);
    QTest::newRow("envelope utf-8 channel")
        << CodecConfig::envelope() << QByteArray::fromHex("0000001301010005 0000ffff c3bc6ec3af 68c3a96c6c6f")
        << Message(MessageType::Text, "h\xc3\xa9llo", QString::fromUtf8("\xc3\xbcn\xc3\xaf"), 65535);
    QTest::newRow("length") << CodecConfig::length(2) << QByteArray("\x00\x02hi", 4) << Message::binary("hi");
    QTest::newRow("line (text by default)")
        << CodecConfig::line("\n") << QByteArray("hi\n") << Message(MessageType::Text, "hi");
    QTest::newRow("raw") << CodecConfig::raw() << QByteArray("hi") << Message::binary("hi");
}

void TestCodec::decodeFrameViewsTheBuffer()
{
    QFETCH(CodecConfig, config);
    QFETCH(QByteArray, wire);
    QFETCH(Message, expected);

    const std::unique_ptr<Codec> codec = Codec::create(config);
    ByteBuffer buffer;
    buffer.append(wire);
    const char *const begin = buffer.peek();
    MessageView view;
    Error error;
    QCOMPARE(codec->decodeFrame(buffer, &view, &error), DecodeResult::MessageReady);
    QVERIFY(!error.isError());
    QVERIFY(buffer.isEmpty()); // consumed...
    // ...but not copied: the payload is read where it arrived.
    QVERIFY(view.payload().data() >= begin && view.payload().data() + view.payload().size() <= begin + wire.size());
    QCOMPARE(view.type(), expected.type());
    QCOMPARE(view.id(), expected.id());
    QCOMPARE(view.channel(), expected.channel());
    QCOMPARE(view.payload(), QByteArrayView(expected.payload()));
    const Message owned = view.toMessage();
    QCOMPARE(owned, expected);
    QVERIFY(owned.payload().constData() != view.payload().data());
}

void TestCodec::encodeViewMatchesEncodeMessage_data()
{
    QTest::addColumn<CodecConfig>("config");
    QTest::newRow("envelope") << CodecConfig::envelope();
    QTest::newRow("length, little-endian 3-byte field") << [] {
        CodecConfig config = CodecConfig::length(3);
        config.byteOrder = QSysInfo::LittleEndian;
        return config;
    }();
    QTest::newRow("line") << CodecConfig::line("\r\n");
    QTest::newRow("raw") << CodecConfig::raw();
}

void TestCodec::encodeViewMatchesEncodeMessage()
{
    QFETCH(CodecConfig, config);
    const std::unique_ptr<Codec> codec = Codec::create(config);
    const Message message(MessageType::Text, "h\xc3\xa9", QString::fromUtf8("\xc3\xbc"), 9);
    QByteArray channel;
    const MessageView view = MessageView::of(message, channel);
    QCOMPARE(channel, QByteArray("\xc3\xbc"));
    QByteArray fromView("prefix"); // encode appends
    QVERIFY(codec->encode(view, fromView));
    QCOMPARE(fromView, QByteArray("prefix") + codec->encode(message));
    QVERIFY(fromView.size() > 6);
}

void TestCodec::frameErrorKeepsABoundedCopy()
{
    // A json frame of 10000 bytes that is not JSON: reported with its first rawFrameLimit bytes.
    const QByteArray payload(10000, 'x');
    QByteArray wire = EnvelopeCodec(CodecConfig::envelope()).encode(Message(MessageType::Json, payload));
    wire += EnvelopeCodec(CodecConfig::envelope()).encode(Message::text(QStringLiteral("next")));
    EnvelopeCodec codec(CodecConfig::envelope());
    ByteBuffer buffer;
    buffer.append(wire);
    MessageView view;
    Error error;
    QCOMPARE(codec.decodeFrame(buffer, &view, &error), DecodeResult::FrameError);
    QCOMPARE(error.code, ErrorCode::InvalidJson);
    QCOMPARE(error.rawFrame.size(), qsizetype(Error::rawFrameLimit));
    QCOMPARE(error.rawFrame, wire.first(Error::rawFrameLimit));
    QCOMPARE(codec.decodeFrame(buffer, &view, &error), DecodeResult::MessageReady);
    QCOMPARE(view.toMessage(), Message::text(QStringLiteral("next")));
}

void TestCodec::decodeResultIsDeclaredWithItsType()
{
    // Q_DECLARE_METATYPE comes with <netcore/codec.h>: a user can queue a DecodeResult or keep one in a QVariant.
    QVERIFY(QMetaTypeId2<DecodeResult>::Defined);
    DecodeResult result;
    result.status = DecodeResult::MessageReady;
    result.message = Message::text(QStringLiteral("hi"), QStringLiteral("c"));
    const QVariant kept = QVariant::fromValue(result);
    QCOMPARE(kept.metaType(), QMetaType::fromType<DecodeResult>());
    QCOMPARE(kept.value<DecodeResult>().message, result.message);
}

QTEST_GUILESS_MAIN(TestCodec)
#include "tst_codec.moc"
