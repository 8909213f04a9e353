#include "sequencepanel.h"

#include "ui_sequencepanel.h"

#include <ui/widgets/formerrors.h>
#include <ui/widgets/sendwording.h>

#include <ui/models/payloadsequencemodel.h>

#include <QtCore/QEvent>
#include <QtWidgets/QHeaderView>

namespace wirebench {

SequencePanel::SequencePanel(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::SequencePanel>())
{
    m_ui->setupUi(this);
    m_ui->stepCombo->setPlaceholderText(tr("no saved payloads yet"));
    m_ui->stepView->horizontalHeader()->setStretchLastSection(true);
    m_ui->stepView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents); // the step numbers
    m_ui->sequenceProgressBar->setRange(0, 1);
    m_ui->sequenceProgressBar->setFormat(tr("idle"));
    FormErrors::show(m_ui->sequenceErrorLabel, QString());

    connect(m_ui->stepCombo, qOverload<int>(&QComboBox::currentIndexChanged), this, &SequencePanel::updateActions);
    connect(m_ui->addStepButton, &QPushButton::clicked, this, &SequencePanel::onAddStep);
    connect(m_ui->removeStepButton, &QPushButton::clicked, this, &SequencePanel::onRemoveStep);
    connect(m_ui->stepUpButton, &QPushButton::clicked, this, [this] { moveStep(-1); });
    connect(m_ui->stepDownButton, &QPushButton::clicked, this, [this] { moveStep(+1); });
    connect(m_ui->startSequenceButton, &QPushButton::clicked, this, &SequencePanel::onStart);
    connect(m_ui->stopSequenceButton, &QPushButton::clicked, this, &SequencePanel::stopRequested);
    connect(m_ui->delaySpin, qOverload<int>(&QSpinBox::valueChanged), this, [this](int msecs) {
        if (m_sequence)
            m_sequence->setDelayMsecs(msecs);
    });
    updateActions();
}

SequencePanel::~SequencePanel() = default;

void SequencePanel::setModels(PayloadLibraryModel *library, PayloadSequenceModel *sequence)
{
    m_library = library;
    m_sequence = sequence;
    m_ui->stepCombo->setModel(library);
    m_ui->stepCombo->setModelColumn(PayloadLibraryModel::NameColumn);
    m_ui->stepView->setModel(sequence);
    m_ui->delaySpin->setValue(sequence->delayMsecs());
    connect(sequence, &PayloadSequenceModel::delayChanged, m_ui->delaySpin, &QSpinBox::setValue);
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(sequence, signal, this, &SequencePanel::validate);
    connect(sequence, &QAbstractItemModel::rowsMoved, this, &SequencePanel::validate);
    connect(sequence, &QAbstractItemModel::modelReset, this, &SequencePanel::validate);
    connect(sequence, &QAbstractItemModel::dataChanged, this, &SequencePanel::validate);
    connect(m_ui->stepView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &SequencePanel::updateActions);
    // A library that was empty gets its first payload: offer it at once.
    connect(library, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_ui->stepCombo->currentIndex() < 0)
            m_ui->stepCombo->setCurrentIndex(0);
    });
    connect(library, &QAbstractItemModel::modelReset, this, [this] {
        m_ui->stepCombo->setCurrentIndex(m_library->rowCount() > 0 ? 0 : -1);
    });
    m_ui->stepCombo->setCurrentIndex(library->rowCount() > 0 ? 0 : -1);
    validate();
}

void SequencePanel::setTargetReady(bool ready)
{
    m_targetReady = ready;
    updateActions();
}

void SequencePanel::setProgress(const SequenceProgress &progress)
{
    if (progress.steps > 0 || progress.running) {
        m_ui->sequenceProgressBar->setRange(0, qMax(1, progress.steps));
        m_ui->sequenceProgressBar->setValue(progress.stepsDone);
        m_ui->sequenceProgressBar->setFormat(SendWording::sequenceProgress(progress));
    }
    if (m_running != progress.running) {
        m_running = progress.running;
        updateActions();
    }
}

void SequencePanel::onAddStep()
{
    const int row = m_ui->stepCombo->currentIndex();
    if (!m_library || !m_sequence || row < 0)
        return;
    m_sequence->add(m_library->payload(row));
    selectStep(m_sequence->rowCount() - 1);
}

void SequencePanel::onRemoveStep()
{
    const int row = selectedStep();
    if (row < 0)
        return;
    m_sequence->removeRow(row);
    selectStep(qMin(row, m_sequence->rowCount() - 1));
}

void SequencePanel::moveStep(int by)
{
    const int row = selectedStep();
    const int to = row + by;
    if (row < 0 || to < 0 || to >= m_sequence->rowCount())
        return;
    // moveRow() puts it before the row named: one further when moving down.
    if (m_sequence->moveRow(QModelIndex(), row, QModelIndex(), by > 0 ? to + 1 : to))
        selectStep(to);
}

void SequencePanel::onStart()
{
    QList<ComposedPayload> steps;
    for (int row = 0; row < m_sequence->rowCount(); ++row) {
        const SavedPayload saved = m_sequence->payload(row);
        ComposedPayload step;
        QString why;
        if (!ComposedPayload::compose(saved, &step, &why)) {
            // A file that went away since it was checked: said like any other bad step.
            m_error = tr("Step %1 (%2): %3").arg(row + 1).arg(saved.name, why);
            FormErrors::show(m_ui->sequenceErrorLabel, m_error);
            updateActions();
            return;
        }
        steps.append(step);
    }
    emit startRequested(steps, m_ui->delaySpin->value());
}

void SequencePanel::validate()
{
    m_error.clear();
    for (int row = 0; m_sequence && row < m_sequence->rowCount() && m_error.isEmpty(); ++row) {
        const SavedPayload saved = m_sequence->payload(row);
        PayloadBuilder::Kind kind = PayloadBuilder::Kind::Json;
        const QString why = PayloadBuilder::parseKindName(saved.kind, &kind)
            ? ComposedPayload::validate(kind, saved.content)
            : tr("unknown payload kind \"%1\"").arg(saved.kind);
        if (!why.isEmpty())
            m_error = tr("Step %1 (%2): %3").arg(row + 1).arg(saved.name, why);
    }
    FormErrors::show(m_ui->sequenceErrorLabel, m_error);
    updateActions();
}

void SequencePanel::updateActions()
{
    const int steps = m_sequence ? m_sequence->rowCount() : 0;
    const int selected = selectedStep();
    m_ui->addStepButton->setEnabled(m_sequence && m_ui->stepCombo->currentIndex() >= 0);
    m_ui->removeStepButton->setEnabled(selected >= 0);
    m_ui->stepUpButton->setEnabled(selected > 0);
    m_ui->stepDownButton->setEnabled(selected >= 0 && selected < steps - 1);
    const bool canStart = steps > 0 && m_error.isEmpty() && m_targetReady && !m_running;
    m_ui->startSequenceButton->setEnabled(canStart);
    m_ui->startSequenceButton->setToolTip(steps == 0 ? tr("Add saved payloads as steps first")
                                          : !m_targetReady ? tr("Select where it goes first")
                                                           : tr("Sends the steps in order, the delay apart; "
                                                                "{{seq}} is the step's number"));
    m_ui->stopSequenceButton->setEnabled(m_running);
}

int SequencePanel::selectedStep() const
{
    const QModelIndex current = m_ui->stepView->selectionModel() ? m_ui->stepView->currentIndex() : QModelIndex();
    return current.isValid() ? current.row() : -1;
}

void SequencePanel::selectStep(int row)
{
    if (row < 0) {
        m_ui->stepView->clearSelection();
        m_ui->stepView->setCurrentIndex(QModelIndex());
    } else {
        m_ui->stepView->selectRow(row);
    }
    updateActions();
}

void SequencePanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        FormErrors::show(m_ui->sequenceErrorLabel, m_error); // the error colour follows the theme
}

} // namespace wirebench
