#include <tests/unit/codecfeeder.h>

#include <netcore/envelopecodec.h>

#include <QtCore/QtEndian>
#include <QtTest/QTest>

using namespace netcore;
using codectest::hex;

namespace {

struct Vector
{
    const char *name;
    QByteArray wire;
    Message message;
};

/** docs/protocol.md section 3.5, every row (tst_protocoldoc reads them from the document). */
QList<Vector> protocolVectors()
{
    return {
        {"text hi", hex("00 00 00 0a 01 01 00 00 00 00 00 00 68 69"),
         Message(MessageType::Text, "hi")},
        {"json chat 7", hex("00 00 00 13 02 01 00 04 00 00 00 07 63 68 61 74 7b 22 61 22 3a 31 7d"),
         Message(MessageType::Json, R"({"a":1})", QStringLiteral("chat"), 7)},
        {"binary image", hex("00 00 00 0f 00 01 00 05 01 02 03 04 69 6d 61 67 65 00 ff"),
         Message(MessageType::Binary, hex("00 ff"), QStringLiteral("image"), 0x01020304)},
        {"cbor state 1", hex("00 00 00 11 03 01 00 05 00 00 00 01 73 74 61 74 65 a1 61 6b 01"),
         Message(MessageType::Cbor, hex("a1 61 6b 01"), QStringLiteral("state"), 1)},
        {"text utf-8 65535", hex("00 00 00 13 01 01 00 05 00 00 ff ff c3 bc 6e c3 af 68 c3 a9 6c 6c 6f"),
         Message(MessageType::Text, "h\xc3\xa9llo", QString::fromUtf8("\xc3\xbcn\xc3\xaf"), 65535)},
    };
}

/** A frame assembled by hand, independently of the codec, to say exactly what is wrong with it. */
QByteArray envelopeFrame(quint8 type, const QByteArray &channel, const QByteArray &payload,
                         quint32 id = 0, quint8 version = 1)
{
    QByteArray frame(12, '\0');
    qToBigEndian<quint32>(quint32(8 + channel.size() + payload.size()), frame.data());
    frame[4] = char(type);
    frame[5] = char(version);
    qToBigEndian<quint16>(quint16(channel.size()), frame.data() + 6);
    qToBigEndian<quint32>(id, frame.data() + 8);
    return frame + channel + payload;
}

CodecConfig envelopeWithMax(qint64 maxFrameSize)
{
    CodecConfig config = CodecConfig::envelope();
    config.maxFrameSize = maxFrameSize;
    return config;
}

} // namespace

class TestEnvelopeCodec : public QObject
{
    Q_OBJECT

private slots:
    void decodeVector_data();
    void decodeVector();
    void decodeAllVectorsInOneChunk();
    void encodeVector_data();
    void encodeVector();
    void decodeFrameOfExactlyMaxSize();
    void streamError_data();
    void streamError();
    void streamErrorAfterGoodFrame();
    void frameError_data();
    void frameError();
    void rawFrameIsTruncated();
    void encodeLimits_data();
    void encodeLimits();
    void encodeSendsPayloadUnchecked();
};

void TestEnvelopeCodec::decodeVector_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<Message>("expected");
    for (const Vector &vector : protocolVectors())
        QTest::newRow(vector.name) << vector.wire << vector.message;
}

void TestEnvelopeCodec::decodeVector()
{
    QFETCH(QByteArray, wire);
    QFETCH(Message, expected);

    for (const QList<QByteArray> &chunks : {QList<QByteArray>{wire}, codectest::bytewise(wire)}) {
        EnvelopeCodec codec(CodecConfig::envelope());
        const codectest::Fed fed = codectest::feed(codec, chunks);
        QVERIFY(!fed.misbehaved);
        QCOMPARE(fed.results.size(), 1);
        QCOMPARE(fed.results.at(0).status, DecodeResult::MessageReady);
        QCOMPARE(fed.results.at(0).message, expected);
        QCOMPARE(fed.leftover, 0);
    }
}

void TestEnvelopeCodec::decodeAllVectorsInOneChunk()
{
    QByteArray chunk;
    QList<Message> expected;
    for (const Vector &vector : protocolVectors()) {
        chunk += vector.wire;
        expected.append(vector.message);
    }
    EnvelopeCodec codec(CodecConfig::envelope());
    const codectest::Fed fed = codectest::feed(codec, chunk);
    QVERIFY(!fed.misbehaved);
    QCOMPARE(fed.messages(), expected);
    QCOMPARE(fed.results.size(), expected.size());
    QCOMPARE(fed.leftover, 0);
}

void TestEnvelopeCodec::encodeVector_data() { decodeVector_data(); }

void TestEnvelopeCodec::encodeVector()
{
    QFETCH(QByteArray, wire);
    QFETCH(Message, expected);

    const EnvelopeCodec codec(CodecConfig::envelope());
    QCOMPARE(codec.encode(expected), wire);

    QByteArray output("prefix");
    Error error;
    QVERIFY(codec.encode(expected, output, &error));
    QCOMPARE(output, QByteArray("prefix") + wire);
    QCOMPARE(error.code, ErrorCode::NoError);
}

void TestEnvelopeCodec::decodeFrameOfExactlyMaxSize()
{
    const QByteArray frame = envelopeFrame(0, "ch", QByteArray(22, 'x'));
    QCOMPARE(frame.size(), 4 + 32);
    EnvelopeCodec codec(envelopeWithMax(32));
    const codectest::Fed fed = codectest::feed(codec, frame);
    QCOMPARE(fed.results.size(), 1);
    QCOMPARE(fed.results.at(0).message, Message(MessageType::Binary, QByteArray(22, 'x'), QStringLiteral("ch")));
}

void TestEnvelopeCodec::streamError_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<qint64>("maxFrameSize");
    QTest::addColumn<int>("detectedAt"); // bytes it takes to see the error
    QTest::addColumn<ErrorCode>("code");

    const qint64 defaultMax = CodecConfig::defaultMaxFrameSize;
    QTest::newRow("N 7") << hex("00 00 00 07 01 01 00 00 00 00 00 00") << defaultMax << 4 << ErrorCode::FrameTooShort;
    QTest::newRow("N 0") << hex("00 00 00 00 01 01 00 00") << defaultMax << 4 << ErrorCode::FrameTooShort;
    QTest::newRow("N above configured max")
        << hex("00 00 00 21 00 01 00 00 00 00 00 00") << qint64(32) << 4 << ErrorCode::FrameTooLarge;
    QTest::newRow("N one above default max") << hex("01 00 00 01") << defaultMax << 4 << ErrorCode::FrameTooLarge;
    QTest::newRow("N 4 GiB - 1") << hex("ff ff ff ff") << defaultMax << 4 << ErrorCode::FrameTooLarge;
    QTest::newRow("C beyond N - 8")
        << hex("00 00 00 0a 01 01 00 03 00 00 00 00 68 69") << defaultMax << 12 << ErrorCode::ChannelTooLong;
    QTest::newRow("C 65535 in an empty frame")
        << hex("00 00 00 08 00 01 ff ff 00 00 00 00") << defaultMax << 12 << ErrorCode::ChannelTooLong;
    QTest::newRow("version 2")
        << hex("00 00 00 0a 01 02 00 00 00 00 00 00 68 69") << defaultMax << 12 << ErrorCode::UnsupportedVersion;
    QTest::newRow("version 0")
        << hex("00 00 00 0a 01 00 00 00 00 00 00 00 68 69") << defaultMax << 12 << ErrorCode::UnsupportedVersion;
    // A large N with a bad header: reported from the header, not after N bytes.
    QTest::newRow("version 2 in a 1 MiB frame")
        << hex("00 10 00 00 01 02 00 00 00 00 00 00") << defaultMax << 12 << ErrorCode::UnsupportedVersion;
}

void TestEnvelopeCodec::streamError()
{
    QFETCH(QByteArray, wire);
    QFETCH(qint64, maxFrameSize);
    QFETCH(int, detectedAt);
    QFETCH(ErrorCode, code);

    {
        EnvelopeCodec codec(envelopeWithMax(maxFrameSize));
        const codectest::Fed fed = codectest::feed(codec, wire);
        QCOMPARE(fed.results.size(), 1);
        QCOMPARE(fed.results.at(0).status, DecodeResult::StreamError);
        QCOMPARE(fed.results.at(0).error.code, code);
        QVERIFY(fed.results.at(0).error.isStreamError());
        QVERIFY(!fed.results.at(0).error.message.isEmpty());
    }

    // Byte by byte: nothing until the byte that reveals the error, then the error at once.
    EnvelopeCodec codec(envelopeWithMax(maxFrameSize));
    ByteBuffer buffer;
    for (int i = 0; i < detectedAt - 1; ++i) {
        buffer.append(wire.mid(i, 1));
        QCOMPARE(codec.decode(buffer).status, DecodeResult::NeedMoreData);
    }
    buffer.append(wire.mid(detectedAt - 1, 1));
    const DecodeResult result = codec.decode(buffer);
    QCOMPARE(result.status, DecodeResult::StreamError);
    QCOMPARE(result.error.code, code);
}

void TestEnvelopeCodec::streamErrorAfterGoodFrame()
{
    const Vector good = protocolVectors().at(0);
    EnvelopeCodec codec(CodecConfig::envelope());
    const codectest::Fed fed = codectest::feed(codec, good.wire + hex("ff ff ff ff"));
    QCOMPARE(fed.results.size(), 2);
    QCOMPARE(fed.results.at(0).message, good.message);
    QCOMPARE(fed.results.at(1).status, DecodeResult::StreamError);
    QCOMPARE(fed.results.at(1).error.code, ErrorCode::FrameTooLarge);
}

void TestEnvelopeCodec::frameError_data()
{
    QTest::addColumn<QByteArray>("badFrame");
    QTest::addColumn<ErrorCode>("code");

    QTest::newRow("unknown type 9") << envelopeFrame(9, "", "hi") << ErrorCode::UnknownMessageType;
    QTest::newRow("unknown type 255") << envelopeFrame(255, "ch", "hi") << ErrorCode::UnknownMessageType;
    QTest::newRow("channel not UTF-8") << envelopeFrame(1, "\xff", "hi") << ErrorCode::InvalidChannelName;
    QTest::newRow("channel cut UTF-8") << envelopeFrame(0, "\xc3", "hi") << ErrorCode::InvalidChannelName;
    QTest::newRow("text not UTF-8") << envelopeFrame(1, "", "\xc3\x28") << ErrorCode::InvalidText;
    QTest::newRow("text cut sequence") << envelopeFrame(1, "chat", "ok\xe2\x82") << ErrorCode::InvalidText;
    QTest::newRow("text surrogate") << envelopeFrame(1, "", "\xed\xa0\x80") << ErrorCode::InvalidText;
    QTest::newRow("json not parseable") << envelopeFrame(2, "", R"({"a":)") << ErrorCode::InvalidJson;
    QTest::newRow("json top-level number") << envelopeFrame(2, "", "42") << ErrorCode::InvalidJson;
    QTest::newRow("json top-level string") << envelopeFrame(2, "", R"("s")") << ErrorCode::InvalidJson;
    QTest::newRow("json empty") << envelopeFrame(2, "", "") << ErrorCode::InvalidJson;
    QTest::newRow("cbor truncated") << envelopeFrame(3, "", hex("a1 61 6b")) << ErrorCode::InvalidCbor;
    QTest::newRow("cbor trailing bytes") << envelopeFrame(3, "", hex("a1 61 6b 01 00")) << ErrorCode::InvalidCbor;
    QTest::newRow("cbor empty") << envelopeFrame(3, "", "") << ErrorCode::InvalidCbor;
}

void TestEnvelopeCodec::frameError()
{
    QFETCH(QByteArray, badFrame);
    QFETCH(ErrorCode, code);

    const Vector good = protocolVectors().at(1);
    const QByteArray wire = badFrame + good.wire;
    for (const QList<QByteArray> &chunks : {QList<QByteArray>{wire}, codectest::bytewise(wire)}) {
        EnvelopeCodec codec(CodecConfig::envelope());
        const codectest::Fed fed = codectest::feed(codec, chunks);
        QVERIFY(!fed.misbehaved);
        QCOMPARE(fed.results.size(), 2);
        QCOMPARE(fed.results.at(0).status, DecodeResult::FrameError);
        QCOMPARE(fed.results.at(0).error.code, code);
        QVERIFY(!fed.results.at(0).error.isStreamError());
        QCOMPARE(fed.results.at(0).error.rawFrame, badFrame);
        QCOMPARE(fed.results.at(1).status, DecodeResult::MessageReady);
        QCOMPARE(fed.results.at(1).message, good.message);
        QCOMPARE(fed.leftover, 0);
    }
}

void TestEnvelopeCodec::rawFrameIsTruncated()
{
    const QByteArray badFrame = envelopeFrame(1, "", QByteArray(10000, '\xff'));
    EnvelopeCodec codec(CodecConfig::envelope());
    const codectest::Fed fed = codectest::feed(codec, badFrame + protocolVectors().at(0).wire);
    QCOMPARE(fed.results.size(), 2);
    QCOMPARE(fed.results.at(0).error.code, ErrorCode::InvalidText);
    QCOMPARE(fed.results.at(0).error.rawFrame.size(), Error::rawFrameLimit);
    QCOMPARE(fed.results.at(0).error.rawFrame, badFrame.left(Error::rawFrameLimit));
    QCOMPARE(fed.results.at(1).message, protocolVectors().at(0).message);
}

void TestEnvelopeCodec::encodeLimits_data()
{
    QTest::addColumn<Message>("message");
    QTest::addColumn<qint64>("maxFrameSize");
    QTest::addColumn<bool>("fits");

    const qint64 defaultMax = CodecConfig::defaultMaxFrameSize;
    const auto channel = [](int bytes) { return QString(bytes, QLatin1Char('c')); };
    QTest::newRow("channel 65535 bytes") << Message::binary("x", channel(65535)) << defaultMax << true;
    QTest::newRow("channel 65536 bytes") << Message::binary("x", channel(65536)) << defaultMax << false;
    QTest::newRow("channel 65536 UTF-8 bytes")
        << Message::binary("x", QString(32768, QChar(0xe9))) << defaultMax << false;
    QTest::newRow("N exactly max") << Message::binary(QByteArray(22, 'x'), QStringLiteral("ch")) << qint64(32) << true;
    QTest::newRow("N one above max") << Message::binary(QByteArray(23, 'x'), QStringLiteral("ch")) << qint64(32) << false;
}

void TestEnvelopeCodec::encodeLimits()
{
    QFETCH(Message, message);
    QFETCH(qint64, maxFrameSize);
    QFETCH(bool, fits);

    EnvelopeCodec codec(envelopeWithMax(maxFrameSize));
    QByteArray output("prefix");
    Error error;
    QCOMPARE(codec.encode(message, output, &error), fits);
    if (!fits) {
        QCOMPARE(error.code, ErrorCode::MessageTooLarge);
        QVERIFY(!error.message.isEmpty());
        QCOMPARE(output, QByteArray("prefix"));
        QVERIFY(codec.encode(message).isEmpty());
        return;
    }
    const codectest::Fed fed = codectest::feed(codec, output.mid(6));
    QCOMPARE(fed.messages(), QList<Message>{message});
}

void TestEnvelopeCodec::encodeSendsPayloadUnchecked()
{
    // A test bench must be able to send a bad frame on purpose; the receiver reports it.
    const Message bad(MessageType::Json, "not json");
    EnvelopeCodec codec(CodecConfig::envelope());
    const QByteArray wire = codec.encode(bad);
    QCOMPARE(wire, envelopeFrame(2, "", "not json"));
    const codectest::Fed fed = codectest::feed(codec, wire);
    QCOMPARE(fed.results.size(), 1);
    QCOMPARE(fed.results.at(0).error.code, ErrorCode::InvalidJson);
}

QTEST_GUILESS_MAIN(TestEnvelopeCodec)
#include "tst_envelopecodec.moc"
