#pragma once

#include <netcore/bytebuffer.h>
#include <netcore/codec.h>

#include <QtCore/QList>
#include <QtTest/QTest>

namespace netcore {

/** Readable QCOMPARE failures for messages. */
inline char *toString(const Message &message)
{
    return QTest::toString(QStringLiteral("%1 channel=\"%2\" id=%3 payload=[%4]")
                               .arg(messageTypeName(message.type()), message.channel())
                               .arg(message.id())
                               .arg(QString::fromLatin1(message.payload().toHex(' '))));
}

} // namespace netcore

namespace codectest {

/** What a codec made of a sequence of chunks, as a connection would feed it. */
struct Fed
{
    /** Every result but NeedMoreData, in order; a StreamError is last. */
    QList<netcore::DecodeResult> results;
    /** Readable bytes left in the buffer at the end. */
    qsizetype leftover = 0;
    /** A result broke the contract: a frame result consumed nothing, or NeedMoreData consumed bytes. */
    bool misbehaved = false;

    QList<netcore::Message> messages() const
    {
        QList<netcore::Message> all;
        for (const netcore::DecodeResult &result : results) {
            if (result.status == netcore::DecodeResult::MessageReady)
                all.append(result.message);
        }
        return all;
    }
};

/** Appends each chunk to one buffer and decodes until more data is needed; stops at a stream error. */
inline Fed feed(netcore::Codec &codec, const QList<QByteArray> &chunks)
{
    Fed fed;
    netcore::ByteBuffer buffer(16); // small, so the buffer's growth paths run too
    for (const QByteArray &chunk : chunks) {
        buffer.append(chunk);
        for (;;) {
            const qsizetype before = buffer.readableBytes();
            netcore::DecodeResult result = codec.decode(buffer);
            const bool consumed = buffer.readableBytes() < before;
            if (result.status == netcore::DecodeResult::NeedMoreData) {
                fed.misbehaved |= consumed;
                break;
            }
            fed.results.append(result);
            if (result.status == netcore::DecodeResult::StreamError) {
                fed.leftover = buffer.readableBytes();
                return fed;
            }
            if (!consumed) {
                fed.misbehaved = true;
                return fed;
            }
        }
    }
    fed.leftover = buffer.readableBytes();
    return fed;
}

inline Fed feed(netcore::Codec &codec, const QByteArray &chunk)
{
    return feed(codec, QList<QByteArray>{chunk});
}

/** @p bytes as one-byte chunks. */
inline QList<QByteArray> bytewise(const QByteArray &bytes)
{
    QList<QByteArray> chunks;
    for (char byte : bytes)
        chunks.append(QByteArray(1, byte));
    return chunks;
}

/** Hex with optional spaces, as docs/protocol.md writes it. */
inline QByteArray hex(const char *spaced)
{
    return QByteArray::fromHex(QByteArray(spaced));
}

} // namespace codectest
