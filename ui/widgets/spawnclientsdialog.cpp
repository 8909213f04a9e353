#include "spawnclientsdialog.h"

#include "ui_spawnclientsdialog.h"

#include <ui/widgets/formerrors.h>
#include <ui/widgets/portrange.h>

#include <engine/composedpayload.h>

#include <QtCore/QFileInfo>
#include <QtGui/QFontDatabase>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QPushButton>

namespace wirebench {

SpawnClientsDialog::SpawnClientsDialog(QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::SpawnClientsDialog>())
{
    m_ui->setupUi(this);
    // The kinds a login can fill templates into; a file would be read once, not per login.
    m_ui->loginKindCombo->addItem(tr("JSON"), PayloadBuilder::kindName(PayloadBuilder::Kind::Json));
    m_ui->loginKindCombo->addItem(tr("Text"), PayloadBuilder::kindName(PayloadBuilder::Kind::Text));
    m_ui->loginKindCombo->addItem(tr("Binary (hex)"), PayloadBuilder::kindName(PayloadBuilder::Kind::Binary));
    m_ui->loginKindCombo->addItem(tr("CBOR (typed as JSON)"), PayloadBuilder::kindName(PayloadBuilder::Kind::Cbor));
    m_ui->loginEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    connect(m_ui->loginCheck, &QCheckBox::toggled, this, &SpawnClientsDialog::updateAcceptable);
    connect(m_ui->loginKindCombo, qOverload<int>(&QComboBox::currentIndexChanged), this,
            &SpawnClientsDialog::updateAcceptable);
    connect(m_ui->loginEdit, &QPlainTextEdit::textChanged, this, &SpawnClientsDialog::updateAcceptable);
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
    spec.login = m_ui->loginCheck->isChecked();
    spec.loginMessage.kind = m_ui->loginKindCombo->currentData().toString();
    spec.loginMessage.content = m_ui->loginEdit->toPlainText();
    // Kept as typed where the framing has no room for them: the client leaves them out (asCarriedBy()).
    spec.loginMessage.channel = m_ui->loginChannelEdit->text().trimmed();
    spec.loginMessage.id = quint32(m_ui->loginIdSpin->value());
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
    m_ui->loginCheck->setChecked(spec.login);
    const int kind = m_ui->loginKindCombo->findData(spec.loginMessage.kind);
    m_ui->loginKindCombo->setCurrentIndex(kind >= 0 ? kind : 0);
    m_ui->loginEdit->setPlainText(spec.loginMessage.content);
    m_ui->loginChannelEdit->setText(spec.loginMessage.channel);
    m_ui->loginIdSpin->setValue(int(qMin<quint32>(spec.loginMessage.id, INT_MAX)));
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
    const QString loginError = updateLogin();
    m_ui->buttonBox->button(QDialogButtonBox::Ok)
        ->setEnabled(hostOk && portError.isEmpty() && tlsError.isEmpty() && loginError.isEmpty()
                     && m_ui->codecEditor->isValid());
}

QString SpawnClientsDialog::updateLogin()
{
    const bool on = m_ui->loginCheck->isChecked();
    const bool carried = m_ui->codecEditor->config().carriesChannelAndId();
    for (QWidget *field : {static_cast<QWidget *>(m_ui->loginKindCombo), static_cast<QWidget *>(m_ui->loginEdit)})
        field->setEnabled(on);
    const QString why = carried ? QString()
                                : tr("Only envelope framing carries a channel and an id; this framing sends the "
                                     "payload alone.");
    for (QWidget *field : {static_cast<QWidget *>(m_ui->loginChannelLabel), static_cast<QWidget *>(m_ui->loginChannelEdit),
                           static_cast<QWidget *>(m_ui->loginIdLabel), static_cast<QWidget *>(m_ui->loginIdSpin)}) {
        field->setEnabled(on && carried);
        field->setToolTip(why);
    }
    PayloadBuilder::Kind kind = PayloadBuilder::Kind::Json;
    PayloadBuilder::parseKindName(m_ui->loginKindCombo->currentData().toString(), &kind);
    const QString error = on ? ComposedPayload::validate(kind, m_ui->loginEdit->toPlainText()) : QString();
    FormErrors::show(m_ui->loginErrorLabel, error);
    return error;
}

} // namespace wirebench
