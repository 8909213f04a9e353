#include <ui/models/payloadlibrarymodel.h>
#include <ui/models/payloadsequencemodel.h>

#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace wirebench;

class TestPayloadLibraryModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void setPayloadsResets();
    void addAppends();
    void removeRow();
    void renameInPlace();
    void texts();
    void moveRows_data();
    void moveRows();
    void sequenceKeepsItsDelay();

private:
    static SavedPayload payload(const QString &name, const QString &kind = QStringLiteral("json"),
                                const QString &channel = QString());
    QStringList names() const;

    PayloadLibraryModel *m_model = nullptr;
};

SavedPayload TestPayloadLibraryModel::payload(const QString &name, const QString &kind, const QString &channel)
{
    SavedPayload payload;
    payload.name = name;
    payload.kind = kind;
    payload.channel = channel;
    payload.content = QStringLiteral("{\"name\":\"%1\"}").arg(name);
    return payload;
}

QStringList TestPayloadLibraryModel::names() const
{
    QStringList result;
    for (int row = 0; row < m_model->rowCount(); ++row)
        result.append(m_model->index(row, PayloadLibraryModel::NameColumn).data().toString());
    return result;
}

void TestPayloadLibraryModel::init()
{
    m_model = new PayloadLibraryModel(this);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
}

void TestPayloadLibraryModel::cleanup()
{
    delete m_model;
}

void TestPayloadLibraryModel::setPayloadsResets()
{
    QSignalSpy reset(m_model, &QAbstractItemModel::modelReset);
    m_model->setPayloads({payload("a"), payload("b")});
    QCOMPARE(reset.count(), 1);
    QCOMPARE(names(), (QStringList{"a", "b"}));
    m_model->setPayloads({payload("c")});
    QCOMPARE(names(), QStringList{"c"});
    QCOMPARE(m_model->payloads().size(), 1);
    QCOMPARE(m_model->payloads().first().name, QStringLiteral("c"));
}

void TestPayloadLibraryModel::addAppends()
{
    m_model->setPayloads({payload("a")});
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    m_model->add(payload("b", QStringLiteral("text"), QStringLiteral("chat")));
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 1);
    QCOMPARE(names(), (QStringList{"a", "b"}));
    QCOMPARE(m_model->payload(1).kind, QStringLiteral("text"));
    QCOMPARE(m_model->payload(1).content, QStringLiteral("{\"name\":\"b\"}"));
    QCOMPARE(m_model->payload(5).name, QString());
}

void TestPayloadLibraryModel::removeRow()
{
    m_model->setPayloads({payload("a"), payload("b"), payload("c")});
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    QVERIFY(m_model->removeRow(1));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(names(), (QStringList{"a", "c"}));
    QVERIFY(!m_model->removeRow(2));
    QVERIFY(!m_model->removeRow(-1));
    QCOMPARE(m_model->payloads().size(), 2);
}

void TestPayloadLibraryModel::renameInPlace()
{
    m_model->setPayloads({payload("a"), payload("b")});
    const QModelIndex name = m_model->index(1, PayloadLibraryModel::NameColumn);
    QVERIFY(m_model->flags(name) & Qt::ItemIsEditable);
    QVERIFY(!(m_model->flags(m_model->index(1, PayloadLibraryModel::KindColumn)) & Qt::ItemIsEditable));

    QSignalSpy changed(m_model, &QAbstractItemModel::dataChanged);
    QVERIFY(m_model->setData(name, QStringLiteral("  greeting ")));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(m_model->payload(1).name, QStringLiteral("greeting"));
    QCOMPARE(name.data(Qt::EditRole).toString(), QStringLiteral("greeting"));

    QVERIFY(!m_model->setData(name, QStringLiteral("   "))); // a payload keeps a name
    QVERIFY(!m_model->setData(m_model->index(1, PayloadLibraryModel::KindColumn), QStringLiteral("text")));
    QCOMPARE(m_model->payload(1).name, QStringLiteral("greeting"));
    QCOMPARE(changed.count(), 1);
}

void TestPayloadLibraryModel::texts()
{
    m_model->setPayloads({payload("ping", QStringLiteral("text"), QStringLiteral("chat"))});
    QCOMPARE(m_model->index(0, PayloadLibraryModel::NameColumn).data().toString(), QStringLiteral("ping"));
    QCOMPARE(m_model->index(0, PayloadLibraryModel::KindColumn).data().toString(), QStringLiteral("text"));
    QCOMPARE(m_model->index(0, PayloadLibraryModel::ChannelColumn).data().toString(), QStringLiteral("chat"));
    const QVariant stored = m_model->index(0, 0).data(PayloadLibraryModel::PayloadRole);
    QVERIFY(stored.canConvert<SavedPayload>());
    QCOMPARE(stored.value<SavedPayload>().content, QStringLiteral("{\"name\":\"ping\"}"));
    for (int column = 0; column < PayloadLibraryModel::ColumnCount; ++column)
        QVERIFY(!m_model->headerData(column, Qt::Horizontal).toString().isEmpty());
}

void TestPayloadLibraryModel::moveRows_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("before");
    QTest::addColumn<bool>("moved");
    QTest::addColumn<QStringList>("after");

    QTest::newRow("up one") << 2 << 1 << 1 << true << QStringList{"a", "c", "b", "d"};
    QTest::newRow("down one") << 1 << 1 << 3 << true << QStringList{"a", "c", "b", "d"};
    QTest::newRow("first to last") << 0 << 1 << 4 << true << QStringList{"b", "c", "d", "a"};
    QTest::newRow("last to first") << 3 << 1 << 0 << true << QStringList{"d", "a", "b", "c"};
    QTest::newRow("two down") << 0 << 2 << 3 << true << QStringList{"c", "a", "b", "d"};
    QTest::newRow("onto itself") << 1 << 1 << 1 << false << QStringList{"a", "b", "c", "d"};
    QTest::newRow("before the next") << 1 << 1 << 2 << false << QStringList{"a", "b", "c", "d"};
    QTest::newRow("past the end") << 1 << 1 << 5 << false << QStringList{"a", "b", "c", "d"};
    QTest::newRow("too many") << 3 << 2 << 0 << false << QStringList{"a", "b", "c", "d"};
}

void TestPayloadLibraryModel::moveRows()
{
    QFETCH(int, from);
    QFETCH(int, count);
    QFETCH(int, before);
    QFETCH(bool, moved);
    QFETCH(QStringList, after);
    m_model->setPayloads({payload("a"), payload("b"), payload("c"), payload("d")});
    QSignalSpy spy(m_model, &QAbstractItemModel::rowsMoved);
    QCOMPARE(m_model->moveRows(QModelIndex(), from, count, QModelIndex(), before), moved);
    QCOMPARE(spy.count(), moved ? 1 : 0);
    QCOMPARE(names(), after);
    QCOMPARE(m_model->payload(0).content, QStringLiteral("{\"name\":\"%1\"}").arg(after.at(0))); // whole payloads move
}

void TestPayloadLibraryModel::sequenceKeepsItsDelay()
{
    PayloadSequenceModel sequence;
    QAbstractItemModelTester tester(&sequence, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(sequence.delayMsecs(), PayloadSequence::defaultDelayMsecs);
    QSignalSpy delay(&sequence, &PayloadSequenceModel::delayChanged);
    PayloadSequence steps;
    steps.steps = {payload("a"), payload("b"), payload("a")}; // a payload may come twice
    steps.delayMsecs = 40;
    sequence.setSequence(steps);
    QCOMPARE(delay.count(), 1);
    QCOMPARE(sequence.rowCount(), 3);
    QCOMPARE(sequence.sequence(), steps);
    sequence.setDelayMsecs(40);
    QCOMPARE(delay.count(), 1); // no change, no signal
    sequence.setDelayMsecs(-5);
    QCOMPARE(sequence.delayMsecs(), 0);
    QVERIFY(sequence.moveRow(QModelIndex(), 2, QModelIndex(), 0));
    QCOMPARE(sequence.sequence().steps.at(1).name, QStringLiteral("a"));
    QCOMPARE(sequence.sequence().steps.at(2).name, QStringLiteral("b"));
}

QTEST_MAIN(TestPayloadLibraryModel)
#include "tst_payloadlibrarymodel.moc"
