#include <ui/models/eventlogmodel.h>

#include <QtGui/QBrush>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using namespace wirebench;

class TestEventLogModel : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void appendIsOneInsertionPerBatch();
    void ringEvictsTheOldestAtCapacity();
    void clear();
    void kindWords_data();
    void kindWords();
    void texts();
    void eventRole();

private:
    static BenchEvent event(int n, EventKind kind = EventKind::Info);
    QStringList shownTexts() const;

    EventLogModel *m_model = nullptr;
};

BenchEvent TestEventLogModel::event(int n, EventKind kind)
{
    BenchEvent event;
    event.time = QDateTime(QDate(2024, 5, 1), QTime(8, 0, 0)).addMSecs(n);
    event.kind = kind;
    event.endpoint = QStringLiteral("client %1").arg(n);
    event.text = QStringLiteral("event %1").arg(n);
    return event;
}

QStringList TestEventLogModel::shownTexts() const
{
    QStringList result;
    for (int row = 0; row < m_model->rowCount(); ++row)
        result.append(m_model->index(row, EventLogModel::TextColumn).data().toString());
    return result;
}

void TestEventLogModel::init()
{
    m_model = new EventLogModel(4, this);
    new QAbstractItemModelTester(m_model, QAbstractItemModelTester::FailureReportingMode::QtTest, m_model);
}

void TestEventLogModel::cleanup()
{
    delete m_model;
}

void TestEventLogModel::appendIsOneInsertionPerBatch()
{
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    m_model->append({event(1), event(2), event(3)});
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);
    m_model->append({});
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(EventLogModel().capacity(), EventLogModel::defaultCapacity);
    QCOMPARE(EventLogModel::defaultCapacity, 100000);
}

void TestEventLogModel::ringEvictsTheOldestAtCapacity()
{
    m_model->append({event(1), event(2), event(3)});
    QSignalSpy inserted(m_model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    m_model->append({event(4), event(5), event(6)});
    QCOMPARE(m_model->rowCount(), 4);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(removed.at(0).at(2).toInt(), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(shownTexts(), (QStringList{"event 3", "event 4", "event 5", "event 6"}));

    m_model->setCapacity(2);
    QCOMPARE(shownTexts(), (QStringList{"event 5", "event 6"}));
    QCOMPARE(m_model->capacity(), 2);
}

void TestEventLogModel::clear()
{
    m_model->append({event(1), event(2)});
    QSignalSpy removed(m_model, &QAbstractItemModel::rowsRemoved);
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(removed.count(), 1);
    m_model->append({event(3)});
    QCOMPARE(shownTexts(), QStringList{"event 3"});
}

void TestEventLogModel::kindWords_data()
{
    QTest::addColumn<EventKind>("kind");
    QTest::addColumn<QString>("word");
    QTest::newRow("connected") << EventKind::Connected << "connected";
    QTest::newRow("disconnected") << EventKind::Disconnected << "disconnected";
    QTest::newRow("refused") << EventKind::Refused << "refused";
    QTest::newRow("error") << EventKind::Error << "error";
    QTest::newRow("server started") << EventKind::ServerStarted << "server started";
    QTest::newRow("server stopped") << EventKind::ServerStopped << "server stopped";
    QTest::newRow("info") << EventKind::Info << "info";
}

void TestEventLogModel::kindWords()
{
    QFETCH(EventKind, kind);
    QFETCH(QString, word);
    m_model->append({event(1, kind)});
    QCOMPARE(m_model->index(0, EventLogModel::KindColumn).data().toString(), word);
    QCOMPARE(m_model->index(0, 0).data(EventLogModel::KindRole).toInt(), int(kind));
    const bool alarming = kind == EventKind::Error || kind == EventKind::Refused;
    QCOMPARE(m_model->index(0, 0).data(Qt::ForegroundRole).canConvert<QBrush>(), alarming);
}

void TestEventLogModel::texts()
{
    BenchEvent error = event(7, EventKind::Disconnected);
    error.endpoint = QStringLiteral("server 1 #2 127.0.0.1:5000");
    error.text = QStringLiteral("the peer sent a bad frame\nclosing");
    error.code = netcore::ErrorCode::FrameTooLarge;
    m_model->append({error});

    QCOMPARE(m_model->index(0, EventLogModel::TimeColumn).data().toString(), QStringLiteral("08:00:00.007"));
    QCOMPARE(m_model->index(0, EventLogModel::EndpointColumn).data().toString(),
             QStringLiteral("server 1 #2 127.0.0.1:5000"));
    QCOMPARE(m_model->index(0, EventLogModel::TextColumn).data().toString(),
             QStringLiteral("the peer sent a bad frame") + QChar(0x23CE) + QStringLiteral("closing"));
    QVERIFY(m_model->index(0, EventLogModel::TextColumn).data(Qt::ToolTipRole).toString().contains(
        QLatin1String("FrameTooLarge")));
    for (int column = 0; column < EventLogModel::ColumnCount; ++column)
        QVERIFY(!m_model->headerData(column, Qt::Horizontal).toString().isEmpty());
}

void TestEventLogModel::eventRole()
{
    BenchEvent refused = event(9, EventKind::Refused);
    refused.code = netcore::ErrorCode::ConnectionRefused;
    m_model->append({refused});
    const QVariant value = m_model->index(0, EventLogModel::KindColumn).data(EventLogModel::EventRole);
    QVERIFY(value.canConvert<BenchEvent>());
    const BenchEvent back = value.value<BenchEvent>();
    QCOMPARE(back.kind, EventKind::Refused);
    QCOMPARE(back.endpoint, refused.endpoint);
    QCOMPARE(back.text, refused.text);
    QCOMPARE(back.time, refused.time);
    QCOMPARE(back.code, netcore::ErrorCode::ConnectionRefused);
    QCOMPARE(m_model->benchEvent(0).text, refused.text);
    QCOMPARE(m_model->benchEvent(1).text, QString());
}

QTEST_MAIN(TestEventLogModel)
#include "tst_eventlogmodel.moc"
