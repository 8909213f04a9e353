#include <tests/ui/logentries.h>

#include <ui/widgets/logpage.h>

#include <ui/models/messagelogfiltermodel.h>
#include <ui/models/messagelogmodel.h>

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
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
    void channelFilterOffersTheDefaultChannel();
    void followToggleFollowsTheScrolling();
    void clearingAFilterKeepsFollowing();
    void filterBoxesKeepTheirWidthAsRowsGrow();

private:
    QToolButton *followButton() const { return m_page->findChild<QToolButton *>(QStringLiteral("followButton")); }
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

void TestLogPage::channelFilterOffersTheDefaultChannel()
{
    using netcore::Message;
    m_log->append(testdata::numbered(1, 2)); // channel "chat"
    m_log->append({testdata::entry(3, Direction::Out, QStringLiteral("client 1"), Message::text(QStringLiteral("plain")))});
    m_page->addKnownChannels({QString(), QStringLiteral("chat")});
    auto *combo = m_page->findChild<QComboBox *>(QStringLiteral("channelFilterCombo"));
    const QAbstractItemModel *shown = m_page->shownModel();

    const int defaultItem = combo->findText(QStringLiteral("(default)"), Qt::MatchFixedString | Qt::MatchCaseSensitive);
    QVERIFY(defaultItem >= 0);
    combo->setCurrentIndex(defaultItem);
    QTRY_VERIFY(m_page->shownModel()->isDefaultChannelOnly());
    QCOMPARE(shown->rowCount(), 1);
    QCOMPARE(shown->index(0, 0).data(MessageLogModel::SequenceRole).toLongLong(), 3);

    combo->setCurrentIndex(combo->findText(QStringLiteral("chat")));
    QTRY_COMPARE(m_page->shownModel()->channelFilter(), QStringLiteral("chat"));
    QVERIFY(!m_page->shownModel()->isDefaultChannelOnly());
    QCOMPARE(shown->rowCount(), 2);

    combo->lineEdit()->clear(); // every channel
    QTRY_VERIFY(!m_page->shownModel()->isFiltering());
    QCOMPARE(shown->rowCount(), 3);
}

void TestLogPage::followToggleFollowsTheScrolling()
{
    QToolButton *follow = followButton();
    QVERIFY(follow && follow->isVisible() && follow->isCheckable());
    QVERIFY(!follow->toolTip().isEmpty());
    QVERIFY(follow->isChecked());
    m_log->append(testdata::numbered(1, 200));
    QTRY_VERIFY(scrollBar()->maximum() > 0);
    QCOMPARE(scrollBar()->value(), scrollBar()->maximum());

    scrollBar()->triggerAction(QAbstractSlider::SliderPageStepSub); // the user scrolls up
    QVERIFY(!follow->isChecked());
    const int readingAt = scrollBar()->value();
    m_log->append(testdata::numbered(201, 50));
    QTRY_COMPARE(m_page->shownModel()->rowCount(), 250);
    QCOMPARE(scrollBar()->value(), readingAt);

    QTest::mouseClick(follow, Qt::LeftButton); // back to the latest
    QVERIFY(follow->isChecked());
    QCOMPARE(scrollBar()->value(), scrollBar()->maximum());
    const int before = scrollBar()->maximum();
    m_log->append(testdata::numbered(251, 50));
    QTRY_VERIFY(scrollBar()->maximum() > before);
    QCOMPARE(scrollBar()->value(), scrollBar()->maximum());

    scrollBar()->triggerAction(QAbstractSlider::SliderToMinimum);
    QVERIFY(!follow->isChecked());
    scrollBar()->triggerAction(QAbstractSlider::SliderToMaximum); // scrolled down to the bottom: on again
    QVERIFY(follow->isChecked());
}

void TestLogPage::clearingAFilterKeepsFollowing()
{
    m_log->append(testdata::numbered(1, 200));
    QTRY_VERIFY(scrollBar()->maximum() > 0);
    auto *textFilter = m_page->findChild<QLineEdit *>(QStringLiteral("textFilterEdit"));
    textFilter->setFocus();
    QTest::keyClicks(textFilter, QStringLiteral("message 17"));
    QTRY_COMPARE(m_page->shownModel()->rowCount(), 11); // 17 and 170..179: they fit, no scrolling
    QTest::keyClick(textFilter, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(textFilter, Qt::Key_Delete);
    QTRY_COMPARE(m_page->shownModel()->rowCount(), 200);
    QTRY_COMPARE(scrollBar()->value(), scrollBar()->maximum());

    m_log->append(testdata::numbered(201, 1)); // the message just sent
    QTRY_COMPARE(m_page->shownModel()->rowCount(), 201);
    QTRY_COMPARE(scrollBar()->value(), scrollBar()->maximum());
    auto *view = m_page->findChild<QTableView *>(QStringLiteral("logView"));
    const QRect lastRow = view->visualRect(m_page->shownModel()->index(200, 0));
    QVERIFY(view->viewport()->rect().contains(lastRow.center())); // on screen, not below it
    QVERIFY(followButton()->isChecked());
}

void TestLogPage::filterBoxesKeepTheirWidthAsRowsGrow()
{
    m_page->resize(690, 300); // the log's room in the window at its default size
    auto *text = m_page->findChild<QLineEdit *>(QStringLiteral("textFilterEdit"));
    auto *endpoint = m_page->findChild<QLineEdit *>(QStringLiteral("endpointFilterEdit"));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    const int textWidth = text->width();
    const int endpointWidth = endpoint->width();
    QVERIFY(endpointWidth >= endpoint->fontMetrics().horizontalAdvance(endpoint->placeholderText()));

    endpoint->setFocus();
    QTest::keyClicks(endpoint, QStringLiteral("client"));
    m_log->append(testdata::numbered(1, 10000));
    const auto *count = m_page->findChild<QLabel *>(QStringLiteral("rowCountLabel"));
    QTRY_VERIFY(count->text().contains(QLatin1String("10000 of 10000")) || count->text().contains(QLatin1String("10,000 of 10,000")));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QCOMPARE(text->width(), textWidth);
    QCOMPARE(endpoint->width(), endpointWidth);
}

QTEST_MAIN(TestLogPage)
#include "tst_logpage.moc"
