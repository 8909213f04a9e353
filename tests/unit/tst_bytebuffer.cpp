#include <netcore/bytebuffer.h>

#include <QtTest/QTest>

#include <cstring>

using namespace netcore;

class TestByteBuffer : public QObject
{
    Q_OBJECT

private slots:
    void startsEmpty();
    void appendThenRead();
    void consumeIsClamped();
    void take();
    void beginWriteCommitWrite();
    void reusesConsumedSpace();
    void growsAndKeepsContent();
    void clear();
    void shrinkAfterBurst();
    void shrinkKeepsUnreadBytes();
};

void TestByteBuffer::startsEmpty()
{
    const ByteBuffer buffer(8);
    QVERIFY(buffer.isEmpty());
    QCOMPARE(buffer.readableBytes(), 0);
    QCOMPARE(buffer.capacity(), 8);
    QVERIFY(buffer.readable().isEmpty());
}

void TestByteBuffer::appendThenRead()
{
    ByteBuffer buffer(4);
    buffer.append("hello");
    buffer.append({});
    buffer.append(QByteArray("wo\0ld", 5));
    QCOMPARE(buffer.readableBytes(), 10);
    QCOMPARE(buffer.readable(), QByteArrayView("hellowo\0ld", 10));
    QCOMPARE(QByteArray(buffer.peek(), 5), QByteArray("hello"));
}

void TestByteBuffer::consumeIsClamped()
{
    ByteBuffer buffer;
    buffer.append("abcdef");
    buffer.consume(2);
    QCOMPARE(buffer.readable(), QByteArrayView("cdef"));
    buffer.consume(-5);
    QCOMPARE(buffer.readable(), QByteArrayView("cdef"));
    buffer.consume(100);
    QVERIFY(buffer.isEmpty());
}

void TestByteBuffer::take()
{
    ByteBuffer buffer;
    buffer.append("helloworld");
    QCOMPARE(buffer.take(5), QByteArray("hello"));
    QCOMPARE(buffer.take(-1), QByteArray());
    QCOMPARE(buffer.take(100), QByteArray("world"));
    QVERIFY(buffer.isEmpty());
}

void TestByteBuffer::beginWriteCommitWrite()
{
    ByteBuffer buffer(4);
    buffer.append("ab");
    char *out = buffer.beginWrite(10);
    std::memcpy(out, "cdefg", 5);
    buffer.commitWrite(3); // only part of what was reserved was read from the socket
    QCOMPARE(buffer.readable(), QByteArrayView("abcde"));
    QVERIFY(buffer.capacity() >= 12);
}

void TestByteBuffer::reusesConsumedSpace()
{
    ByteBuffer buffer(16);
    buffer.append("0123456789ab");
    buffer.consume(10);
    buffer.append("cdefghijkl"); // fits once the consumed front is reclaimed
    QCOMPARE(buffer.capacity(), 16);
    QCOMPARE(buffer.readable(), QByteArrayView("abcdefghijkl"));
}

void TestByteBuffer::growsAndKeepsContent()
{
    ByteBuffer buffer(8);
    buffer.append("xxheader");
    buffer.consume(2);
    const QByteArray body(1000, 'b');
    buffer.append(body);
    QVERIFY(buffer.capacity() >= 1006);
    QCOMPARE(buffer.readable(), QByteArrayView(QByteArray("header") + body));
}

void TestByteBuffer::clear()
{
    ByteBuffer buffer(8);
    buffer.append("abc");
    buffer.clear();
    QVERIFY(buffer.isEmpty());
    buffer.append("d");
    QCOMPARE(buffer.readable(), QByteArrayView("d"));
}

void TestByteBuffer::shrinkAfterBurst()
{
    ByteBuffer buffer(16);
    buffer.append(QByteArray(100000, 'x'));
    QVERIFY(buffer.capacity() >= 100000);
    buffer.consume(100000);
    buffer.shrink(64);
    QCOMPARE(buffer.capacity(), 64);
    buffer.append("still works");
    QCOMPARE(buffer.readable(), QByteArrayView("still works"));
}

void TestByteBuffer::shrinkKeepsUnreadBytes()
{
    ByteBuffer buffer(16);
    buffer.append(QByteArray(1000, 'x'));
    buffer.consume(999);
    const qsizetype before = buffer.capacity();
    buffer.shrink(64);
    QCOMPARE(buffer.capacity(), before);
    QCOMPARE(buffer.readable(), QByteArrayView("x"));
}

QTEST_GUILESS_MAIN(TestByteBuffer)
#include "tst_bytebuffer.moc"
