#include "faultdialog.h"

#include "ui_faultdialog.h"

#include <ui/widgets/formerrors.h>

#include <ui/models/faulttext.h>

#include <QtWidgets/QPushButton>

namespace wirebench {

namespace {

/** What the amount and the extra are called for a kind, and in what unit; an empty label: unused. */
struct Parameters
{
    QString amount;
    QString amountUnit;
    QString extra;
    QString extraUnit;
    qint64 defaultAmount = 0;
    bool channel = false;
    bool probability = false;
};

Parameters parametersOf(Fault::Kind kind)
{
    const QString ms = FaultDialog::tr(" ms");
    switch (kind) {
    case Fault::Kind::Latency: return {FaultDialog::tr("&Delay:"), ms, FaultDialog::tr("&Jitter (±):"), ms, 100};
    case Fault::Kind::Bandwidth: return {FaultDialog::tr("&Rate:"), FaultDialog::tr(" KiB/s"), {}, {}, 64};
    case Fault::Kind::Slice:
        return {FaultDialog::tr("&Write size:"), FaultDialog::tr(" B"), FaultDialog::tr("&Pause between:"),
                FaultDialog::tr(" µs"), 16};
    case Fault::Kind::LimitData: return {FaultDialog::tr("&Close after:"), FaultDialog::tr(" B"), {}, {}, 1024};
    case Fault::Kind::Timeout: return {FaultDialog::tr("&Close after:"), ms, {}, {}, 1000};
    case Fault::Kind::ResetAfter: return {FaultDialog::tr("&Reset after:"), ms, {}, {}, 1000};
    case Fault::Kind::SlowClose: return {FaultDialog::tr("&Delay the close:"), ms, {}, {}, 1000};
    case Fault::Kind::Drop:
    case Fault::Kind::Duplicate: return {{}, {}, {}, {}, 0, true, true};
    case Fault::Kind::Corrupt: return {{}, {}, {}, {}, 0, false, true};
    case Fault::Kind::DelayChannel: return {FaultDialog::tr("&Delay:"), ms, {}, {}, 500, true, false};
    }
    return {};
}

} // namespace

FaultDialog::FaultDialog(QWidget *parent) : QDialog(parent), m_ui(std::make_unique<Ui::FaultDialog>())
{
    m_ui->setupUi(this);
    const QList<Fault::Kind> kinds = FaultText::kinds();
    for (const Fault::Kind kind : kinds) {
        m_ui->kindCombo->addItem(FaultText::kind(kind), int(kind));
        m_ui->kindCombo->setItemData(m_ui->kindCombo->count() - 1, FaultText::explanation(kind), Qt::ToolTipRole);
    }
    m_ui->directionsCombo->addItem(tr("Both ways"), int(Fault::Directions::Both));
    m_ui->directionsCombo->addItem(tr("c2s: client to server"), int(Fault::Directions::ClientToServer));
    m_ui->directionsCombo->addItem(tr("s2c: server to client"), int(Fault::Directions::ServerToClient));

    connect(m_ui->kindCombo, &QComboBox::activated, this, &FaultDialog::onKindChosen);
    connect(m_ui->amountSpin, &QSpinBox::valueChanged, this, &FaultDialog::updateAcceptable);
    connect(m_ui->extraSpin, &QSpinBox::valueChanged, this, &FaultDialog::updateAcceptable);
    connect(m_ui->channelEdit, &QLineEdit::textChanged, this, &FaultDialog::updateAcceptable);
    connect(m_ui->probabilitySpin, &QDoubleSpinBox::valueChanged, this, &FaultDialog::updateAcceptable);
    setFault(Fault());
    onKindChosen(); // a new fault starts with its kind's usual parameters
}

FaultDialog::~FaultDialog() = default;

Fault FaultDialog::fault() const
{
    Fault fault = m_fault;
    fault.kind = Fault::Kind(m_ui->kindCombo->currentData().toInt());
    fault.directions = Fault::Directions(m_ui->directionsCombo->currentData().toInt());
    const Parameters parameters = parametersOf(fault.kind);
    fault.amount = parameters.amount.isEmpty() ? 0 : m_ui->amountSpin->value();
    fault.extra = parameters.extra.isEmpty() ? 0 : m_ui->extraSpin->value();
    fault.channel = parameters.channel ? m_ui->channelEdit->text().trimmed() : QStringLiteral("*");
    fault.probability = parameters.probability ? m_ui->probabilitySpin->value() : 1.0;
    return fault;
}

void FaultDialog::setFault(const Fault &fault)
{
    m_fault = fault;
    m_ui->kindCombo->setCurrentIndex(m_ui->kindCombo->findData(int(fault.kind)));
    m_ui->directionsCombo->setCurrentIndex(m_ui->directionsCombo->findData(int(fault.directions)));
    m_ui->amountSpin->setValue(int(qBound(qint64(0), fault.amount, qint64(m_ui->amountSpin->maximum()))));
    m_ui->extraSpin->setValue(int(qBound(qint64(0), fault.extra, qint64(m_ui->extraSpin->maximum()))));
    m_ui->channelEdit->setText(fault.channel);
    m_ui->probabilitySpin->setValue(fault.probability);
    showRowsOfKind();
}

void FaultDialog::setMessageFaultsAllowed(bool allowed)
{
    m_messageFaultsAllowed = allowed;
    updateAcceptable();
}

void FaultDialog::onKindChosen()
{
    const Parameters parameters = parametersOf(Fault::Kind(m_ui->kindCombo->currentData().toInt()));
    m_ui->amountSpin->setValue(int(parameters.defaultAmount));
    m_ui->extraSpin->setValue(0);
    showRowsOfKind();
}

void FaultDialog::showRowsOfKind()
{
    const auto kind = Fault::Kind(m_ui->kindCombo->currentData().toInt());
    const Parameters parameters = parametersOf(kind);
    m_ui->explanationLabel->setText(FaultText::explanation(kind) + QLatin1Char('.'));
    m_ui->amountLabel->setText(parameters.amount);
    m_ui->amountSpin->setSuffix(parameters.amountUnit);
    // Only a timeout has a meaning for 0: it then holds the connection open.
    m_ui->amountSpin->setSpecialValueText(kind == Fault::Kind::Timeout ? tr("never: hold it open") : QString());
    m_ui->extraLabel->setText(parameters.extra);
    m_ui->extraSpin->setSuffix(parameters.extraUnit);
    m_ui->faultForm->setRowVisible(m_ui->amountSpin, !parameters.amount.isEmpty());
    m_ui->faultForm->setRowVisible(m_ui->extraSpin, !parameters.extra.isEmpty());
    m_ui->faultForm->setRowVisible(m_ui->channelEdit, parameters.channel);
    m_ui->faultForm->setRowVisible(m_ui->probabilitySpin, parameters.probability);
    updateAcceptable();
}

void FaultDialog::updateAcceptable()
{
    const Fault typed = fault();
    QString error;
    if (typed.isMessageLevel() && !m_messageFaultsAllowed)
        error = tr("The proxy decodes no frames (raw): a %1 fault acts on whole messages. Choose a framing in the "
                   "proxy's settings first.").arg(FaultText::kind(typed.kind));
    else if (parametersOf(typed.kind).channel && typed.channel.isEmpty())
        error = tr("Type a channel, or * for any channel");
    else if (Fault checked; !Fault::fromJson(typed.toJson(), &checked, &error) && error.isEmpty())
        error = tr("The proxy cannot take this fault"); // the engine's own rules of range, as a workspace is read
    FormErrors::show(m_ui->faultErrorLabel, error);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(error.isEmpty());
}

} // namespace wirebench
