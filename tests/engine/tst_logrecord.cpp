#include <engine/logrecord.h>

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtTest/QTest>

using netcore::Message;
using wirebench::Direction;
using wirebench::LogEntry;
using wirebench::LogRecord;

/** One log entry as a file record; tst_logexporter checks whole exports through the models. */
class TestLogRecord : public QObject
{
    Q_OBJECT

private slots:
    void csvHeaderOnlyForCsv();
    void jsonLineEscapesEveryControlCharacter();
    void cborAndBinaryHaveNoText();
    void csvQuotesWhatNeedsIt();
    void sizeIsTheRealSize();

private:
    static LogEntry entry(const Message &message, Direction direction = Direction::In);
};

LogEntry TestLogRecord::entry(const Message &message, Direction direction)
{
    LogEntry entry;
    entry.time = QDateTime(QDate(2024, 5, 1), QTime(10, 0, 0, 7), Qt::UTC);
    entry.direction = direction;
    entry.endpoint = QStringLiteral("client 1");
    entry.message = message;
    entry.size = message.payload().size();
    return entry;
}

void TestLogRecord::csvHeaderOnlyForCsv()
{
    QCOMPARE(LogRecord::header(LogRecord::Format::Csv),
             QByteArray("time,direction,endpoint,channel,type,id,size,payload_hex,text\r\n"));
    QCOMPARE(LogRecord::header(LogRecord::Format::JsonLines), QByteArray());
}

void TestLogRecord::jsonLineEscapesEveryControlCharacter()
{
    const QString text = QStringLiteral("a\"b\\c\nd\re\tf") + QChar(0x01) + QStringLiteral("\u00e9");
    QByteArray line;
    LogRecord::append(&line, entry(Message::text(text, QStringLiteral("ch"), 9), Direction::Out),
                      LogRecord::Format::JsonLines);
    // Byte for byte: the fields in their documented order, compact, UTF-8, controls escaped.
    QCOMPARE(line, QByteArray(R"({"time":"2024-05-01T10:00:00.007Z","direction":"out","endpoint":"client 1",)"
                              R"("channel":"ch","type":"text","id":9,"size":14,)"
                              R"("payload_hex":"6122625c630a640d65096601c3a9",)"
                              R"("text":"a\"b\\c\nd\re\tf\u0001)" "\xc3\xa9" R"("})" "\n"));
    QCOMPARE(line.count('\n'), 1); // one record, one line, whatever the text holds
    QVERIFY(line.contains("\\u0001"));
    QJsonParseError parseError;
    const QJsonObject object = QJsonDocument::fromJson(line, &parseError).object();
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QCOMPARE(object.keys().size(), 9);
    QCOMPARE(object.value(QStringLiteral("time")).toString(), QStringLiteral("2024-05-01T10:00:00.007Z"));
    QCOMPARE(object.value(QStringLiteral("direction")).toString(), QStringLiteral("out"));
    QCOMPARE(object.value(QStringLiteral("channel")).toString(), QStringLiteral("ch"));
    QCOMPARE(object.value(QStringLiteral("id")).toInt(), 9);
    QCOMPARE(object.value(QStringLiteral("text")).toString(), text);
    QCOMPARE(object.value(QStringLiteral("payload_hex")).toString(), QString::fromLatin1(text.toUtf8().toHex()));
}

void TestLogRecord::cborAndBinaryHaveNoText()
{
    QByteArray lines;
    LogRecord::append(&lines, entry(Message::cbor(QCborValue(1))), LogRecord::Format::JsonLines);
    LogRecord::append(&lines, entry(Message::binary(QByteArray("\x00\xff", 2))), LogRecord::Format::JsonLines);
    const QList<QByteArray> records = lines.trimmed().split('\n');
    QCOMPARE(records.size(), 2);
    const QStringList types{QStringLiteral("cbor"), QStringLiteral("binary")};
    for (int i = 0; i < 2; ++i) {
        QJsonParseError parseError;
        const QJsonObject object = QJsonDocument::fromJson(records.at(i), &parseError).object();
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QCOMPARE(object.value(QStringLiteral("type")).toString(), types.at(i));
        QVERIFY(!object.contains(QStringLiteral("text")));
    }
    QCOMPARE(QJsonDocument::fromJson(records.at(1)).object().value(QStringLiteral("payload_hex")).toString(),
             QStringLiteral("00ff"));
}

void TestLogRecord::csvQuotesWhatNeedsIt()
{
    QByteArray line;
    LogRecord::append(&line, entry(Message::text(QStringLiteral("say \"hi\", bob\r\n"), QStringLiteral("a,b"))),
                      LogRecord::Format::Csv);
    QCOMPARE(line, QByteArray("2024-05-01T10:00:00.007Z,in,client 1,\"a,b\",text,0,15,"
                              "73617920226869222c20626f620d0a,\"say \"\"hi\"\", bob\r\n\"\r\n"));
}

void TestLogRecord::sizeIsTheRealSize()
{
    LogEntry kept = entry(Message::binary(QByteArray(4, 'x')));
    kept.size = 100000; // the log keeps a prefix; the record still tells the real size
    QByteArray line;
    LogRecord::append(&line, kept, LogRecord::Format::JsonLines);
    QCOMPARE(QJsonDocument::fromJson(line).object().value(QStringLiteral("size")).toInt(), 100000);
}

QTEST_GUILESS_MAIN(TestLogRecord)
#include "tst_logrecord.moc"
