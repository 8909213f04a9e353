#include "proxydialog.h"

#include "ui_proxydialog.h"

#include <ui/widgets/formerrors.h>
#include <ui/widgets/portrange.h>

#include <netcore/endpoint.h>

#include <QtNetwork/QHostAddress>
#include <QtWidgets/QCompleter>
#include <QtWidgets/QPushButton>

namespace wirebench {

ProxyDialog::ProxyDialog(QWidget *parent) : QDialog(parent), m_ui(std::make_unique<Ui::ProxyDialog>())
{
    m_ui->setupUi(this);
    // Suggest, never complete inline: "::" (every IPv6 interface) must not turn into "::1".
    m_ui->listenHostCombo->completer()->setCompletionMode(QCompleter::PopupCompletion);
    connect(m_ui->nameEdit, &QLineEdit::textChanged, this, &ProxyDialog::updateAcceptable);
    connect(m_ui->listenHostCombo, &QComboBox::currentTextChanged, this, &ProxyDialog::updateAcceptable);
    connect(m_ui->listenPortSpin, &QSpinBox::valueChanged, this, &ProxyDialog::updateAcceptable);
    connect(m_ui->upstreamHostEdit, &QLineEdit::textChanged, this, &ProxyDialog::updateAcceptable);
    connect(m_ui->upstreamPortSpin, &QSpinBox::valueChanged, this, &ProxyDialog::updateAcceptable);
    connect(m_ui->seedEdit, &QLineEdit::textChanged, this, &ProxyDialog::updateAcceptable);
    connect(m_ui->codecEditor, &CodecEditor::configChanged, this, &ProxyDialog::updateAcceptable);
    setSpec(ProxySpec());
}

ProxyDialog::~ProxyDialog() = default;

ProxySpec ProxyDialog::spec() const
{
    ProxySpec spec = m_spec;
    spec.name = m_ui->nameEdit->text().trimmed();
    spec.listenHost = m_ui->listenHostCombo->currentText().trimmed();
    spec.listenPort = quint16(m_ui->listenPortSpin->value());
    spec.upstreamHost = m_ui->upstreamHostEdit->text().trimmed();
    spec.upstreamPort = quint16(m_ui->upstreamPortSpin->value());
    spec.codec = m_ui->codecEditor->config();
    typedSeed(&spec.seed);
    return spec;
}

void ProxyDialog::setSpec(const ProxySpec &spec)
{
    m_spec = spec;
    m_ui->nameEdit->setText(spec.name);
    m_ui->listenHostCombo->setCurrentText(spec.listenHost);
    m_ui->listenPortSpin->setValue(spec.listenPort);
    m_ui->upstreamHostEdit->setText(spec.upstreamHost);
    m_ui->upstreamPortSpin->setValue(spec.upstreamPort);
    m_ui->codecEditor->setConfig(spec.codec);
    m_ui->seedEdit->setText(spec.seed != 0 ? QString::number(spec.seed) : QString());
    updateAcceptable();
}

bool ProxyDialog::typedSeed(quint64 *seed) const
{
    const QString text = m_ui->seedEdit->text().trimmed();
    bool ok = true;
    *seed = text.isEmpty() ? 0 : text.toULongLong(&ok);
    return ok && *seed <= ProxySpec::maxSeed;
}

void ProxyDialog::updateAcceptable()
{
    // The engine's rule, so the dialog takes what a proxy can listen on (localhost, any) and nothing else.
    QHostAddress address;
    QString listenError;
    if (!netcore::Endpoint::parseListenAddress(m_ui->listenHostCombo->currentText().trimmed(), &address, &listenError))
        listenError = listenError.isEmpty() ? tr("Not an address to listen on") : listenError;
    else
        listenError = PortRange::problem(m_ui->listenPortSpin->value());
    FormErrors::show(m_ui->listenErrorLabel, listenError);

    QString upstreamError;
    if (m_ui->upstreamHostEdit->text().trimmed().isEmpty())
        upstreamError = tr("Type the host of the server to pass connections on to");
    else
        upstreamError = PortRange::problem(m_ui->upstreamPortSpin->value(), PortRange::Zero::NoPort);
    FormErrors::show(m_ui->upstreamErrorLabel, upstreamError);

    quint64 seed = 0;
    const bool seedOk = typedSeed(&seed);
    m_ui->seedEdit->setToolTip(seedOk ? tr("Of the faults' random choices: the seed a run showed makes it again")
                                      : tr("A seed is a whole number from 0 to %1").arg(ProxySpec::maxSeed));

    // What the engine refuses (message faults with the raw codec, ...), in its own words, once the
    // fields above are fine.
    QString specError;
    const bool fieldsOk = listenError.isEmpty() && upstreamError.isEmpty() && seedOk && m_ui->codecEditor->isValid();
    if (!seedOk)
        specError = tr("The seed must be a whole number up to %1, or empty for a new one each start")
                        .arg(ProxySpec::maxSeed);
    else if (fieldsOk && !spec().validate(&specError) && specError.isEmpty())
        specError = tr("The proxy cannot run with these settings");
    FormErrors::show(m_ui->specErrorLabel, specError);

    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(fieldsOk && specError.isEmpty());
}

} // namespace wirebench
