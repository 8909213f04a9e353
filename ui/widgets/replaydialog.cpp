#include "replaydialog.h"

#include <ui/widgets/recordingfiledialog.h>
#include <ui/widgets/tableviews.h>

#include <ui/models/replaydiffmodel.h>
#include <ui/models/replayrunner.h>

#include <engine/recording/differencereport.h>
#include <engine/recording/pointermask.h>

#include <netcore/endpoint.h>

#include <QtCore/QDir>
#include <QtGui/QFontDatabase>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QDoubleSpinBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QProgressBar>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QTableView>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QVBoxLayout>

#include <algorithm>

namespace wirebench {

namespace {

QStringList listOf(const QString &text)
{
    QStringList items;
    for (const QString &item : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!item.trimmed().isEmpty())
            items.append(item.trimmed());
    }
    return items;
}

} // namespace

ReplayDialog::ReplayDialog(QWidget *parent)
    : QDialog(parent), m_runner(new ReplayRunner(this)), m_diffModel(new ReplayDiffModel(this))
{
    setObjectName(QStringLiteral("replayDialog"));
    setWindowTitle(tr("Replay Recording"));
    resize(1100, 760);
    auto *layout = new QVBoxLayout(this);
    buildForm();
    buildResults();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_runner, &ReplayRunner::progressed, this, &ReplayDialog::onProgress);
    connect(m_runner, &ReplayRunner::finished, this, &ReplayDialog::onFinished);
}

ReplayDialog::~ReplayDialog() = default;

void ReplayDialog::buildForm()
{
    auto *form = new QFormLayout;
    // A label that names a field by its mnemonic, as a .ui form's buddy does.
    const auto label = [this](const QString &text, QWidget *buddy) {
        auto *widget = new QLabel(text, this);
        widget->setBuddy(buddy);
        return widget;
    };
    m_fileEdit = new QLineEdit(this);
    m_fileEdit->setObjectName(QStringLiteral("fileEdit"));
    m_fileEdit->setPlaceholderText(tr("a recording file: type or paste its path, or Browse"));
    // A path typed or pasted is read when the field is left, as Browse reads what it chose.
    connect(m_fileEdit, &QLineEdit::editingFinished, this, [this] {
        const QString typed = m_fileEdit->text().trimmed();
        if (!typed.isEmpty() && typed != m_loadedFile)
            setRecordingFile(typed);
    });
    auto *browse = new QToolButton(this);
    browse->setObjectName(QStringLiteral("browseButton"));
    browse->setText(tr("&Browse…"));
    connect(browse, &QToolButton::clicked, this, &ReplayDialog::onBrowse);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_fileEdit, 1);
    fileRow->addWidget(browse);
    form->addRow(tr("Recording:"), fileRow);

    m_targetCombo = new QComboBox(this);
    m_targetCombo->setObjectName(QStringLiteral("targetCombo"));
    m_targetCombo->addItem(tr("an address"));
    m_targetEdit = new QLineEdit(this);
    m_targetEdit->setObjectName(QStringLiteral("targetEdit"));
    m_targetEdit->setPlaceholderText(tr("HOST:PORT"));
    connect(m_targetCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QString where = m_targetCombo->itemData(index).toString();
        if (!where.isEmpty())
            m_targetEdit->setText(where);
    });
    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(m_targetCombo);
    targetRow->addWidget(m_targetEdit, 1);
    form->addRow(label(tr("&Target:"), m_targetEdit), targetRow);

    m_speedCombo = new QComboBox(this);
    m_speedCombo->setObjectName(QStringLiteral("speedCombo"));
    m_speedCombo->addItem(tr("1× (as recorded)"), 1.0);
    m_speedCombo->addItem(tr("2×"), 2.0);
    m_speedCombo->addItem(tr("10×"), 10.0);
    m_speedCombo->addItem(tr("max (no waiting)"), 0.0);
    m_speedCombo->addItem(tr("custom"), -1.0);
    m_speedSpin = new QDoubleSpinBox(this);
    m_speedSpin->setObjectName(QStringLiteral("speedSpin"));
    m_speedSpin->setRange(0.01, 10000);
    m_speedSpin->setValue(5);
    m_speedSpin->setSuffix(tr("×"));
    m_speedSpin->setEnabled(false);
    connect(m_speedCombo, &QComboBox::currentIndexChanged, this,
            [this] { m_speedSpin->setEnabled(m_speedCombo->currentData().toDouble() < 0); });
    auto *speedRow = new QHBoxLayout;
    speedRow->addWidget(m_speedCombo);
    speedRow->addWidget(m_speedSpin);
    speedRow->addStretch(1);
    form->addRow(label(tr("&Speed:"), m_speedCombo), speedRow);

    m_pointersEdit = new QLineEdit(this);
    m_pointersEdit->setObjectName(QStringLiteral("pointersEdit"));
    m_pointersEdit->setPlaceholderText(tr("JSON Pointers left out of json and cbor payloads: /id, /items/*/time"));
    form->addRow(label(tr("&Ignore:"), m_pointersEdit), m_pointersEdit);
    m_channelsEdit = new QLineEdit(this);
    m_channelsEdit->setObjectName(QStringLiteral("channelsEdit"));
    m_channelsEdit->setPlaceholderText(tr("channels not compared: heartbeat, log"));
    form->addRow(label(tr("Ignore &channels:"), m_channelsEdit), m_channelsEdit);
    m_unorderedBox = new QCheckBox(tr("&Unordered: only the order within each channel counts"), this);
    m_unorderedBox->setObjectName(QStringLiteral("unorderedBox"));
    form->addRow(QString(), m_unorderedBox);

    m_replayButton = new QPushButton(tr("&Replay"), this);
    m_replayButton->setObjectName(QStringLiteral("replayButton"));
    m_replayButton->setDefault(true);
    connect(m_replayButton, &QPushButton::clicked, this, &ReplayDialog::startReplay);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("replayProgress"));
    m_progress->setValue(0);
    auto *runRow = new QHBoxLayout;
    runRow->addWidget(m_replayButton);
    runRow->addWidget(m_progress, 1);
    form->addRow(QString(), runRow);
    m_summaryLabel = new QLabel(tr("Choose a recording and a target, then Replay."), this);
    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(QString(), m_summaryLabel);
    static_cast<QVBoxLayout *>(layout())->addLayout(form);
}

void ReplayDialog::buildResults()
{
    m_conversationCombo = new QComboBox(this);
    m_conversationCombo->setObjectName(QStringLiteral("conversationCombo"));
    connect(m_conversationCombo, &QComboBox::currentIndexChanged, this, &ReplayDialog::showConversation);
    m_diffView = new QTableView(this);
    m_diffView->setObjectName(QStringLiteral("diffView"));
    m_diffView->setModel(m_diffModel);
    TableViews::setUpCompact(m_diffView);
    m_diffView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_diffView->horizontalHeader()->setSectionResizeMode(ReplayDiffModel::ExpectedColumn, QHeaderView::Stretch);
    m_diffView->horizontalHeader()->setSectionResizeMode(ReplayDiffModel::GotColumn, QHeaderView::Stretch);
    m_differenceList = new QListWidget(this);
    m_differenceList->setObjectName(QStringLiteral("differenceList"));
    connect(m_differenceList, &QListWidget::currentRowChanged, this, &ReplayDialog::showDifference);
    m_differenceText = new QPlainTextEdit(this);
    m_differenceText->setObjectName(QStringLiteral("differenceText"));
    m_differenceText->setReadOnly(true);
    m_differenceText->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_differenceText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *sideBySide = new QWidget(this);
    auto *sideLayout = new QVBoxLayout(sideBySide);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    auto *conversationRow = new QHBoxLayout;
    conversationRow->addWidget(new QLabel(tr("Connection:"), this));
    conversationRow->addWidget(m_conversationCombo, 1);
    sideLayout->addLayout(conversationRow);
    sideLayout->addWidget(m_diffView, 1);
    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(m_differenceList);
    bottom->addWidget(m_differenceText);
    bottom->setStretchFactor(0, 1); // the headings are long: "connection 1 (conn 3, 127.0.0.1:50412), s2c message 2: ..."
    bottom->setStretchFactor(1, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(sideBySide);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    static_cast<QVBoxLayout *>(layout())->addWidget(splitter, 1);
}

void ReplayDialog::setTargets(const QList<Target> &targets)
{
    while (m_targetCombo->count() > 1)
        m_targetCombo->removeItem(1);
    for (const Target &target : targets)
        m_targetCombo->addItem(target.name, netcore::Endpoint::format(target.host, target.port));
    if (!targets.isEmpty() && m_targetEdit->text().isEmpty()) {
        m_targetCombo->setCurrentIndex(1);
        m_targetEdit->setText(m_targetCombo->itemData(1).toString());
    }
}

bool ReplayDialog::setRecordingFile(const QString &fileName)
{
    QString error;
    Recording recording;
    if (!Recording::load(fileName, &recording, &error)) {
        setProblem(error);
        return false;
    }
    m_recording = recording;
    m_hasRecording = true;
    m_loadedFile = QDir::toNativeSeparators(fileName);
    m_fileEdit->setText(m_loadedFile);
    m_summaryLabel->setText(tr("%n connection(s) to replay.", nullptr, int(recording.conversations().size())));
    return true;
}

void ReplayDialog::setTarget(const QString &hostPort)
{
    m_targetCombo->setCurrentIndex(0);
    m_targetEdit->setText(hostPort);
}

void ReplayDialog::onBrowse()
{
    const QString file = RecordingFileDialog::askForExisting(this, tr("Recording to Replay"));
    if (!file.isEmpty())
        setRecordingFile(file);
}

bool ReplayDialog::spec(ReplaySpec *spec, QString *why) const
{
    if (!m_hasRecording || m_fileEdit->text().trimmed() != m_loadedFile) {
        *why = tr("choose a recording first");
        return false;
    }
    netcore::Endpoint target;
    if (!netcore::Endpoint::parse(m_targetEdit->text().trimmed(), QStringLiteral("127.0.0.1"), &target, why))
        return false;
    if (target.port == 0) {
        *why = tr("the target needs a port: HOST:PORT");
        return false;
    }
    spec->host = target.host;
    spec->port = target.port;
    const double speed = m_speedCombo->currentData().toDouble();
    spec->speed = speed < 0 ? m_speedSpin->value() : speed;
    spec->compare.ignorePointers = listOf(m_pointersEdit->text());
    *why = PointerMask::validate(spec->compare.ignorePointers);
    if (!why->isEmpty())
        return false;
    spec->compare.ignoreChannels = listOf(m_channelsEdit->text());
    spec->compare.unordered = m_unorderedBox->isChecked();
    return true;
}

bool ReplayDialog::startReplay()
{
    const QString typed = m_fileEdit->text().trimmed();
    if (!typed.isEmpty() && typed != m_loadedFile && !setRecordingFile(typed))
        return false; // setRecordingFile() said why
    ReplaySpec replay;
    QString why;
    if (!spec(&replay, &why)) {
        setProblem(why);
        return false;
    }
    m_options = replay.compare;
    m_differences.clear();
    m_differenceList->clear();
    m_conversationCombo->clear();
    m_diffModel->clear();
    m_differenceText->clear();
    m_progress->setRange(0, 0); // busy until the first progress says how much
    m_replayButton->setEnabled(false);
    m_summaryLabel->setText(tr("Replaying to %1…").arg(netcore::Endpoint::format(replay.host, replay.port)));
    m_runner->start(m_recording, replay);
    return true;
}

bool ReplayDialog::isReplaying() const
{
    return m_runner->isRunning();
}

QString ReplayDialog::summary() const
{
    return m_summaryLabel->text();
}

void ReplayDialog::setProblem(const QString &problem)
{
    m_summaryLabel->setText(tr("<span style=\"color:#c01c28\">%1</span>").arg(problem.toHtmlEscaped()));
}

void ReplayDialog::onProgress(int finishedConversations, int conversations, qint64 sent, qint64 toSend)
{
    Q_UNUSED(finishedConversations)
    Q_UNUSED(conversations)
    // Messages sent measure the way; a recording with nothing to send is done when its connections are.
    m_progress->setRange(0, int(qMax<qint64>(1, toSend)));
    m_progress->setValue(int(qMin(sent, qMax<qint64>(1, toSend))));
}

void ReplayDialog::onFinished()
{
    const ReplayRunner::Outcome &outcome = m_runner->outcome();
    m_replayButton->setEnabled(true);
    m_progress->setRange(0, 1);
    m_progress->setValue(1);
    m_expected = outcome.expected;
    m_replayed = outcome.replayed;
    m_differences = outcome.result.differences;
    QString summary = outcome.result.summary();
    if (!outcome.result.error.isEmpty())
        summary = tr("could not replay: %1").arg(outcome.result.error);
    m_summaryLabel->setText(outcome.result.differences.isEmpty() && outcome.result.error.isEmpty()
                                ? tr("<b>%1</b> (%2 ms)").arg(summary.toHtmlEscaped()).arg(outcome.elapsedMsecs)
                                : tr("<b style=\"color:#c01c28\">%1</b> (%2 ms)").arg(summary.toHtmlEscaped()).arg(outcome.elapsedMsecs));
    for (int i = 0; i < m_expected.size(); ++i) {
        const Conversation &conversation = m_expected.at(i);
        const auto differing = std::count_if(m_differences.cbegin(), m_differences.cend(),
                                             [i](const Difference &d) { return d.conversation == i + 1; });
        m_conversationCombo->addItem(tr("%1: conn %2 %3 — %n difference(s)", nullptr, int(differing))
                                         .arg(i + 1).arg(conversation.connection).arg(conversation.peer));
    }
    for (const Difference &difference : std::as_const(m_differences))
        m_differenceList->addItem(DifferenceReport::heading(difference));
    if (!m_differences.isEmpty())
        m_differenceList->setCurrentRow(0);
    emit replayFinished();
}

void ReplayDialog::showConversation(int index)
{
    if (index < 0 || index >= m_expected.size() || index >= m_replayed.size()) {
        m_diffModel->clear();
        return;
    }
    m_diffModel->setConversation(m_expected.at(index), m_replayed.at(index), index + 1, m_differences, m_options);
}

void ReplayDialog::showDifference(int row)
{
    if (row < 0 || row >= m_differences.size()) {
        m_differenceText->clear();
        return;
    }
    const Difference &difference = m_differences.at(row);
    m_differenceText->setPlainText(DifferenceReport::describe(difference));
    m_conversationCombo->setCurrentIndex(difference.conversation - 1);
    const int diffRow = m_diffModel->rowOf(difference);
    if (diffRow >= 0) {
        m_diffView->selectRow(diffRow);
        m_diffView->scrollTo(m_diffModel->index(diffRow, 0));
    }
}

} // namespace wirebench
