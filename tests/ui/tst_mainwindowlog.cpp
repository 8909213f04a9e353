#include <tests/ui/dialogdriver.h>

#include <tests/ui/isolatedsettings.h>
#include <tests/ui/logentries.h>

#include <ui/widgets/mainwindow.h>

#include <ui/models/benchsession.h>
#include <ui/models/clientlistmodel.h>
#include <ui/models/messagelogmodel.h>
#include <ui/models/serverlistmodel.h>

#include <engine/bench.h>

#include <QtCore/QBuffer>
#include <QtCore/QDir>
#include <QtCore/QRandomGenerator>
#include <QtCore/QRegularExpression>
#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimer>
#include <QtGui/QImage>
#include <QtGui/QKeyEvent>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QScrollBar>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QTabBar>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QTableView>
#include <QtWidgets/QToolButton>

#include <memory>

using namespace wirebench;

/**
 * Claims Ctrl+E in a line edit as QLineEdit does with X11's keys (Ctrl+E: end of line), where the
 * platform's keys are not X11's (offscreen has Windows' keys, which leave Ctrl+E alone).
 */
class X11EndOfLineKey : public QObject
{
protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::ShortcutOverride
            && static_cast<QKeyEvent *>(event)->keyCombination() == (Qt::ControlModifier | Qt::Key_E))
            event->accept();
        return false;
    }
};

/**
 * The window at its default size, as a new user meets it: the log and the
 * inspector with what they show, the buttons and the keys. One window for
 * every function; each leaves the log empty.
 */
class TestMainWindowLog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();
    void hexDumpFitsTheInspectorAtTheDefaultSize();
    void largePictureGoesThroughTheLogWhole();
    void iconOnlyButtonsHaveToolTips();
    void ctrlEExportsFromAFilterBoxAndSaysWhere();

private:
    template <typename T> T *find(const char *name) const { return dialogdriver::findNamed<T>(m_window.get(), name); }
    void clickLogRow(int row) const;
    void clickInspectorTab(int tab) const;

    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindowLog::initTestCase()
{
    QVERIFY(m_dir.isValid());
    isolateSettings(m_dir);
    m_window = std::make_unique<MainWindow>();
    m_window->setPersistent(false);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindowLog::cleanupTestCase() { m_window.reset(); }

void TestMainWindowLog::cleanup() { m_window->session()->logModel()->clear(); }

void TestMainWindowLog::clickLogRow(int row) const
{
    auto *view = find<QTableView>("logView");
    const QModelIndex index = view->model()->index(row, 0);
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
}

void TestMainWindowLog::clickInspectorTab(int tab) const
{
    QTabBar *bar = m_window->findChild<QWidget *>(QStringLiteral("inspectorPage"))->findChild<QTabWidget *>()->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(tab).center());
}

void TestMainWindowLog::hexDumpFitsTheInspectorAtTheDefaultSize()
{
    const QByteArray bytes("{\"temperature\": 21.5, \"unit\": \"C\", \"sensor\": \"hall-3\"}");
    m_window->session()->logModel()->append(
        {testdata::entry(1, Direction::In, QStringLiteral("client 1"), netcore::Message::binary(bytes))});
    clickLogRow(0);
    clickInspectorTab(1); // Hex
    auto *hex = find<QPlainTextEdit>("hexView");
    QTRY_VERIFY(hex->isVisible());

    const QStringList lines = hex->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(!lines.isEmpty());
    QString ascii;
    for (const QString &line : lines) {
        QVERIFY2(hex->fontMetrics().horizontalAdvance(line) <= hex->viewport()->width(),
                 qPrintable(QStringLiteral("cut at %1 px: %2").arg(hex->viewport()->width()).arg(line)));
        const int bar = line.indexOf(QLatin1Char('|'));
        QVERIFY2(bar > 0 && line.endsWith(QLatin1Char('|')), qPrintable(line)); // offset, hex, then the ASCII
        ascii += line.mid(bar + 1, line.size() - bar - 2);
    }
    QCOMPARE(ascii, QString::fromLatin1(bytes)); // every byte, printable here
    QCOMPARE(hex->horizontalScrollBar()->maximum(), 0); // nothing to scroll to
}

void TestMainWindowLog::largePictureGoesThroughTheLogWhole()
{
    // Noise does not compress: a 300 x 300 picture is a PNG of a few hundred KiB.
    QImage picture(300, 300, QImage::Format_RGB32);
    QRandomGenerator random(13);
    for (int y = 0; y < picture.height(); ++y)
        for (int x = 0; x < picture.width(); ++x)
            picture.setPixel(x, y, random.generate() | 0xff000000u);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(picture.save(&buffer, "PNG"));
    QVERIFY(png.size() > 4 * LogEntry::payloadKeepLimit);
    QTest::failOnWarning(QRegularExpression(QStringLiteral("libpng")));

    Bench *bench = m_window->session()->bench();
    const ServerListModel *servers = m_window->session()->serverModel();
    const ClientListModel *clients = m_window->session()->clientModel();
    bench->addServer(ServerSpec{});
    QTRY_VERIFY(servers->rowCount() == 1 && servers->server(0).listening);
    ClientSpec clientSpec;
    clientSpec.port = servers->server(0).boundPort;
    const QList<int> ids = bench->spawnClients(clientSpec, 1);
    QTRY_VERIFY(clients->rowCount() == 1 && clients->client(0).state == QLatin1String("connected"));
    bench->send({SendTarget::Kind::Clients, ids, 0, {}}, netcore::Message::binary(png, QStringLiteral("image")));

    // Out at the client, then In at the server: the server's copy crossed the wire.
    const MessageLogModel *log = m_window->session()->logModel();
    QTRY_COMPARE(log->rowCount(), 2);
    int received = -1;
    for (int row = 0; row < 2; ++row)
        if (log->entry(row).direction == Direction::In)
            received = row;
    QVERIFY(received >= 0);
    clickLogRow(received);

    auto *tabs = m_window->findChild<QWidget *>(QStringLiteral("inspectorPage"))->findChild<QTabWidget *>();
    QVERIFY(tabs->isTabEnabled(3));
    clickInspectorTab(3); // Image
    QCOMPARE(tabs->currentIndex(), 3);
    QCOMPARE(find<QLabel>("imageLabel")->pixmap().toImage().convertToFormat(QImage::Format_RGB32), picture);
    QVERIFY(!find<QLabel>("summaryLabel")->text().contains(QLatin1String("showing")));

    bench->removeClient(ids.at(0));
    bench->removeServer(servers->server(0).id);
    QTRY_VERIFY(servers->rowCount() == 0 && clients->rowCount() == 0);
}

void TestMainWindowLog::iconOnlyButtonsHaveToolTips()
{
    // Filled boxes show their clear buttons.
    for (QLineEdit *edit : m_window->findChildren<QLineEdit *>())
        if (edit->isClearButtonEnabled())
            edit->setText(QStringLiteral("x"));
    QStringList silent;
    for (QAbstractButton *button : m_window->findChildren<QAbstractButton *>()) {
        if ((!qobject_cast<QToolButton *>(button) && !qobject_cast<QPushButton *>(button)) || button->icon().isNull())
            continue;
        const auto *tool = qobject_cast<QToolButton *>(button);
        const bool iconOnly = button->text().isEmpty()
            || (tool && (tool->toolButtonStyle() == Qt::ToolButtonIconOnly
                         || tool->toolButtonStyle() == Qt::ToolButtonFollowStyle));
        if (iconOnly && button->toolTip().isEmpty())
            silent << QStringLiteral("%1 in %2").arg(QString::fromLatin1(button->metaObject()->className()),
                                                     button->parentWidget()->objectName());
    }
    for (QLineEdit *edit : m_window->findChildren<QLineEdit *>())
        if (edit->isClearButtonEnabled())
            edit->clear();
    QVERIFY2(silent.isEmpty(), qPrintable(silent.join(QStringLiteral(", "))));
}

void TestMainWindowLog::ctrlEExportsFromAFilterBoxAndSaysWhere()
{
    m_window->session()->logModel()->append(testdata::numbered(1, 3));
    QTRY_COMPARE(find<QTableView>("logView")->model()->rowCount(), 3);
    auto *filter = find<QLineEdit>("endpointFilterEdit");
    m_window->activateWindow();
    filter->setFocus();
    QTRY_VERIFY(filter->hasFocus());
    X11EndOfLineKey x11Keys;
    if (!QKeySequence::keyBindings(QKeySequence::MoveToEndOfLine).contains(QKeySequence(Qt::ControlModifier | Qt::Key_E)))
        filter->installEventFilter(&x11Keys);

    const QString path = m_dir.filePath(QStringLiteral("ctrl-e.jsonl"));
    const auto answered = std::make_shared<bool>(false);
    QTimer::singleShot(0, this, [path, answered] {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        dialog->selectFile(path);
        static_cast<QDialog *>(dialog)->accept(); // QFileDialog's override checks the file, but is protected
        *answered = true;
    });
    QTest::keyClick(filter, Qt::Key_E, Qt::ControlModifier);
    QVERIFY2(*answered, "Ctrl+E in a filter box opened no export dialog");

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().count('\n'), 3);
    QCOMPARE(m_window->statusBar()->currentMessage(),
             QStringLiteral("Exported 3 rows to %1").arg(QDir::toNativeSeparators(path)));
}

QTEST_MAIN(TestMainWindowLog)
#include "tst_mainwindowlog.moc"
