#include <netcore/escapes.h>

#include <QtTest/QtTest>

#include <algorithm>

using namespace Qt::StringLiterals;

class TestEscapes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unescapeValid_data();
    void unescapeValid();
    void unescapeInvalid_data();
    void unescapeInvalid();
    void escapeBytes_data();
    void escapeBytes();
    void roundTrip_data();
    void roundTrip();
    void parseHexValid_data();
    void parseHexValid();
    void parseHexInvalid_data();
    void parseHexInvalid();
};

void TestEscapes::unescapeValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("empty") << QString() << QByteArray();
    QTest::newRow("plain") << u"hello"_s << "hello"_ba;
    QTest::newRow("newline") << uR"(\n)"_s << "\n"_ba;
    QTest::newRow("crlf") << uR"(\r\n)"_s << "\r\n"_ba;
    QTest::newRow("tab") << uR"(a\tb)"_s << "a\tb"_ba;
    QTest::newRow("nul") << uR"(\0)"_s << QByteArray(1, '\0');
    QTest::newRow("backslash") << uR"(a\\b)"_s << "a\\b"_ba;
    QTest::newRow("backslash then n") << uR"(\\n)"_s << "\\n"_ba;
    QTest::newRow("hex lower") << uR"(\xff\x00)"_s << QByteArray("\xff\x00", 2);
    QTest::newRow("hex upper") << uR"(\xAB)"_s << "\xab"_ba;
    QTest::newRow("hex then digit") << uR"(\x411)"_s << "A1"_ba;
    QTest::newRow("utf8") << u"h\u00e9llo"_s << "h\xc3\xa9llo"_ba;
    QTest::newRow("mixed") << uR"(GET / HTTP/1.0\r\n\r\n)"_s << "GET / HTTP/1.0\r\n\r\n"_ba;
}

void TestEscapes::unescapeValid()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);

    QString error = u"stale"_s;
    QCOMPARE(netcore::unescape(text, &error), bytes);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestEscapes::unescapeInvalid_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("trailing backslash") << uR"(abc\)"_s;
    QTest::newRow("unknown letter") << uR"(\q)"_s;
    QTest::newRow("x without digits") << uR"(\x)"_s;
    QTest::newRow("x with one digit") << uR"(\x4)"_s;
    QTest::newRow("x with non-hex") << uR"(\xg1)"_s;
    QTest::newRow("uppercase N") << uR"(\N)"_s;
}

void TestEscapes::unescapeInvalid()
{
    QFETCH(QString, text);

    QString error;
    QVERIFY(netcore::unescape(text, &error).isNull());
    QVERIFY(!error.isEmpty());
    QVERIFY(netcore::unescape(text).isNull()); // no error pointer: still safe
}

void TestEscapes::escapeBytes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("printable") << "hi there!"_ba << u"hi there!"_s;
    QTest::newRow("controls") << "\r\n\t"_ba << uR"(\r\n\t)"_s;
    QTest::newRow("nul") << QByteArray(1, '\0') << uR"(\0)"_s;
    QTest::newRow("backslash") << "\\"_ba << uR"(\\)"_s;
    QTest::newRow("other control") << "\x01\x7f"_ba << uR"(\x01\x7f)"_s;
    QTest::newRow("valid utf8") << "h\xc3\xa9llo"_ba << u"h\u00e9llo"_s;
    QTest::newRow("four-byte utf8") << "\xf0\x9f\x98\x80"_ba << QString::fromUtf8("\xf0\x9f\x98\x80");
    QTest::newRow("lone high byte") << "\xff"_ba << uR"(\xff)"_s;
    QTest::newRow("truncated sequence") << "\xc3"_ba << uR"(\xc3)"_s;
    QTest::newRow("overlong") << "\xc0\xaf"_ba << uR"(\xc0\xaf)"_s;
    QTest::newRow("surrogate") << "\xed\xa0\x80"_ba << uR"(\xed\xa0\x80)"_s;
    QTest::newRow("c1 control") << "\xc2\x85"_ba << uR"(\xc2\x85)"_s;
}

void TestEscapes::escapeBytes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);

    QCOMPARE(netcore::escape(bytes), text);
}

void TestEscapes::roundTrip_data()
{
    QTest::addColumn<QByteArray>("bytes");

    QByteArray everyByte;
    for (int b = 0; b < 256; ++b)
        everyByte += char(b);
    QByteArray reversed = everyByte;
    std::reverse(reversed.begin(), reversed.end());
    QTest::newRow("every byte") << everyByte;
    QTest::newRow("every byte reversed") << reversed;
    QTest::newRow("utf8 and junk") << "\xe2\x82\xac\xe2\x82\\x\xf4\x90\x80\x80"_ba;
    QTest::newRow("envelope frame") << QByteArray::fromHex("0000000a0101000000000000 6869");
}

void TestEscapes::roundTrip()
{
    QFETCH(QByteArray, bytes);

    QString error;
    QCOMPARE(netcore::unescape(netcore::escape(bytes), &error), bytes);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestEscapes::parseHexValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("empty") << QString() << QByteArray();
    QTest::newRow("lower") << u"00ff"_s << QByteArray("\x00\xff", 2);
    QTest::newRow("upper") << u"DEADBEEF"_s << QByteArray::fromHex("deadbeef");
    QTest::newRow("spaces") << u" de ad "_s << QByteArray::fromHex("dead");
    QTest::newRow("split byte") << u"d e\na d"_s << QByteArray::fromHex("dead");
    QTest::newRow("tabs and newlines") << u"01\t02\r\n03"_s << QByteArray::fromHex("010203");
    QTest::newRow("no-break space") << u"01\u00a002"_s << QByteArray::fromHex("0102"); // whitespace too
    QTest::newRow("edges of the ranges") << u"09afAF"_s << QByteArray::fromHex("09afaf");
}

void TestEscapes::parseHexValid()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    QByteArray parsed = "untouched"_ba;
    QString error;
    QVERIFY2(netcore::parseHex(text, &parsed, &error), qPrintable(error));
    QCOMPARE(parsed, bytes);
}

void TestEscapes::parseHexInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("reason");

    QTest::newRow("odd") << u"abc"_s << u"an odd number of hex digits (3)"_s;
    QTest::newRow("one digit") << u" f "_s << u"an odd number of hex digits (1)"_s;
    QTest::newRow("letter g") << u"0g"_s << u"'g' at position 2 is not a hex digit"_s;
    QTest::newRow("0x prefix") << u"0x00"_s << u"'x' at position 2 is not a hex digit"_s;
    // The characters next to each range of digits.
    QTest::newRow("slash") << u"0/"_s << u"'/' at position 2 is not a hex digit"_s;
    QTest::newRow("colon") << u"0:"_s << u"':' at position 2 is not a hex digit"_s;
    QTest::newRow("at") << u"0@"_s << u"'@' at position 2 is not a hex digit"_s;
    QTest::newRow("G") << u"0G"_s << u"'G' at position 2 is not a hex digit"_s;
    QTest::newRow("backtick") << u"0`"_s << u"'`' at position 2 is not a hex digit"_s;
    // QChar::isDigit() says yes to these; they are not hex digits.
    QTest::newRow("arabic-indic") << u"\u0661\u0662"_s << u"'\u0661' at position 1 is not a hex digit"_s;
    QTest::newRow("fullwidth") << u"0\uff11"_s << u"'\uff11' at position 2 is not a hex digit"_s;
    QTest::newRow("superscript") << u"\u00b2"_s << u"'\u00b2' at position 1 is not a hex digit"_s;
}

void TestEscapes::parseHexInvalid()
{
    QFETCH(QString, text);
    QFETCH(QString, reason);
    QByteArray parsed = "untouched"_ba;
    QString error;
    QVERIFY(!netcore::parseHex(text, &parsed, &error));
    QCOMPARE(error, reason);
    QCOMPARE(parsed, "untouched"_ba);
    QVERIFY(!netcore::parseHex(text, &parsed)); // no error wanted: still refused
}

QTEST_APPLESS_MAIN(TestEscapes)
#include "tst_escapes.moc"
