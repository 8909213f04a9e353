#include <tests/ui/logentries.h>

#include <ui/models/messagelogmodel.h>

#include <QtCore/QCborMap>
#include <QtGui/QFont>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace wirebench;

class TestMessageLogModel : public QObject
{
    Q_OBJECT

private slots:
    void appendIsOneInsertionPerBatch();
    void emptyBatchChangesNothing();
    void ringEvictsTheOldestAtCapacity();
    void batchLargerThanCapacityKeepsItsNewest();
    void ringStaysInOrderOverManyWraps();
    void ringAcrossStorageBlocks();
    void clearRemovesEverything();
    void setCapacity();
    void columnTexts();
    void preview_data();
    void preview();
    void sizeText_data();
    void sizeText();
    void roles();
    void entryOutOfRange();
    void headers();
    void wholePayloadsStayWithinTheBudget();

private:
    static QList<qint64> sequences(const MessageLogModel &model);
    static void attachTester(QAbstractItemModel *model, QObject *parent);
};

void TestMessageLogModel::attachTester(QAbstractItemModel *model, QObject *parent)
{
    new QAbstractItemModelTester(model, QAbstractItemModelTester::FailureReportingMode::QtTest, parent);
}

QList<qint64> TestMessageLogModel::sequences(const MessageLogModel &model)
{
    QList<qint64> result;
    for (int row = 0; row < model.rowCount(); ++row)
        result.append(model.index(row, 0).data(MessageLogModel::SequenceRole).toLongLong());
    return result;
}

void TestMessageLogModel::appendIsOneInsertionPerBatch()
{
    MessageLogModel model(100);
    attachTester(&model, this);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    model.append(testdata::numbered(0, 3));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);

    model.append(testdata::numbered(3, 2));
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 3);
    QCOMPARE(inserted.at(1).at(2).toInt(), 4);
    QCOMPARE(removed.count(), 0);
    QCOMPARE(sequences(model), (QList<qint64>{0, 1, 2, 3, 4}));
}

void TestMessageLogModel::emptyBatchChangesNothing()
{
    MessageLogModel model(10);
    attachTester(&model, this);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.append({});
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(inserted.count(), 0);
}

void TestMessageLogModel::ringEvictsTheOldestAtCapacity()
{
    MessageLogModel model(5);
    attachTester(&model, this);
    model.append(testdata::numbered(0, 3));

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.append(testdata::numbered(3, 4)); // 7 > 5: the 2 oldest go

    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 1);
    QCOMPARE(inserted.count(), 1); // after the removal, the 4 new rows follow the one left
    QCOMPARE(inserted.at(0).at(1).toInt(), 1);
    QCOMPARE(inserted.at(0).at(2).toInt(), 4);
    QCOMPARE(model.entry(0).sequence, 2); // the oldest kept
    QCOMPARE(sequences(model), (QList<qint64>{2, 3, 4, 5, 6}));

    // Full ring, one more batch: again one removal and one insertion.
    model.append(testdata::numbered(7, 2));
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(removed.count(), 2);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(removed.at(1).at(2).toInt(), 1);
    QCOMPARE(inserted.at(1).at(1).toInt(), 3);
    QCOMPARE(inserted.at(1).at(2).toInt(), 4);
    QCOMPARE(sequences(model), (QList<qint64>{4, 5, 6, 7, 8}));
}

void TestMessageLogModel::batchLargerThanCapacityKeepsItsNewest()
{
    MessageLogModel model(3);
    attachTester(&model, this);
    model.append(testdata::numbered(0, 2));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    model.append(testdata::numbered(2, 5));

    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(2).toInt(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);
    QCOMPARE(sequences(model), (QList<qint64>{4, 5, 6}));
}

void TestMessageLogModel::ringStaysInOrderOverManyWraps()
{
    MessageLogModel model(7);
    attachTester(&model, this);
    qint64 next = 0;
    for (int batch = 0; batch < 60; ++batch) {
        const int size = 1 + (batch * 5) % 11; // 1..11, some larger than the ring
        model.append(testdata::numbered(next, size));
        next += size;
        const int expectedRows = int(std::min<qint64>(next, 7));
        QCOMPARE(model.rowCount(), expectedRows);
        QCOMPARE(model.entry(0).sequence, next - expectedRows);
        QCOMPARE(model.entry(expectedRows - 1).sequence, next - 1);
    }
    QList<qint64> expected;
    for (qint64 n = next - 7; n < next; ++n)
        expected.append(n);
    QCOMPARE(sequences(model), expected);
}

void TestMessageLogModel::ringAcrossStorageBlocks()
{
    // Bigger than one storage block (4096 rows), and not a multiple of it.
    const int capacity = 10000;
    MessageLogModel model(capacity);
    qint64 next = 0;
    for (int batch = 0; batch < 12; ++batch) {
        model.append(testdata::numbered(next, 3001));
        next += 3001;
    }
    QCOMPARE(model.rowCount(), capacity);
    QCOMPARE(model.entry(0).sequence, next - capacity);
    for (int row = 0; row < capacity; row += 97)
        QCOMPARE(model.entry(row).sequence, next - capacity + row);
    QCOMPARE(model.entry(capacity - 1).sequence, next - 1);
    QCOMPARE(model.index(capacity - 1, MessageLogModel::PreviewColumn).data().toString(),
             QStringLiteral("message %1").arg(next - 1));

    model.setCapacity(5000);
    QCOMPARE(model.entry(0).sequence, next - 5000);
    model.append(testdata::numbered(next, 1));
    QCOMPARE(model.entry(4999).sequence, next);
    QCOMPARE(model.entry(0).sequence, next - 4999);
}

void TestMessageLogModel::clearRemovesEverything()
{
    MessageLogModel model(4);
    attachTester(&model, this);
    model.append(testdata::numbered(0, 6));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(2).toInt(), 3);

    model.clear(); // nothing left: no signal
    QCOMPARE(removed.count(), 1);

    model.append(testdata::numbered(10, 2));
    QCOMPARE(sequences(model), (QList<qint64>{10, 11}));
}

void TestMessageLogModel::setCapacity()
{
    MessageLogModel model(10);
    attachTester(&model, this);
    QCOMPARE(model.capacity(), 10);
    model.append(testdata::numbered(0, 8));
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

    model.setCapacity(3);
    QCOMPARE(model.capacity(), 3);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(sequences(model), (QList<qint64>{5, 6, 7}));

    model.append(testdata::numbered(8, 2));
    QCOMPARE(sequences(model), (QList<qint64>{7, 8, 9}));

    model.setCapacity(5); // growing keeps every row
    model.append(testdata::numbered(10, 3));
    QCOMPARE(sequences(model), (QList<qint64>{8, 9, 10, 11, 12}));

    model.setCapacity(0);
    QCOMPARE(model.capacity(), 1);
    QCOMPARE(sequences(model), (QList<qint64>{12}));
    QCOMPARE(MessageLogModel().capacity(), 1000000);
}

void TestMessageLogModel::columnTexts()
{
    MessageLogModel model;
    attachTester(&model, this);
    LogEntry in = testdata::entry(0, Direction::In, QStringLiteral("server 1 #3 127.0.0.1:50000"),
                                  netcore::Message::text(QStringLiteral("hi"), QStringLiteral("chat"), 42));
    LogEntry out = testdata::entry(1, Direction::Out, QStringLiteral("client 2"),
                                   netcore::Message::binary(QByteArray(2048, 'x')));
    model.append({in, out});

    const auto text = [&model](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(text(0, MessageLogModel::TimeColumn), QStringLiteral("12:34:56.789"));
    QCOMPARE(text(1, MessageLogModel::TimeColumn), QStringLiteral("12:34:56.790"));
    QCOMPARE(text(0, MessageLogModel::DirectionColumn), QStringLiteral("in"));
    QCOMPARE(text(1, MessageLogModel::DirectionColumn), QStringLiteral("out"));
    QCOMPARE(text(0, MessageLogModel::EndpointColumn), QStringLiteral("server 1 #3 127.0.0.1:50000"));
    QCOMPARE(text(0, MessageLogModel::ChannelColumn), QStringLiteral("chat"));
    QCOMPARE(text(1, MessageLogModel::ChannelColumn), QString());
    QCOMPARE(text(0, MessageLogModel::TypeColumn), QStringLiteral("text"));
    QCOMPARE(text(1, MessageLogModel::TypeColumn), QStringLiteral("binary"));
    QCOMPARE(text(0, MessageLogModel::IdColumn), QStringLiteral("42"));
    QCOMPARE(text(0, MessageLogModel::SizeColumn), QStringLiteral("2 B"));
    QCOMPARE(text(1, MessageLogModel::SizeColumn), QStringLiteral("2.0 KiB"));
    QCOMPARE(text(0, MessageLogModel::PreviewColumn), QStringLiteral("hi"));

    // Hex previews get a fixed-pitch font; text keeps the view's.
    QVERIFY(model.index(1, MessageLogModel::PreviewColumn).data(Qt::FontRole).canConvert<QFont>());
    QVERIFY(!model.index(0, MessageLogModel::PreviewColumn).data(Qt::FontRole).isValid());
    QVERIFY(model.index(1, MessageLogModel::SizeColumn).data(Qt::ToolTipRole).toString().contains(QLatin1String("2048")));
}

void TestMessageLogModel::preview_data()
{
    QTest::addColumn<netcore::Message>("message");
    QTest::addColumn<qint64>("size"); // -1: the payload's own size
    QTest::addColumn<QString>("expected");

    const QString ellipsis(QChar(0x2026));
    const QString returnSymbol(QChar(0x23CE));

    QTest::newRow("text") << netcore::Message::text(QStringLiteral("hello")) << qint64(-1) << QStringLiteral("hello");
    QTest::newRow("text newlines") << netcore::Message::text(QStringLiteral("a\nb\r\nc")) << qint64(-1)
                                   << QStringLiteral("a") + returnSymbol + QStringLiteral("b") + returnSymbol
            + QStringLiteral("c");
    QTest::newRow("text tab and control") << netcore::Message::text(QStringLiteral("a\tb") + QChar(0x1b))
                                          << qint64(-1) << QStringLiteral("a b") + QChar(0x241b);
    QTest::newRow("long text cut at 200") << netcore::Message::text(QString(300, QLatin1Char('a'))) << qint64(-1)
                                          << QString(200, QLatin1Char('a')) + ellipsis;
    QTest::newRow("exactly 200") << netcore::Message::text(QString(200, QLatin1Char('b'))) << qint64(-1)
                                 << QString(200, QLatin1Char('b'));
    QTest::newRow("utf-8") << netcore::Message::text(QString::fromUtf8("h\xc3\xa9llo \xe2\x82\xac")) << qint64(-1)
                           << QString::fromUtf8("h\xc3\xa9llo \xe2\x82\xac");
    QTest::newRow("kept payload truncated") << netcore::Message::text(QStringLiteral("abc")) << qint64(100000)
                                            << QStringLiteral("abc") + ellipsis;
    QTest::newRow("json") << netcore::Message(netcore::MessageType::Json, QByteArray("{\n \"a\": 1\n}"))
                          << qint64(-1) << QStringLiteral("{") + returnSymbol + QStringLiteral(" \"a\": 1")
            + returnSymbol + QStringLiteral("}");
    QTest::newRow("cbor") << netcore::Message::cbor(QCborMap{{QStringLiteral("k"), 1}}) << qint64(-1)
                          << QStringLiteral("{\"k\": 1}");
    QTest::newRow("bad cbor as hex") << netcore::Message(netcore::MessageType::Cbor, QByteArray("\xff\xff", 2))
                                     << qint64(-1) << QStringLiteral("ff ff");
    QTest::newRow("binary") << netcore::Message::binary(QByteArray("\x00\xff\x10", 3)) << qint64(-1)
                            << QStringLiteral("00 ff 10");
    QTest::newRow("binary cut at 64 bytes") << netcore::Message::binary(QByteArray(100, '\xab')) << qint64(-1)
                                            << QStringLiteral("ab ").repeated(63) + QStringLiteral("ab ") + ellipsis;
    QTest::newRow("empty binary") << netcore::Message::binary({}) << qint64(-1) << QString();
}

void TestMessageLogModel::preview()
{
    QFETCH(netcore::Message, message);
    QFETCH(qint64, size);
    QFETCH(QString, expected);

    MessageLogModel model;
    attachTester(&model, this);
    LogEntry entry = testdata::entry(0, Direction::In, QStringLiteral("client 1"), message);
    if (size >= 0)
        entry.size = size;
    model.append({entry});
    QCOMPARE(model.index(0, MessageLogModel::PreviewColumn).data().toString(), expected);
}

void TestMessageLogModel::sizeText_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<QString>("expected");
    QTest::newRow("0") << qint64(0) << QStringLiteral("0 B");
    QTest::newRow("1023") << qint64(1023) << QStringLiteral("1023 B");
    QTest::newRow("1 KiB") << qint64(1024) << QStringLiteral("1.0 KiB");
    QTest::newRow("1.5 KiB") << qint64(1536) << QStringLiteral("1.5 KiB");
    QTest::newRow("3 MiB") << qint64(3) * 1024 * 1024 << QStringLiteral("3.0 MiB");
    QTest::newRow("2.5 GiB") << qint64(5) * 512 * 1024 * 1024 << QStringLiteral("2.5 GiB");
}

void TestMessageLogModel::sizeText()
{
    QFETCH(qint64, size);
    QFETCH(QString, expected);
    MessageLogModel model;
    LogEntry entry = testdata::entry(0, Direction::In, QStringLiteral("client 1"), netcore::Message());
    entry.size = size;
    model.append({entry});
    QCOMPARE(model.index(0, MessageLogModel::SizeColumn).data().toString(), expected);
}

void TestMessageLogModel::roles()
{
    MessageLogModel model;
    attachTester(&model, this);
    const LogEntry entry = testdata::entry(7, Direction::Out, QStringLiteral("client 3"),
                                           netcore::Message::text(QStringLiteral("x"), QStringLiteral("chat"), 5));
    model.append({entry});
    const QModelIndex index = model.index(0, MessageLogModel::PreviewColumn);

    const QVariant stored = index.data(MessageLogModel::EntryRole);
    QVERIFY(stored.canConvert<LogEntry>());
    QCOMPARE(stored.value<LogEntry>().sequence, 7);
    QCOMPARE(stored.value<LogEntry>().message, entry.message);
    QCOMPARE(index.data(MessageLogModel::SequenceRole).toLongLong(), 7);
    QCOMPARE(index.data(MessageLogModel::DirectionRole).toInt(), int(Direction::Out));
    QCOMPARE(index.data(MessageLogModel::ChannelRole).toString(), QStringLiteral("chat"));
    QCOMPARE(index.data(MessageLogModel::EndpointRole).toString(), QStringLiteral("client 3"));
    QCOMPARE(model.entry(0).message, entry.message);
}

void TestMessageLogModel::entryOutOfRange()
{
    MessageLogModel model;
    model.append(testdata::numbered(5, 1));
    QCOMPARE(model.entry(-1).sequence, 0);
    QCOMPARE(model.entry(1).sequence, 0);
    QVERIFY(!model.index(1, 0).isValid());
}

void TestMessageLogModel::headers()
{
    MessageLogModel model;
    QCOMPARE(model.columnCount(), int(MessageLogModel::ColumnCount));
    for (int column = 0; column < MessageLogModel::ColumnCount; ++column)
        QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());
    QCOMPARE(model.headerData(MessageLogModel::PreviewColumn, Qt::Horizontal).toString(), QStringLiteral("Preview"));
}

void TestMessageLogModel::wholePayloadsStayWithinTheBudget()
{
    // One buffer shared by every row: the budget counts what the rows would hold.
    const qint64 third = LogEntry::wholePayloadBudget / 3;
    const auto big = netcore::Message::binary(QByteArray(third, 'p'));
    const auto bigEntry = [&big](qint64 sequence) {
        return testdata::entry(sequence, Direction::In, QStringLiteral("client 1"), big);
    };
    const auto kept = [](const MessageLogModel &model, int row) { return model.entry(row).message.payload().size(); };
    MessageLogModel model(5);
    attachTester(&model, this);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    model.append({bigEntry(1), bigEntry(2), bigEntry(3)});
    QCOMPARE(kept(model, 0), third);
    QCOMPARE(changed.count(), 0);
    model.append({bigEntry(4)}); // a fourth third: the oldest is cut, its row stays
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(kept(model, 0), LogEntry::payloadKeepLimit);
    QVERIFY(model.entry(0).isPayloadCut());
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 0);
    for (int row = 1; row < 4; ++row)
        QCOMPARE(kept(model, row), third);

    model.append(testdata::numbered(5, 3)); // 1 (cut) and 2 (whole) evicted: 2 gives its share back
    QCOMPARE(sequences(model), (QList<qint64>{3, 4, 5, 6, 7}));
    model.append({bigEntry(8)});
    QCOMPARE(sequences(model), (QList<qint64>{4, 5, 6, 7, 8})); // 3 evicted too
    QCOMPARE(kept(model, 0), third); // 4 and 8 whole, within the budget
    QCOMPARE(kept(model, 4), third);
    QCOMPARE(changed.count(), 1);

    model.clear();
    model.append({bigEntry(9), bigEntry(10), bigEntry(11)});
    for (int row = 0; row < 3; ++row)
        QCOMPARE(kept(model, row), third);
}

QTEST_MAIN(TestMessageLogModel)
#include "tst_messagelogmodel.moc"
