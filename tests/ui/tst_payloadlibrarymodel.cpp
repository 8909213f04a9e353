#include <ui/models/payloadlibrarymodel.h>

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

QTEST_MAIN(TestPayloadLibraryModel)
#include "tst_payloadlibrarymodel.moc"
