#include <tests/unit/codecfeeder.h>

#include <netcore/rawcodec.h>

#include <QtTest/QTest>

using namespace netcore;

class TestRawCodec : public QObject
{
    Q_OBJECT

private slots:
    void emptyBufferNeedsMoreData();
    void chunkIsOneMessage();
    void everyBufferedByteIsOneMessage();
    void encodeAsIs();
};

void TestRawCodec::emptyBufferNeedsMoreData()
{
    RawCodec codec(CodecConfig::raw());
    ByteBuffer buffer;
    QCOMPARE(codec.decode(buffer).status, DecodeResult::NeedMoreData);
}

void TestRawCodec::chunkIsOneMessage()
{
    const QByteArray request("GET / HTTP/1.1\r\nHost: example\r\n\r\n\0\xff", 36);
    RawCodec codec(CodecConfig::raw());
    const codectest::Fed fed = codectest::feed(codec, {request, QByteArray("*1\r\n$4\r\nPING\r\n")});
    QVERIFY(!fed.misbehaved);
    QCOMPARE(fed.messages(), QList<Message>({Message::binary(request), Message::binary("*1\r\n$4\r\nPING\r\n")}));
    QCOMPARE(fed.leftover, 0);
}

void TestRawCodec::everyBufferedByteIsOneMessage()
{
    RawCodec codec(CodecConfig::raw());
    ByteBuffer buffer;
    buffer.append("first ");
    buffer.append("second");
    const DecodeResult result = codec.decode(buffer);
    QCOMPARE(result.status, DecodeResult::MessageReady);
    QCOMPARE(result.message, Message::binary("first second"));
    QVERIFY(buffer.isEmpty());
    QCOMPARE(codec.decode(buffer).status, DecodeResult::NeedMoreData);
}

void TestRawCodec::encodeAsIs()
{
    const RawCodec codec(CodecConfig::raw());
    QByteArray output("prefix");
    QVERIFY(codec.encode(Message::text(QStringLiteral("PING\r\n"), QStringLiteral("ignored"), 42), output));
    QCOMPARE(output, QByteArray("prefixPING\r\n"));
    QCOMPARE(codec.encode(Message::binary(QByteArray("\0\x01", 2))), QByteArray("\0\x01", 2));
    QCOMPARE(codec.encode(Message::binary({})), QByteArray());
}

QTEST_GUILESS_MAIN(TestRawCodec)
#include "tst_rawcodec.moc"
