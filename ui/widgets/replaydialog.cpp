#include "replaydialog.h"

#include "ui_replaydialog.h"

#include <ui/widgets/recordingfiledialog.h>
#include <ui/widgets/tableviews.h>

#include <ui/models/replaydiffmodel.h>
#include <ui/models/replayrunner.h>

#include <engine/recording/differencereport.h>
#include <engine/recording/pointermask.h>

#include <netcore/endpoint.h>

#include <QtCore/QDir>
#include <QtGui/QFontDatabase>
#include <QtWidgets/QHeaderView>

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
    : QDialog(parent),
      m_ui(std::make_unique<Ui::ReplayDialog>()),
      m_runner(new ReplayRunner(this)),
      m_diffModel(new ReplayDiffModel(this))
{
    m_ui->setupUi(this);
    setUpForm();
    setUpResults();
    connect(m_runner, &ReplayRunner::progressed, this, &ReplayDialog::onProgress);
    connect(m_runner, &ReplayRunner::finished, this, &ReplayDialog::onFinished);
}

ReplayDialog::~ReplayDialog() = default;

void ReplayDialog::setUpForm()
{
    // A path typed or pasted is read when the field is left, as Browse reads what it chose.
    connect(m_ui->fileEdit, &QLineEdit::editingFinished, this, [this] {
        const QString typed = m_ui->fileEdit->text().trimmed();
        if (!typed.isEmpty() && typed != m_loadedFile)
            setRecordingFile(typed);
    });
    connect(m_ui->browseButton, &QToolButton::clicked, this, &ReplayDialog::onBrowse);
    connect(m_ui->targetCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QString where = m_ui->targetCombo->itemData(index).toString();
        if (!where.isEmpty())
            m_ui->targetEdit->setText(where);
    });

    // The data is the speed; custom (-1) takes the spin box's.
    m_ui->speedCombo->addItem(tr("1× (as recorded)"), 1.0);
    m_ui->speedCombo->addItem(tr("2×"), 2.0);
    m_ui->speedCombo->addItem(tr("10×"), 10.0);
    m_ui->speedCombo->addItem(tr("max (no waiting)"), 0.0);
    m_ui->speedCombo->addItem(tr("custom"), -1.0);
    connect(m_ui->speedCombo, &QComboBox::currentIndexChanged, this,
            [this] { m_ui->speedSpin->setEnabled(m_ui->speedCombo->currentData().toDouble() < 0); });

    connect(m_ui->replayButton, &QPushButton::clicked, this, &ReplayDialog::startReplay);
}

void ReplayDialog::setUpResults()
{
    connect(m_ui->conversationCombo, &QComboBox::currentIndexChanged, this, &ReplayDialog::showConversation);
    m_ui->diffView->setModel(m_diffModel);
    TableViews::setUpCompact(m_ui->diffView);
    QHeaderView *header = m_ui->diffView->horizontalHeader();
    header->setSectionResizeMode(ReplayDiffModel::ExpectedColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ReplayDiffModel::GotColumn, QHeaderView::Stretch);
    connect(m_ui->differenceList, &QListWidget::currentRowChanged, this, &ReplayDialog::showDifference);
    m_ui->differenceText->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    m_ui->resultsSplitter->setStretchFactor(0, 3);
    m_ui->resultsSplitter->setStretchFactor(1, 2);
    // The headings are long: "connection 1 (conn 3, 127.0.0.1:50412), s2c message 2: ...".
    m_ui->differenceSplitter->setStretchFactor(0, 1);
    m_ui->differenceSplitter->setStretchFactor(1, 1);
}

void ReplayDialog::setTargets(const QList<Target> &targets)
{
    while (m_ui->targetCombo->count() > 1)
        m_ui->targetCombo->removeItem(1);
    for (const Target &target : targets)
        m_ui->targetCombo->addItem(target.name, netcore::Endpoint::format(target.host, target.port));
    if (!targets.isEmpty() && m_ui->targetEdit->text().isEmpty()) {
        m_ui->targetCombo->setCurrentIndex(1);
        m_ui->targetEdit->setText(m_ui->targetCombo->itemData(1).toString());
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
    m_ui->fileEdit->setText(m_loadedFile);
    m_ui->summaryLabel->setText(tr("%n connection(s) to replay.", nullptr, int(recording.conversations().size())));
    return true;
}

void ReplayDialog::setTarget(const QString &hostPort)
{
    m_ui->targetCombo->setCurrentIndex(0);
    m_ui->targetEdit->setText(hostPort);
}

void ReplayDialog::onBrowse()
{
    const QString file = RecordingFileDialog::askForExisting(this, tr("Recording to Replay"));
    if (!file.isEmpty())
        setRecordingFile(file);
}

bool ReplayDialog::spec(ReplaySpec *spec, QString *why) const
{
    if (!m_hasRecording || m_ui->fileEdit->text().trimmed() != m_loadedFile) {
        *why = tr("choose a recording first");
        return false;
    }
    netcore::Endpoint target;
    if (!netcore::Endpoint::parse(m_ui->targetEdit->text().trimmed(), QStringLiteral("127.0.0.1"), &target, why))
        return false;
    if (target.port == 0) {
        *why = tr("the target needs a port: HOST:PORT");
        return false;
    }
    spec->host = target.host;
    spec->port = target.port;
    const double speed = m_ui->speedCombo->currentData().toDouble();
    spec->speed = speed < 0 ? m_ui->speedSpin->value() : speed;
    spec->compare.ignorePointers = listOf(m_ui->pointersEdit->text());
    *why = PointerMask::validate(spec->compare.ignorePointers);
    if (!why->isEmpty())
        return false;
    spec->compare.ignoreChannels = listOf(m_ui->channelsEdit->text());
    spec->compare.unordered = m_ui->unorderedBox->isChecked();
    return true;
}

bool ReplayDialog::startReplay()
{
    const QString typed = m_ui->fileEdit->text().trimmed();
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
    m_ui->differenceList->clear();
    m_ui->conversationCombo->clear();
    m_diffModel->clear();
    m_ui->differenceText->clear();
    m_ui->replayProgress->setRange(0, 0); // busy until the first progress says how much
    m_ui->replayButton->setEnabled(false);
    m_ui->summaryLabel->setText(tr("Replaying to %1…").arg(netcore::Endpoint::format(replay.host, replay.port)));
    m_runner->start(m_recording, replay);
    return true;
}

bool ReplayDialog::isReplaying() const
{
    return m_runner->isRunning();
}

QString ReplayDialog::summary() const
{
    return m_ui->summaryLabel->text();
}

void ReplayDialog::setProblem(const QString &problem)
{
    m_ui->summaryLabel->setText(tr("<span style=\"color:#c01c28\">%1</span>").arg(problem.toHtmlEscaped()));
}

void ReplayDialog::onProgress(int finishedConversations, int conversations, qint64 sent, qint64 toSend)
{
    Q_UNUSED(finishedConversations)
    Q_UNUSED(conversations)
    // Messages sent measure the way; a recording with nothing to send is done when its connections are.
    m_ui->replayProgress->setRange(0, int(qMax<qint64>(1, toSend)));
    m_ui->replayProgress->setValue(int(qMin(sent, qMax<qint64>(1, toSend))));
}

void ReplayDialog::onFinished()
{
    const ReplayRunner::Outcome &outcome = m_runner->outcome();
    m_ui->replayButton->setEnabled(true);
    m_ui->replayProgress->setRange(0, 1);
    m_ui->replayProgress->setValue(1);
    m_expected = outcome.expected;
    m_replayed = outcome.replayed;
    m_differences = outcome.result.differences;
    QString summary = outcome.result.summary();
    if (!outcome.result.error.isEmpty())
        summary = tr("could not replay: %1").arg(outcome.result.error);
    m_ui->summaryLabel->setText(outcome.result.differences.isEmpty() && outcome.result.error.isEmpty()
                                ? tr("<b>%1</b> (%2 ms)").arg(summary.toHtmlEscaped()).arg(outcome.elapsedMsecs)
                                : tr("<b style=\"color:#c01c28\">%1</b> (%2 ms)").arg(summary.toHtmlEscaped()).arg(outcome.elapsedMsecs));
    for (int i = 0; i < m_expected.size(); ++i) {
        const Conversation &conversation = m_expected.at(i);
        const auto differing = std::count_if(m_differences.cbegin(), m_differences.cend(),
                                             [i](const Difference &d) { return d.conversation == i + 1; });
        m_ui->conversationCombo->addItem(tr("%1: conn %2 %3 — %n difference(s)", nullptr, int(differing))
                                         .arg(i + 1).arg(conversation.connection).arg(conversation.peer));
    }
    for (const Difference &difference : std::as_const(m_differences))
        m_ui->differenceList->addItem(DifferenceReport::heading(difference));
    if (!m_differences.isEmpty())
        m_ui->differenceList->setCurrentRow(0);
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
        m_ui->differenceText->clear();
        return;
    }
    const Difference &difference = m_differences.at(row);
    m_ui->differenceText->setPlainText(DifferenceReport::describe(difference));
    m_ui->conversationCombo->setCurrentIndex(difference.conversation - 1);
    const int diffRow = m_diffModel->rowOf(difference);
    if (diffRow >= 0) {
        m_ui->diffView->selectRow(diffRow);
        m_ui->diffView->scrollTo(m_diffModel->index(diffRow, 0));
    }
}

} // namespace wirebench
