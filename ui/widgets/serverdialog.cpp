#include "serverdialog.h"

#include "ui_serverdialog.h"

#include <QtNetwork/QHostAddress>
#include <QtWidgets/QPushButton>

namespace wirebench {

ServerDialog::ServerDialog(QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ServerDialog>())
{
    m_ui->setupUi(this);
    m_ui->modeCombo->addItem(tr("Silent: receive only"), int(ServerMode::Silent));
    m_ui->modeCombo->addItem(tr("Echo: send each message back"), int(ServerMode::Echo));
    m_ui->modeCombo->addItem(tr("Relay: send to every other client"), int(ServerMode::Relay));

    connect(m_ui->codecEditor, &CodecEditor::configChanged, this, &ServerDialog::updateAcceptable);
    connect(m_ui->addressCombo, &QComboBox::currentTextChanged, this, &ServerDialog::updateAcceptable);
    setSpec(ServerSpec());
}

ServerDialog::~ServerDialog() = default;

ServerSpec ServerDialog::spec() const
{
    ServerSpec spec = m_spec;
    spec.name = m_ui->nameEdit->text().trimmed();
    spec.address = m_ui->addressCombo->currentText().trimmed();
    spec.port = quint16(m_ui->portSpin->value());
    spec.codec = m_ui->codecEditor->config();
    spec.maxClients = m_ui->maxClientsSpin->value();
    spec.workers = m_ui->workersSpin->value();
    spec.mode = ServerMode(m_ui->modeCombo->currentData().toInt());
    spec.idleTimeoutMsecs = m_ui->idleTimeoutSpin->value();
    return spec;
}

void ServerDialog::setSpec(const ServerSpec &spec)
{
    m_spec = spec;
    m_ui->nameEdit->setText(spec.name);
    m_ui->addressCombo->setCurrentText(spec.address);
    m_ui->portSpin->setValue(spec.port);
    m_ui->codecEditor->setConfig(spec.codec);
    m_ui->maxClientsSpin->setValue(spec.maxClients);
    m_ui->workersSpin->setValue(spec.workers);
    m_ui->modeCombo->setCurrentIndex(m_ui->modeCombo->findData(int(spec.mode)));
    m_ui->idleTimeoutSpin->setValue(spec.idleTimeoutMsecs);
    updateAcceptable();
}

void ServerDialog::updateAcceptable()
{
    const bool addressOk = !QHostAddress(m_ui->addressCombo->currentText().trimmed()).isNull();
    m_ui->addressCombo->setToolTip(addressOk ? QString() : tr("Not an IPv4 or IPv6 address"));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(addressOk && m_ui->codecEditor->isValid());
}

} // namespace wirebench
