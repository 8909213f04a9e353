#include "logpage.h"

#include "ui_logpage.h"

#include <ui/widgets/readableicon.h>
#include <ui/widgets/tableviews.h>

#include <ui/models/logexporter.h>
#include <ui/models/messageformat.h>
#include <ui/models/messagelogfiltermodel.h>
#include <ui/models/messagelogmodel.h>

#include <QtCore/QFile>
#include <QtCore/QSaveFile>
#include <QtCore/QScopedValueRollback>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QScrollBar>
#include <QtWidgets/QStyle>

namespace wirebench {

namespace {

/** The channel filter's items: every channel (empty), the default channel, then the known ones. */
enum ChannelFilterItem { AllChannelsItem, DefaultChannelItem };

} // namespace

LogPage::LogPage(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::LogPage>()), m_filterModel(new MessageLogFilterModel(this))
{
    m_ui->setupUi(this);
    m_ui->pauseButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_MediaPause));
    m_ui->clearButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_DialogResetButton));
    m_ui->exportButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_DialogSaveButton));
    m_ui->followButton->setIcon(ReadableIcon::standard(style(), QStyle::SP_ArrowDown));
    m_ui->channelFilterCombo->addItem(QString());
    m_ui->channelFilterCombo->addItem(tr("(default)"));
    m_ui->channelFilterCombo->setItemData(DefaultChannelItem, tr("Only messages on the default channel (no name)"),
                                          Qt::ToolTipRole);
    m_ui->channelFilterCombo->lineEdit()->setPlaceholderText(tr("all channels"));
    m_ui->directionFilterCombo->addItem(tr("In and out"), -1);
    m_ui->directionFilterCombo->addItem(tr("In only"), int(Direction::In));
    m_ui->directionFilterCombo->addItem(tr("Out only"), int(Direction::Out));
    m_ui->directionFilterCombo->addItem(tr("c2s only"), int(Direction::ClientToServer));
    m_ui->directionFilterCombo->setItemData(3, tr("Only what proxies passed from their clients to the servers"),
                                            Qt::ToolTipRole);
    m_ui->directionFilterCombo->addItem(tr("s2c only"), int(Direction::ServerToClient));
    m_ui->directionFilterCombo->setItemData(4, tr("Only what proxies passed from the servers back to their clients"),
                                            Qt::ToolTipRole);

    // A box keeps room for what is typed in it, however wide the row count grows.
    for (const auto &[edit, sample] : {std::pair{m_ui->textFilterEdit, QStringLiteral("sensor")},
                                       std::pair{m_ui->endpointFilterEdit, QStringLiteral("client 1")}})
        edit->setMinimumWidth(edit->minimumSizeHint().width() + edit->fontMetrics().horizontalAdvance(sample));

    TableViews::setUpCompact(m_ui->logView);
    m_ui->logView->setModel(m_filterModel);

    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(filterDelayMsecs);
    connect(&m_filterDelay, &QTimer::timeout, this, &LogPage::applyFilters);
    auto refilterSoon = [this] { m_filterDelay.start(); };
    connect(m_ui->textFilterEdit, &QLineEdit::textChanged, this, refilterSoon);
    connect(m_ui->endpointFilterEdit, &QLineEdit::textChanged, this, refilterSoon);
    connect(m_ui->channelFilterCombo, &QComboBox::currentTextChanged, this, refilterSoon);
    connect(m_ui->directionFilterCombo, qOverload<int>(&QComboBox::currentIndexChanged), this, &LogPage::applyFilters);
    connect(m_ui->pauseButton, &QToolButton::toggled, this, [this](bool paused) {
        m_ui->pauseButton->setText(paused ? tr("&Resume") : tr("&Pause"));
        m_ui->pauseButton->setIcon(ReadableIcon::standard(style(), paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
        emit pausedChanged(paused);
    });
    connect(m_ui->clearButton, &QToolButton::clicked, this, [this] {
        if (m_logModel)
            m_logModel->clear();
    });
    connect(m_ui->exportButton, &QToolButton::clicked, this, &LogPage::exportWithDialog);

    connect(m_ui->followButton, &QToolButton::toggled, this, &LogPage::scrollToTailIfFollowing);
    const QScrollBar *scrollBar = m_ui->logView->verticalScrollBar();
    connect(scrollBar, &QScrollBar::valueChanged, this, &LogPage::onScrolled);
    connect(scrollBar, &QScrollBar::rangeChanged, this, &LogPage::onScrollRangeChanged);

    connect(m_filterModel, &QAbstractItemModel::rowsInserted, this, &LogPage::onRowsInserted);
    // A filter changed (one layout change), rows evicted or all gone: the tail moved.
    const auto tailMoved = [this] {
        updateRowCount();
        scrollToTailIfFollowing();
    };
    connect(m_filterModel, &QAbstractItemModel::rowsRemoved, this, tailMoved);
    connect(m_filterModel, &QAbstractItemModel::modelReset, this, tailMoved);
    connect(m_filterModel, &QAbstractItemModel::layoutChanged, this, tailMoved);
    connect(m_ui->logView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &LogPage::onCurrentChanged);
    updateRowCount();
}

LogPage::~LogPage() = default;

QString LogPage::widestDirection() const
{
    // Fractional widths: "out" and "c2s" round to the same pixels, and one of them needs one more.
    const QFontMetricsF metrics(m_ui->logView->font());
    QString widest;
    for (const Direction direction : {Direction::In, Direction::Out, Direction::ClientToServer, Direction::ServerToClient}) {
        const QString text = MessageFormat::directionText(direction);
        if (metrics.horizontalAdvance(text) > metrics.horizontalAdvance(widest))
            widest = text;
    }
    return widest;
}

void LogPage::setLogModel(MessageLogModel *model)
{
    m_logModel = model;
    m_filterModel->setSourceModel(model);
    // The preview takes the rest. An IPv4 endpoint: the preview is what the log is read for.
    using C = MessageLogModel;
    TableViews::setColumnSamples(m_ui->logView, {{C::TimeColumn, QStringLiteral("23:59:59.999")},
                                                 {C::DirectionColumn, widestDirection()},
                                                 {C::EndpointColumn, QStringLiteral("server 1 #12 127.0.0.1:65535")},
                                                 {C::ChannelColumn, QStringLiteral("telemetry")},
                                                 {C::TypeColumn, QStringLiteral("binary")},
                                                 {C::IdColumn, QStringLiteral("100,000")},
                                                 {C::SizeColumn, TableViews::bytesSample()}});
    updateRowCount();
}

const MessageLogFilterModel *LogPage::shownModel() const { return m_filterModel; }

void LogPage::addKnownChannels(const QStringList &channels)
{
    for (const QString &channel : channels) {
        if (!channel.isEmpty() && m_ui->channelFilterCombo->findText(channel, Qt::MatchFixedString | Qt::MatchCaseSensitive) < 0)
            m_ui->channelFilterCombo->addItem(channel);
    }
}

bool LogPage::isPaused() const { return m_ui->pauseButton->isChecked(); }

void LogPage::setPaused(bool paused) { m_ui->pauseButton->setChecked(paused); }

bool LogPage::isFollowingTail() const { return m_ui->followButton->isChecked(); }

void LogPage::setFollowingTail(bool follow) { m_ui->followButton->setChecked(follow); }

bool LogPage::selectLatest(const QString &channel)
{
    for (int row = m_filterModel->rowCount() - 1; row >= 0; --row) {
        const QModelIndex index = m_filterModel->index(row, 0);
        if (channel.isEmpty() || index.data(MessageLogModel::ChannelRole).toString() == channel) {
            m_ui->logView->setCurrentIndex(index);
            m_ui->logView->scrollTo(index);
            return true;
        }
    }
    return false;
}

LogPage::ExportFormat LogPage::formatForPath(const QString &path)
{
    return path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) ? ExportFormat::Csv : ExportFormat::JsonLines;
}

bool LogPage::exportToFile(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    const bool written = formatForPath(path) == ExportFormat::Csv
        ? LogExporter::exportCsv(m_filterModel, &file, error)
        : LogExporter::exportJsonLines(m_filterModel, &file, error);
    if (!written)
        return false;
    if (!file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void LogPage::exportWithDialog()
{
    const QString jsonLines = tr("JSON Lines (*.jsonl)");
    const QString csv = tr("CSV (*.csv)");
    QString chosenFilter = jsonLines;
    QString path = QFileDialog::getSaveFileName(this, tr("Export Log"), QStringLiteral("wirebench-log.jsonl"),
                                                jsonLines + QStringLiteral(";;") + csv, &chosenFilter);
    if (path.isEmpty())
        return;
    if (!path.contains(QLatin1Char('.')))
        path += chosenFilter == csv ? QStringLiteral(".csv") : QStringLiteral(".jsonl");
    QString error;
    const int rows = m_filterModel->rowCount();
    if (exportToFile(path, &error))
        emit exported(rows, path);
    else
        QMessageBox::warning(this, tr("Export Log"), error);
}

void LogPage::onRowsInserted()
{
    scrollToTailIfFollowing();
    updateRowCount();
}

void LogPage::onScrolled(int value)
{
    if (!m_scrollingItself)
        setFollowingTail(value >= m_ui->logView->verticalScrollBar()->maximum());
}

void LogPage::onScrollRangeChanged(int minimum, int maximum)
{
    Q_UNUSED(minimum)
    QScrollBar *bar = m_ui->logView->verticalScrollBar();
    // Runs before the scroll bar clamps its value to the new range: a clamp to the bottom is not
    // the user scrolling there, and a longer log while following moves the view with it.
    if (isFollowingTail() || bar->value() > maximum) {
        const QScopedValueRollback guard(m_scrollingItself, true);
        bar->setValue(isFollowingTail() ? maximum : qMin(bar->value(), maximum));
    }
}

void LogPage::scrollToTailIfFollowing()
{
    if (!isFollowingTail())
        return;
    const QScopedValueRollback guard(m_scrollingItself, true);
    m_ui->logView->scrollToBottom();
}

void LogPage::onCurrentChanged(const QModelIndex &current)
{
    if (current.isValid())
        emit entrySelected(current.data(MessageLogModel::EntryRole).value<LogEntry>());
}

void LogPage::applyFilters()
{
    m_filterModel->setTextFilter(m_ui->textFilterEdit->text());
    // An empty channel filter means every channel, so the default channel "" has an item of its own.
    const QString channel = m_ui->channelFilterCombo->currentText().trimmed();
    if (channel == m_ui->channelFilterCombo->itemText(DefaultChannelItem))
        m_filterModel->setDefaultChannelOnly();
    else
        m_filterModel->setChannelFilter(channel);
    m_filterModel->setEndpointFilter(m_ui->endpointFilterEdit->text().trimmed());
    m_filterModel->setDirectionFilter(m_ui->directionFilterCombo->currentData().toInt());
    updateRowCount();
}

void LogPage::updateRowCount()
{
    const int shown = m_filterModel->rowCount();
    const int total = m_logModel ? m_logModel->rowCount() : 0;
    const QLocale locale;
    // Room for the widest count this log can show (as many digits as its capacity, the widest digit in
    // each, and a space to spare), at a fixed width: the filter boxes never move as the count grows.
    QString widest = locale.toString(m_logModel ? m_logModel->capacity() : 0);
    for (QChar &digit : widest) {
        if (digit.isDigit())
            digit = QLatin1Char('8');
    }
    const QFontMetrics metrics = m_ui->rowCountLabel->fontMetrics();
    m_ui->rowCountLabel->setFixedWidth(qMax(metrics.horizontalAdvance(tr("%1 of %2").arg(widest, widest)),
                                            metrics.horizontalAdvance(tr("%1 rows").arg(widest)))
                                       + metrics.horizontalAdvance(QLatin1Char(' ')));
    // Filtered, "shown of all" (the tooltip says so); the bar stays narrow enough for a laptop's screen.
    m_ui->rowCountLabel->setText(m_filterModel->isFiltering()
                                     ? tr("%1 of %2").arg(locale.toString(shown), locale.toString(total))
                                     : tr("%1 rows").arg(locale.toString(total)));
}

} // namespace wirebench
