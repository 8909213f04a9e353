// ReplyFramer (wirebench-cli bench) counts echoed frames and checks each against the frame sent.
#include <engine/replyframer.h>

#include <netcore/codec.h>

#include <QtTest/QTest>

using netcore::CodecConfig;
using wirebench::ReplyFramer;

class TestReplyFramer : public QObject
{
    Q_OBJECT

private slots:
    void countsWholeFramesWhateverTheSplit_data();
    void countsWholeFramesWhateverTheSplit();
    void badEnvelopeLengthEndsTheStream_data();
    void badEnvelopeLengthEndsTheStream();
    void decoderErrorEndsTheStream();
    void checksEveryReplyAgainstTheSentFrame_data();
    void checksEveryReplyAgainstTheSentFrame();
};

namespace {

QByteArray frameOf(const CodecConfig &codec, const QByteArray &payload)
{
    return netcore::Codec::create(codec)->encode(netcore::Message(netcore::MessageType::Binary, payload));
}

QByteArray framesOf(const CodecConfig &codec, int count, qsizetype payloadSize)
{
    return frameOf(codec, QByteArray(payloadSize, 'x')).repeated(count);
}

/** Feeds @p bytes in chunks of @p chunk; the frames counted, or -1 on an error. */
qint64 feedInChunks(ReplyFramer &framer, const QByteArray &bytes, qsizetype chunk)
{
    qint64 frames = 0;
    for (qsizetype at = 0; at < bytes.size(); at += chunk) {
        const qint64 counted = framer.feed(bytes.constData() + at, qMin(chunk, bytes.size() - at));
        if (counted < 0)
            return -1;
        frames += counted;
    }
    return frames;
}

} // namespace

void TestReplyFramer::countsWholeFramesWhateverTheSplit_data()
{
    QTest::addColumn<CodecConfig>("codec");
    QTest::addColumn<qsizetype>("payloadSize");

    QTest::newRow("envelope, empty payload") << CodecConfig::envelope() << qsizetype(0);
    QTest::newRow("envelope, 64 B") << CodecConfig::envelope() << qsizetype(64);
    QTest::newRow("envelope, 70000 B") << CodecConfig::envelope() << qsizetype(70000);
    QTest::newRow("length, 2-byte field") << CodecConfig::length(2) << qsizetype(64);
    QTest::newRow("line") << CodecConfig::line() << qsizetype(64);
    QTest::newRow("raw (counted in sent frames)") << CodecConfig::raw() << qsizetype(64);
}

void TestReplyFramer::countsWholeFramesWhateverTheSplit()
{
    QFETCH(CodecConfig, codec);
    QFETCH(qsizetype, payloadSize);
    const QByteArray stream = framesOf(codec, 5, payloadSize);
    const qsizetype frameSize = stream.size() / 5;
    for (const qsizetype chunk : {qsizetype(1), qsizetype(3), frameSize - 1, frameSize, frameSize + 1, stream.size()}) {
        ReplyFramer framer(codec, stream.left(frameSize));
        QCOMPARE(feedInChunks(framer, stream, qMax<qsizetype>(chunk, 1)), 5);
        QVERIFY(framer.errorString().isEmpty());
        QCOMPARE(framer.differingFrames(), 0u);
        QCOMPARE(framer.wrongLengthFrames(), 0u);
    }
    // A frame cut short is not counted until its last byte arrives.
    ReplyFramer framer(codec, stream.left(frameSize));
    QCOMPARE(framer.feed(stream.constData(), frameSize * 2 - 1), 1);
    QCOMPARE(framer.feed(stream.constData() + frameSize * 2 - 1, 1), 1);
}

void TestReplyFramer::badEnvelopeLengthEndsTheStream_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("why");

    QTest::newRow("N below the header") << QByteArray::fromHex("00000007") << QStringLiteral("7 bytes");
    QTest::newRow("N above the maximum") << QByteArray::fromHex("01000001") << QStringLiteral("16777217 bytes");
    QTest::newRow("after a good frame") << QByteArray::fromHex("0000000800010000000000000000000000")
                                        << QStringLiteral("0 bytes");
}

void TestReplyFramer::badEnvelopeLengthEndsTheStream()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, why);
    ReplyFramer framer(CodecConfig::envelope(), QByteArray(12, '\0'));
    QCOMPARE(framer.feed(bytes.constData(), bytes.size()), -1);
    QVERIFY2(framer.errorString().contains(why), qPrintable(framer.errorString()));
    QCOMPARE(framer.feed("\0\0\0\x08", 4), -1);  // it stays failed
}

void TestReplyFramer::decoderErrorEndsTheStream()
{
    CodecConfig codec = CodecConfig::line();
    codec.maxLineLength = 4;
    ReplyFramer framer(codec, QByteArrayLiteral("abcd\n"));
    QCOMPARE(framer.feed("toolong\n", 8), -1);
    QVERIFY(framer.errorString().startsWith(QStringLiteral("the reply cannot be framed")));
}

void TestReplyFramer::checksEveryReplyAgainstTheSentFrame_data()
{
    QTest::addColumn<CodecConfig>("codec");
    QTest::addColumn<bool>("framed"); // raw has no boundaries: a reply of another length cannot be told

    QTest::newRow("envelope") << CodecConfig::envelope() << true;
    QTest::newRow("length") << CodecConfig::length(2) << true;
    QTest::newRow("line") << CodecConfig::line() << true;
    QTest::newRow("raw") << CodecConfig::raw() << false;
}

void TestReplyFramer::checksEveryReplyAgainstTheSentFrame()
{
    QFETCH(CodecConfig, codec);
    QFETCH(bool, framed);
    const QByteArray good = frameOf(codec, QByteArray(64, 'x'));
    QByteArray corrupted = QByteArray(64, 'x');
    corrupted[40] = 'y';
    QByteArray stream = good + frameOf(codec, corrupted) + good;
    if (framed)
        stream += frameOf(codec, QByteArray(63, 'x')) + good;
    for (const qsizetype chunk : {qsizetype(1), qsizetype(7), stream.size()}) {
        ReplyFramer framer(codec, good);
        QCOMPARE(feedInChunks(framer, stream, chunk), framed ? 5 : 3);
        QCOMPARE(framer.differingFrames(), 1u);
        QCOMPARE(framer.wrongLengthFrames(), framed ? 1u : 0u);
    }
}

QTEST_APPLESS_MAIN(TestReplyFramer)
#include "tst_replyframer.moc"
