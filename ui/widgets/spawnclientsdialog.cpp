#include "spawnclientsdialog.h"

#include "ui_spawnclientsdialog.h"

#include <ui/widgets/formerrors.h>
#include <ui/widgets/portrange.h>

#include <QtCore/QFileInfo>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QPushButton>

namespace wirebench {

SpawnClientsDialog::SpawnClientsDialog(QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::SpawnClientsDialog>())
{
    m_ui->setupUi(this);
    connect(m_ui->codecEditor, &CodecEditor::configChanged, this, &SpawnClientsDialog::updateAcceptable);
    connect(m_ui->hostEdit, &QLineEdit::textChanged, this, &SpawnClientsDialog::updateAcceptable);
    connect(m_ui->portSpin, &QSpinBox::valueChanged, this, &SpawnClientsDialog::updateAcceptable);
    connect(m_ui->tlsGroup, &QGroupBox::toggled, this, &SpawnClientsDialog::updateAcceptable);
    connect(m_ui->caEdit, &QLineEdit::textChanged, this, &SpawnClientsDialog::updateAcceptable);
    connect(m_ui->insecureCheck, &QCheckBox::toggled, this, &SpawnClientsDialog::updateAcceptable);
    connect(m_ui->caBrowseButton, &QPushButton::clicked, this, &SpawnClientsDialog::browseCaFile);
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
    spec.tls = m_ui->tlsGroup->isChecked();
    spec.caFile = m_ui->caEdit->text().trimmed();
    spec.insecure = m_ui->insecureCheck->isChecked();
    // A disabled box keeps its tick for when the framing is envelope again, but asks for nothing.
    spec.receipts = m_ui->receiptsCheck->isChecked() && spec.codec.kind == netcore::CodecConfig::Kind::Envelope;
    return spec;
}

void SpawnClientsDialog::setSpec(const ClientSpec &spec)
{
    m_ui->nameEdit->setText(spec.name);
    m_ui->hostEdit->setText(spec.host);
    m_ui->portSpin->setValue(spec.port);
    m_ui->codecEditor->setConfig(spec.codec);
    m_ui->autoReconnectCheck->setChecked(spec.autoReconnect);
    m_ui->tlsGroup->setChecked(spec.tls);
    m_ui->caEdit->setText(spec.caFile);
    m_ui->insecureCheck->setChecked(spec.insecure);
    m_ui->receiptsCheck->setChecked(spec.receipts);
    updateAcceptable();
}

int SpawnClientsDialog::count() const { return m_ui->countSpin->value(); }

void SpawnClientsDialog::setCount(int count) { m_ui->countSpin->setValue(count); }

void SpawnClientsDialog::browseCaFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("CA Certificates"), m_ui->caEdit->text().trimmed(),
                                                      tr("PEM files (*.pem *.crt *.cer);;All files (*)"));
    if (!path.isEmpty())
        m_ui->caEdit->setText(path);
}

void SpawnClientsDialog::updateAcceptable()
{
    const bool hostOk = !m_ui->hostEdit->text().trimmed().isEmpty();
    // Insecure trusts nothing in particular: a CA file would be ignored, so say so by disabling it.
    // Without TLS the group disables its children; enabling one here would undo that.
    const bool insecure = m_ui->insecureCheck->isChecked();
    const bool caUsed = m_ui->tlsGroup->isChecked() && !insecure;
    m_ui->caEdit->setEnabled(caUsed);
    m_ui->caBrowseButton->setEnabled(caUsed);
    const QString caFile = m_ui->caEdit->text().trimmed();
    const QString tlsError = m_ui->tlsGroup->isChecked() && !insecure && !caFile.isEmpty()
            && !QFileInfo(caFile).isFile()
        ? tr("No such file: %1").arg(caFile)
        : QString();
    FormErrors::show(m_ui->tlsErrorLabel, tlsError);
    const QString portError = PortRange::problem(m_ui->portSpin->value(), PortRange::Zero::NoPort);
    FormErrors::show(m_ui->portErrorLabel, portError);
    // Receipts travel on an envelope channel: other framings have no room for them.
    m_ui->receiptsCheck->setEnabled(m_ui->codecEditor->config().kind == netcore::CodecConfig::Kind::Envelope);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)
        ->setEnabled(hostOk && portError.isEmpty() && tlsError.isEmpty() && m_ui->codecEditor->isValid());
}

} // namespace wirebench
