#include "spawnclientsdialog.h"

#include "ui_spawnclientsdialog.h"

#include <QtWidgets/QPushButton>

namespace wirebench {

SpawnClientsDialog::SpawnClientsDialog(QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::SpawnClientsDialog>())
{
    m_ui->setupUi(this);
    connect(m_ui->codecEditor, &CodecEditor::configChanged, this, &SpawnClientsDialog::updateAcceptable);
    connect(m_ui->hostEdit, &QLineEdit::textChanged, this, &SpawnClientsDialog::updateAcceptable);
    setSpec(ClientSpec());
}

SpawnClientsDialog::~SpawnClientsDialog() = default;

ClientSpec SpawnClientsDialog::spec() const
{
    ClientSpec spec;
    spec.name = m_ui->nameEdit->text().trimmed();
    spec.host = m_ui->hostEdit->text().trimmed();
    spec.port = quint16(m_ui->portSpin->value());
    spec.codec = m_ui->codecEditor->config();
    spec.autoReconnect = m_ui->autoReconnectCheck->isChecked();
    return spec;
}

void SpawnClientsDialog::setSpec(const ClientSpec &spec)
{
    m_ui->nameEdit->setText(spec.name);
    m_ui->hostEdit->setText(spec.host);
    m_ui->portSpin->setValue(spec.port);
    m_ui->codecEditor->setConfig(spec.codec);
    m_ui->autoReconnectCheck->setChecked(spec.autoReconnect);
    updateAcceptable();
}

int SpawnClientsDialog::count() const { return m_ui->countSpin->value(); }

void SpawnClientsDialog::setCount(int count) { m_ui->countSpin->setValue(count); }

void SpawnClientsDialog::updateAcceptable()
{
    const bool hostOk = !m_ui->hostEdit->text().trimmed().isEmpty();
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(hostOk && m_ui->codecEditor->isValid());
}

} // namespace wirebench
