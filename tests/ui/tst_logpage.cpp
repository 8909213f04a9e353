#include "logentries.h"
#include "logpage.h"

#include <messagelogmodel.h>

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QScrollBar>
#include <QtWidgets/QTableView>
#include <QtWidgets/QToolButton>

using namespace wirebench;

/** The log page over a hand-fed log: following the tail, selection, pause. */
class TestLogPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void followsTheTailOnlyAtTheBottom();
    void selectingARowEmitsItsEntry();
    void pauseButtonSaysSo();

private:
    QScrollBar *scrollBar() const { return m_page->findChild<QTableView *>(QStringLiteral("logView"))->verticalScrollBar(); }

    MessageLogModel *m_log = nullptr;
    LogPage *m_page = nullptr;
};

void TestLogPage::init()
{
    m_log = new MessageLogModel(10000, this);
    m_page = new LogPage;
    m_page->setLogModel(m_log);
    m_page->resize(800, 300);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page));
}

void TestLogPage::cleanup()
{
    delete m_page;
    delete m_log;
}

void TestLogPage::followsTheTailOnlyAtTheBottom()
{
    m_log->append(testdata::numbered(1, 200));
    QTRY_VERIFY(scrollBar()->maximum() > 0);
    QCOMPARE(scrollBar()->value(), scrollBar()->maximum());
    QVERIFY(m_page->isFollowingTail());

    scrollBar()->setValue(0); // the user scrolls up to read
    m_log->append(testdata::numbered(201, 50));
    QTest::qWait(50);
    QCOMPARE(scrollBar()->value(), 0);
    QVERIFY(!m_page->isFollowingTail());

    scrollBar()->setValue(scrollBar()->maximum()); // and back down
    const int before = scrollBar()->maximum();
    m_log->append(testdata::numbered(251, 50));
    QTRY_VERIFY(scrollBar()->maximum() > before);
    QCOMPARE(scrollBar()->value(), scrollBar()->maximum());
}

void TestLogPage::selectingARowEmitsItsEntry()
{
    m_log->append(testdata::numbered(1, 5));
    QSignalSpy selected(m_page, &LogPage::entrySelected);
    auto *view = m_page->findChild<QTableView *>(QStringLiteral("logView"));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(view->model()->index(2, 0)).center());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.at(0).at(0).value<LogEntry>().sequence, 3);
    QVERIFY(m_page->selectLatest(QStringLiteral("chat")));
    QCOMPARE(selected.last().at(0).value<LogEntry>().sequence, 5);
    QVERIFY(!m_page->selectLatest(QStringLiteral("nowhere")));
}

void TestLogPage::pauseButtonSaysSo()
{
    QSignalSpy paused(m_page, &LogPage::pausedChanged);
    auto *button = m_page->findChild<QToolButton *>(QStringLiteral("pauseButton"));
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(m_page->isPaused());
    QCOMPARE(paused.count(), 1);
    QCOMPARE(paused.at(0).at(0).toBool(), true);
    QVERIFY(button->text().contains(QLatin1String("Resume")));
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(!m_page->isPaused());
    QCOMPARE(paused.at(1).at(0).toBool(), false);
}

QTEST_MAIN(TestLogPage)
#include "tst_logpage.moc"
