#include <tests/unit/codecfeeder.h>

#include <netcore/linecodec.h>

#include <QtTest/QTest>

using namespace netcore;

namespace {

CodecConfig lineConfig(const QByteArray &delimiter, int maxLineLength = CodecConfig::defaultMaxLineLength,
                       MessageType type = MessageType::Text)
{
    CodecConfig config = CodecConfig::line(delimiter);
    config.maxLineLength = maxLineLength;
    config.payloadType = type;
    return config;
}

QList<Message> textMessages(const QByteArrayList &lines)
{
    QList<Message> messages;
    for (const QByteArray &line : lines)
        messages.append(Message(MessageType::Text, line));
    return messages;
}

/** The byte count at which a stream error first appears when @p wire arrives byte by byte; 0 if none. */
int streamErrorAt(Codec &codec, const QByteArray &wire, ErrorCode *code)
{
    ByteBuffer buffer;
    for (int i = 0; i < wire.size(); ++i) {
        buffer.append(wire.mid(i, 1));
        for (DecodeResult result = codec.decode(buffer); result.status != DecodeResult::NeedMoreData;
             result = codec.decode(buffer)) {
            if (result.status == DecodeResult::StreamError) {
                *code = result.error.code;
                return i + 1;
            }
        }
    }
    return 0;
}

} // namespace

class TestLineCodec : public QObject
{
    Q_OBJECT

private slots:
    void delimiters_data();
    void delimiters();
    void incompleteLineWaits();
    void manyLinesPerChunk();
    void lineTooLong_data();
    void lineTooLong();
    void typedPayload_data();
    void typedPayload();
    void encode_data();
    void encode();
    void encodeTooLong();
    void invalidConfiguration();
};

void TestLineCodec::delimiters_data()
{
    QTest::addColumn<QByteArray>("delimiter");
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArrayList>("lines");

    QTest::newRow("\\n with empty line") << QByteArray("\n") << QByteArray("one\ntwo\n\nthree\n")
                                         << QByteArrayList{"one", "two", "", "three"};
    QTest::newRow("\\r\\n") << QByteArray("\r\n") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                            << QByteArrayList{"GET / HTTP/1.1", "Host: x", ""};
    QTest::newRow("\\r\\n with lone \\r") << QByteArray("\r\n") << QByteArray("a\rb\r\n\r\r\n")
                                          << QByteArrayList{"a\rb", "\r"};
    QTest::newRow("\\0") << QByteArray(1, '\0') << QByteArray("a\0bb\0\0", 6) << QByteArrayList{"a", "bb", ""};
    QTest::newRow("<END> with a near miss") << QByteArray("<END>") << QByteArray("x<EN<END>y<END>")
                                            << QByteArrayList{"x<EN", "y"};
    QTest::newRow("self-overlapping ab") << QByteArray("ab") << QByteArray("aab" "aaab" "ab")
                                         << QByteArrayList{"a", "aa", ""};
}

void TestLineCodec::delimiters()
{
    QFETCH(QByteArray, delimiter);
    QFETCH(QByteArray, wire);
    QFETCH(QByteArrayList, lines);

    // Whole, byte by byte, and cut in two at every position (so every delimiter is split once).
    QList<QList<QByteArray>> feeds = {{wire}, codectest::bytewise(wire)};
    for (int cut = 1; cut < wire.size(); ++cut)
        feeds.append({wire.left(cut), wire.mid(cut)});
    for (const QList<QByteArray> &chunks : feeds) {
        LineCodec codec(lineConfig(delimiter));
        const codectest::Fed fed = codectest::feed(codec, chunks);
        QVERIFY(!fed.misbehaved);
        QCOMPARE(fed.messages(), textMessages(lines));
        QCOMPARE(fed.results.size(), lines.size());
        QCOMPARE(fed.leftover, 0);
    }
}

void TestLineCodec::incompleteLineWaits()
{
    LineCodec codec(lineConfig("\r\n"));
    const codectest::Fed fed = codectest::feed(codec, {"done\r\npart", "ial\r"});
    QCOMPARE(fed.messages(), textMessages({"done"}));
    QCOMPARE(fed.leftover, qsizetype(8));
}

void TestLineCodec::manyLinesPerChunk()
{
    QByteArray wire;
    QByteArrayList lines;
    for (int i = 0; i < 1000; ++i) {
        lines.append("line " + QByteArray::number(i));
        wire += lines.last() + '\n';
    }
    LineCodec codec(lineConfig("\n"));
    const codectest::Fed fed = codectest::feed(codec, wire);
    QCOMPARE(fed.messages(), textMessages(lines));
    QCOMPARE(fed.leftover, 0);
}

void TestLineCodec::lineTooLong_data()
{
    QTest::addColumn<QByteArray>("delimiter");
    QTest::addColumn<int>("maxLineLength");
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("detectedAt"); // 0: no error

    QTest::newRow("exactly max") << QByteArray("\n") << 8 << QByteArray("12345678\n") << 0;
    QTest::newRow("max + 1, no delimiter yet") << QByteArray("\n") << 8 << QByteArray("123456789") << 9;
    QTest::newRow("max + 1 with delimiter") << QByteArray("\n") << 8 << QByteArray("123456789\n") << 9;
    QTest::newRow("after a good line") << QByteArray("\n") << 8 << QByteArray("ok\n123456789") << 12;
    QTest::newRow("\\r\\n exactly max") << QByteArray("\r\n") << 4 << QByteArray("abcd\r\n") << 0;
    QTest::newRow("\\r\\n max, then not the delimiter") << QByteArray("\r\n") << 4 << QByteArray("abcd\rx") << 6;
    QTest::newRow("\\r\\n max + 1") << QByteArray("\r\n") << 4 << QByteArray("abcde") << 5;
    QTest::newRow("<END> exactly max") << QByteArray("<END>") << 3 << QByteArray("abc<END>") << 0;
    QTest::newRow("<END> near miss") << QByteArray("<END>") << 3 << QByteArray("abc<ENX") << 7;
}

void TestLineCodec::lineTooLong()
{
    QFETCH(QByteArray, delimiter);
    QFETCH(int, maxLineLength);
    QFETCH(QByteArray, wire);
    QFETCH(int, detectedAt);

    {
        LineCodec codec(lineConfig(delimiter, maxLineLength));
        ErrorCode code = ErrorCode::NoError;
        QCOMPARE(streamErrorAt(codec, wire, &code), detectedAt);
        if (detectedAt)
            QCOMPARE(code, ErrorCode::LineTooLong);
    }

    LineCodec codec(lineConfig(delimiter, maxLineLength));
    const codectest::Fed fed = codectest::feed(codec, wire);
    QVERIFY(!fed.misbehaved);
    QVERIFY(!fed.results.isEmpty());
    const DecodeResult &last = fed.results.last();
    if (detectedAt) {
        QCOMPARE(last.status, DecodeResult::StreamError);
        QCOMPARE(last.error.code, ErrorCode::LineTooLong);
        QVERIFY(last.error.isStreamError());
    } else {
        QCOMPARE(last.status, DecodeResult::MessageReady);
        QCOMPARE(last.message.payload().size(), maxLineLength);
    }
}

void TestLineCodec::typedPayload_data()
{
    QTest::addColumn<MessageType>("type");
    QTest::addColumn<QByteArray>("badLine");
    QTest::addColumn<ErrorCode>("code");

    QTest::newRow("text") << MessageType::Text << QByteArray("caf\xc3") << ErrorCode::InvalidText;
    QTest::newRow("json not parseable") << MessageType::Json << QByteArray("not json") << ErrorCode::InvalidJson;
    QTest::newRow("json top-level string") << MessageType::Json << QByteArray(R"("s")") << ErrorCode::InvalidJson;
    QTest::newRow("json empty line") << MessageType::Json << QByteArray() << ErrorCode::InvalidJson;
    QTest::newRow("binary takes anything") << MessageType::Binary << QByteArray("\xff\xfe") << ErrorCode::NoError;
}

void TestLineCodec::typedPayload()
{
    QFETCH(MessageType, type);
    QFETCH(QByteArray, badLine);
    QFETCH(ErrorCode, code);

    const QByteArray good = R"({"ok":true})";
    LineCodec codec(lineConfig("\n", 100, type));
    const codectest::Fed fed = codectest::feed(codec, good + '\n' + badLine + '\n' + good + '\n');
    QVERIFY(!fed.misbehaved);
    QCOMPARE(fed.results.size(), 3);
    QCOMPARE(fed.results.at(0).message, Message(type, good));
    if (code == ErrorCode::NoError) {
        QCOMPARE(fed.results.at(1).message, Message(type, badLine));
    } else {
        QCOMPARE(fed.results.at(1).status, DecodeResult::FrameError);
        QCOMPARE(fed.results.at(1).error.code, code);
        QCOMPARE(fed.results.at(1).error.rawFrame, badLine + '\n');
    }
    QCOMPARE(fed.results.at(2).message, Message(type, good));
}

void TestLineCodec::encode_data()
{
    QTest::addColumn<QByteArray>("delimiter");
    QTest::addColumn<Message>("message");
    QTest::addColumn<QByteArray>("wire");

    QTest::newRow("\\n") << QByteArray("\n") << Message::text(QStringLiteral("hi")) << QByteArray("hi\n");
    QTest::newRow("\\r\\n") << QByteArray("\r\n") << Message::binary("PING") << QByteArray("PING\r\n");
    QTest::newRow("\\0, channel and id not sent")
        << QByteArray(1, '\0') << Message::text(QStringLiteral("x"), QStringLiteral("ch"), 9) << QByteArray("x\0", 2);
    QTest::newRow("empty line") << QByteArray("\n") << Message::binary({}) << QByteArray("\n");
    // Sent as is by choice: the peer sees two lines.
    QTest::newRow("payload holds the delimiter") << QByteArray("\n") << Message::binary("a\nb") << QByteArray("a\nb\n");
}

void TestLineCodec::encode()
{
    QFETCH(QByteArray, delimiter);
    QFETCH(Message, message);
    QFETCH(QByteArray, wire);

    const LineCodec codec(lineConfig(delimiter, 100, MessageType::Binary));
    QByteArray output("prefix");
    QVERIFY(codec.encode(message, output));
    QCOMPARE(output, QByteArray("prefix") + wire);
}

void TestLineCodec::encodeTooLong()
{
    const LineCodec codec(lineConfig("\r\n", 4));
    QCOMPARE(codec.encode(Message::binary("abcd")), QByteArray("abcd\r\n"));

    QByteArray output("prefix");
    Error error;
    QVERIFY(!codec.encode(Message::binary("abcde"), output, &error));
    QCOMPARE(error.code, ErrorCode::MessageTooLarge);
    QCOMPARE(output, QByteArray("prefix"));
    QVERIFY(codec.encode(Message::binary("abcde")).isEmpty());
}

void TestLineCodec::invalidConfiguration()
{
    LineCodec codec(lineConfig(QByteArray()));
    const codectest::Fed fed = codectest::feed(codec, QByteArray("a\n"));
    QCOMPARE(fed.results.size(), 1);
    QCOMPARE(fed.results.at(0).status, DecodeResult::StreamError);
    QCOMPARE(fed.results.at(0).error.code, ErrorCode::InvalidConfiguration);

    Error error;
    QByteArray output;
    QVERIFY(!codec.encode(Message::binary("a"), output, &error));
    QCOMPARE(error.code, ErrorCode::InvalidConfiguration);
    QVERIFY(output.isEmpty());
}

QTEST_GUILESS_MAIN(TestLineCodec)
#include "tst_linecodec.moc"
