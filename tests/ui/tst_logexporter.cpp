#include <tests/ui/logentries.h>

#include <ui/models/logexporter.h>
#include <ui/models/messagelogfiltermodel.h>
#include <ui/models/messagelogmodel.h>

#include <QtCore/QBuffer>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtGui/QStandardItemModel>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QTest>

using namespace wirebench;

class TestLogExporter : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void jsonLines();
    void jsonLinesParse();
    void csv();
    void filteredModelExportsWhatItShows();
    void emptyLog();
    void notALog();
    void deviceNotWritable();

private:
    static QByteArray exported(const QAbstractItemModel *model, bool csv);

    MessageLogModel *m_log = nullptr;
};

/*
 * The log: times in UTC so the expected text is the same in every time zone.
 *   in   server 1 #1 127.0.0.1:5000  chat       text   say "hi", bob   (a comma and quotes)
 *   out  client 1                    (default)  json   {"a":[1,2]}
 *   in   client 2                    telemetry  binary 00 ff 10       (kept 3 of 4096 bytes)
 *   out  client 1                    chat       text   line1 \n line2
 */
void TestLogExporter::init()
{
    m_log = new MessageLogModel(100, this);
    new QAbstractItemModelTester(m_log, QAbstractItemModelTester::FailureReportingMode::QtTest, m_log);
    const QDateTime t0(QDate(2024, 5, 1), QTime(10, 0, 0, 123), Qt::UTC);
    using netcore::Message;
    QList<LogEntry> entries{
        testdata::entry(0, Direction::In, QStringLiteral("server 1 #1 127.0.0.1:5000"),
                        Message::text(QStringLiteral("say \"hi\", bob"), QStringLiteral("chat"), 7)),
        testdata::entry(1, Direction::Out, QStringLiteral("client 1"),
                        Message(netcore::MessageType::Json, R"({"a":[1,2]})")),
        testdata::entry(2, Direction::In, QStringLiteral("client 2"),
                        Message::binary(QByteArray("\x00\xff\x10", 3), QStringLiteral("telemetry"), 3)),
        testdata::entry(3, Direction::Out, QStringLiteral("client 1"),
                        Message::text(QStringLiteral("line1\nline2"), QStringLiteral("chat"))),
    };
    for (int i = 0; i < entries.size(); ++i)
        entries[i].time = t0.addMSecs(i * 1001);
    entries[2].size = 4096;
    m_log->append(entries);
}

void TestLogExporter::cleanup()
{
    delete m_log;
}

QByteArray TestLogExporter::exported(const QAbstractItemModel *model, bool csv)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QString error = QStringLiteral("not cleared");
    const bool ok = csv ? LogExporter::exportCsv(model, &buffer, &error)
                        : LogExporter::exportJsonLines(model, &buffer, &error);
    if (!ok || !error.isEmpty())
        qWarning() << "export failed:" << error;
    return ok ? buffer.data() : QByteArray("FAILED");
}

void TestLogExporter::jsonLines()
{
    const QByteArray expected =
        R"({"time":"2024-05-01T10:00:00.123Z","direction":"in","endpoint":"server 1 #1 127.0.0.1:5000",)"
        R"("channel":"chat","type":"text","id":7,"size":13,"payload_hex":"73617920226869222c20626f62",)"
        R"("text":"say \"hi\", bob"})" "\n"
        R"({"time":"2024-05-01T10:00:01.124Z","direction":"out","endpoint":"client 1",)"
        R"("channel":"","type":"json","id":0,"size":11,"payload_hex":"7b2261223a5b312c325d7d",)"
        R"("text":"{\"a\":[1,2]}"})" "\n"
        R"({"time":"2024-05-01T10:00:02.125Z","direction":"in","endpoint":"client 2",)"
        R"("channel":"telemetry","type":"binary","id":3,"size":4096,"payload_hex":"00ff10"})" "\n"
        R"({"time":"2024-05-01T10:00:03.126Z","direction":"out","endpoint":"client 1",)"
        R"("channel":"chat","type":"text","id":0,"size":11,"payload_hex":"6c696e65310a6c696e6532",)"
        R"("text":"line1\nline2"})" "\n";
    QCOMPARE(exported(m_log, false), expected);
}

void TestLogExporter::jsonLinesParse()
{
    // Every line is a JSON object a standard parser reads back.
    const QList<QByteArray> lines = exported(m_log, false).split('\n');
    QCOMPARE(lines.size(), 5);
    QVERIFY(lines.last().isEmpty());
    QJsonParseError error;
    const QJsonObject first = QJsonDocument::fromJson(lines.at(0), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(first.value(QLatin1String("text")).toString(), QStringLiteral("say \"hi\", bob"));
    const QJsonObject last = QJsonDocument::fromJson(lines.at(3), &error).object();
    QCOMPARE(last.value(QLatin1String("text")).toString(), QStringLiteral("line1\nline2"));
}

void TestLogExporter::csv()
{
    const QByteArray expected =
        "time,direction,endpoint,channel,type,id,size,payload_hex,text\r\n"
        "2024-05-01T10:00:00.123Z,in,server 1 #1 127.0.0.1:5000,chat,text,7,13,73617920226869222c20626f62,"
        "\"say \"\"hi\"\", bob\"\r\n"
        "2024-05-01T10:00:01.124Z,out,client 1,,json,0,11,7b2261223a5b312c325d7d,\"{\"\"a\"\":[1,2]}\"\r\n"
        "2024-05-01T10:00:02.125Z,in,client 2,telemetry,binary,3,4096,00ff10,\r\n"
        "2024-05-01T10:00:03.126Z,out,client 1,chat,text,0,11,6c696e65310a6c696e6532,\"line1\nline2\"\r\n";
    QCOMPARE(exported(m_log, true), expected);
}

void TestLogExporter::filteredModelExportsWhatItShows()
{
    MessageLogFilterModel filter;
    filter.setSourceModel(m_log);
    filter.setChannelFilter(QStringLiteral("chat"));
    filter.setDirectionFilter(int(Direction::Out));
    QCOMPARE(filter.rowCount(), 1);

    QCOMPARE(exported(&filter, true),
             QByteArray("time,direction,endpoint,channel,type,id,size,payload_hex,text\r\n"
                        "2024-05-01T10:00:03.126Z,out,client 1,chat,text,0,11,6c696e65310a6c696e6532,"
                        "\"line1\nline2\"\r\n"));
    QCOMPARE(exported(&filter, false),
             QByteArray(R"({"time":"2024-05-01T10:00:03.126Z","direction":"out","endpoint":"client 1",)"
                        R"("channel":"chat","type":"text","id":0,"size":11,"payload_hex":"6c696e65310a6c696e6532",)"
                        R"("text":"line1\nline2"})" "\n"));

    filter.setDirectionFilter(-1);
    QCOMPARE(exported(&filter, false).count('\n'), 2);
}

void TestLogExporter::emptyLog()
{
    MessageLogModel empty;
    QCOMPARE(exported(&empty, false), QByteArray());
    QCOMPARE(exported(&empty, true), QByteArray("time,direction,endpoint,channel,type,id,size,payload_hex,text\r\n"));
}

void TestLogExporter::notALog()
{
    QStandardItemModel other;
    other.appendRow(new QStandardItem(QStringLiteral("not a log entry")));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QString error;
    QVERIFY(!LogExporter::exportJsonLines(&other, &buffer, &error));
    QCOMPARE(error, QStringLiteral("Row 1 is not a message log entry."));
    QVERIFY(!LogExporter::exportCsv(nullptr, &buffer, &error));
    QVERIFY(!error.isEmpty());
}

void TestLogExporter::deviceNotWritable()
{
    QBuffer closed;
    QString error;
    QVERIFY(!LogExporter::exportCsv(m_log, &closed, &error));
    QVERIFY(!error.isEmpty());
    QBuffer readOnly;
    readOnly.open(QIODevice::ReadOnly);
    QVERIFY(!LogExporter::exportJsonLines(m_log, &readOnly, &error));
    QVERIFY(!LogExporter::exportJsonLines(m_log, nullptr, nullptr)); // no error pointer: still no crash
}

QTEST_MAIN(TestLogExporter)
#include "tst_logexporter.moc"
