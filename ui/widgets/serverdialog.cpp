#include "serverdialog.h"

#include "ui_serverdialog.h"

#include <ui/widgets/formerrors.h>
#include <ui/widgets/portrange.h>
#include <ui/widgets/ruleseditor.h>
#include <ui/widgets/scripteditor.h>

#include <netcore/endpoint.h>
#include <netcore/peerallowlist.h>

#include <QtCore/QFileInfo>
#include <QtNetwork/QHostAddress>
#include <QtWidgets/QCompleter>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QPushButton>

namespace wirebench {

namespace {

/** Why the TLS files cannot work as typed; empty when they may (reading them is the server's job). */
QString tlsFilesProblem(const QString &certificate, const QString &key)
{
    if (certificate.isEmpty() || key.isEmpty())
        return ServerDialog::tr("TLS needs both a certificate file and a key file");
    for (const QString &path : {certificate, key}) {
        if (!QFileInfo(path).isFile())
            return ServerDialog::tr("No such file: %1").arg(path);
    }
    return {};
}

} // namespace

ServerDialog::ServerDialog(QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ServerDialog>())
{
    m_ui->setupUi(this);
    // Suggest, never complete inline: "::" (every IPv6 interface) must not turn into "::1".
    m_ui->addressCombo->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_ui->modeCombo->addItem(tr("Silent: receive only"), int(ServerMode::Silent));
    m_ui->modeCombo->addItem(tr("Echo: send each message back"), int(ServerMode::Echo));
    m_ui->modeCombo->addItem(tr("Relay: send to every other client"), int(ServerMode::Relay));
    m_ui->modeCombo->addItem(tr("Rules: answer by content"), int(ServerMode::Rules));
    m_ui->modeCombo->addItem(tr("Script: answer with JavaScript"), int(ServerMode::Script));

    connect(m_ui->codecEditor, &CodecEditor::configChanged, this, &ServerDialog::updateAcceptable);
    connect(m_ui->addressCombo, &QComboBox::currentTextChanged, this, &ServerDialog::updateAcceptable);
    connect(m_ui->portSpin, &QSpinBox::valueChanged, this, &ServerDialog::updateAcceptable);
    connect(m_ui->allowEdit, &QLineEdit::textChanged, this, &ServerDialog::updateAcceptable);
    connect(m_ui->tlsGroup, &QGroupBox::toggled, this, &ServerDialog::updateAcceptable);
    connect(m_ui->receiptsCheck, &QCheckBox::toggled, this, &ServerDialog::updateAcceptable);
    connect(m_ui->modeCombo, &QComboBox::currentIndexChanged, this, &ServerDialog::onModeChanged);
    connect(m_ui->rulesEditor, &RulesEditor::documentChanged, this, &ServerDialog::updateAcceptable);
    connect(m_ui->scriptEditor, &ScriptEditor::checked, this, &ServerDialog::updateAcceptable);
    for (QLineEdit *edit : {m_ui->certificateEdit, m_ui->keyEdit})
        connect(edit, &QLineEdit::textChanged, this, &ServerDialog::updateAcceptable);
    connect(m_ui->certificateBrowseButton, &QPushButton::clicked, this,
            [this] { browse(m_ui->certificateEdit, tr("Certificate File")); });
    connect(m_ui->keyBrowseButton, &QPushButton::clicked, this,
            [this] { browse(m_ui->keyEdit, tr("Private Key File")); });
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
    // The editors start with examples and keep what was typed while another mode is chosen: the spec
    // takes them when they are its mode's or were edited, and never while they do not parse.
    const QJsonObject rules = m_ui->rulesEditor->document();
    if (m_ui->rulesEditor->problem().isEmpty()
        && (rules != m_shownRules || (spec.mode == ServerMode::Rules && m_spec.rules.isEmpty())))
        spec.rules = rules;
    const QString script = m_ui->scriptEditor->script();
    if (m_ui->scriptEditor->problem().isEmpty()
        && (script != m_shownScript || (spec.mode == ServerMode::Script && m_spec.script.isEmpty())))
        spec.script = script;
    spec.scriptTimeoutMsecs = m_ui->scriptEditor->timeoutMsecs();
    spec.idleTimeoutMsecs = m_ui->idleTimeoutSpin->value();
    spec.allow = m_ui->allowEdit->text().trimmed();
    const bool tls = m_ui->tlsGroup->isChecked(); // unchecked keeps the paths typed, but serves plaintext
    spec.tlsCertificateFile = tls ? m_ui->certificateEdit->text().trimmed() : QString();
    spec.tlsKeyFile = tls ? m_ui->keyEdit->text().trimmed() : QString();
    // A disabled box keeps its tick for when the framing is envelope again, but asks for nothing.
    spec.receipts = m_ui->receiptsCheck->isChecked() && spec.codec.kind == netcore::CodecConfig::Kind::Envelope;
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
    m_ui->allowEdit->setText(spec.allow);
    m_ui->tlsGroup->setChecked(!spec.tlsCertificateFile.isEmpty() || !spec.tlsKeyFile.isEmpty());
    m_ui->certificateEdit->setText(spec.tlsCertificateFile);
    m_ui->keyEdit->setText(spec.tlsKeyFile);
    m_ui->receiptsCheck->setChecked(spec.receipts);
    m_ui->rulesEditor->setDocument(spec.rules.isEmpty() ? RulesEditor::exampleDocument() : spec.rules);
    m_shownRules = m_ui->rulesEditor->document(); // as the table writes it back
    m_shownScript = spec.script.isEmpty() ? ScriptEditor::exampleScript() : spec.script;
    m_ui->scriptEditor->setScript(m_shownScript);
    m_ui->scriptEditor->setTimeoutMsecs(spec.scriptTimeoutMsecs);
    onModeChanged();
}

void ServerDialog::accept()
{
    m_ui->scriptEditor->checkNow();
    updateAcceptable();
    if (m_ui->buttonBox->button(QDialogButtonBox::Ok)->isEnabled())
        QDialog::accept();
}

void ServerDialog::onModeChanged()
{
    const auto mode = ServerMode(m_ui->modeCombo->currentData().toInt());
    const bool answers = mode == ServerMode::Rules || mode == ServerMode::Script;
    m_ui->answersGroup->setTitle(mode == ServerMode::Script ? tr("Script") : tr("Rules"));
    m_ui->responderStack->setCurrentWidget(mode == ServerMode::Script ? static_cast<QWidget *>(m_ui->scriptEditor)
                                                                      : m_ui->rulesEditor);
    if (m_ui->answersGroup->isVisibleTo(this) != answers) {
        m_ui->answersGroup->setVisible(answers);
        // The editors come in beside the form and leave no empty room when they go; the layout first
        // lowers the minimum size it set with them in, or the window could not shrink.
        layout()->activate();
        adjustSize();
    }
    updateAcceptable();
}

void ServerDialog::browse(QLineEdit *edit, const QString &caption)
{
    const QString path = QFileDialog::getOpenFileName(this, caption, edit->text().trimmed(),
                                                      tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)"));
    if (!path.isEmpty())
        edit->setText(path);
}

void ServerDialog::updateAcceptable()
{
    // The engine's rule, so the dialog takes what a server can listen on (localhost, any) and nothing else.
    QHostAddress address;
    QString addressError;
    const bool addressOk = netcore::Endpoint::parseListenAddress(m_ui->addressCombo->currentText(), &address, &addressError);
    m_ui->addressCombo->setToolTip(addressError);
    FormErrors::show(m_ui->addressErrorLabel, addressOk ? QString() : addressError);
    const QString portError = PortRange::problem(m_ui->portSpin->value());
    FormErrors::show(m_ui->portErrorLabel, portError);

    netcore::PeerAllowList allowList;
    QString allowError;
    netcore::PeerAllowList::parse(m_ui->allowEdit->text().trimmed(), &allowList, &allowError);
    FormErrors::show(m_ui->allowErrorLabel, allowError);

    const QString tlsError = m_ui->tlsGroup->isChecked()
        ? tlsFilesProblem(m_ui->certificateEdit->text().trimmed(), m_ui->keyEdit->text().trimmed())
        : QString();
    FormErrors::show(m_ui->tlsErrorLabel, tlsError);

    // Receipts travel on an envelope channel: other framings have no room for them.
    m_ui->receiptsCheck->setEnabled(m_ui->codecEditor->config().kind == netcore::CodecConfig::Kind::Envelope);

    // The engine refuses a responder with receipts (it would answer what is not confirmed yet).
    const auto mode = ServerMode(m_ui->modeCombo->currentData().toInt());
    const bool receipts = m_ui->receiptsCheck->isChecked() && m_ui->receiptsCheck->isEnabled();
    const bool answers = mode == ServerMode::Rules || mode == ServerMode::Script;
    const QString modeError = answers && receipts
        ? tr("Rules and scripts answer before delivery is confirmed: turn delivery receipts off")
        : QString();
    FormErrors::show(m_ui->modeErrorLabel, modeError);
    const bool answersOk = mode == ServerMode::Rules    ? m_ui->rulesEditor->problem().isEmpty()
                           : mode == ServerMode::Script ? m_ui->scriptEditor->problem().isEmpty()
                                                        : true;

    m_ui->buttonBox->button(QDialogButtonBox::Ok)
        ->setEnabled(addressOk && portError.isEmpty() && allowError.isEmpty() && tlsError.isEmpty()
                     && m_ui->codecEditor->isValid() && modeError.isEmpty() && answersOk);
}

} // namespace wirebench
