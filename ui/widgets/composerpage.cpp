#include "composerpage.h"

#include "ui_composerpage.h"

#include <ui/widgets/apptheme.h>
#include <ui/widgets/sendwording.h>
#include <ui/widgets/sequencepanel.h>

#include <ui/models/payloadsequencemodel.h>

#include <QtCore/QFileInfo>
#include <QtGui/QFontDatabase>
#include <QtGui/QImageReader>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QHeaderView>

namespace wirebench {

using Kind = PayloadBuilder::Kind;

namespace {

bool isFileKind(Kind kind) { return kind == Kind::File || kind == Kind::Image; }

QString initialText(Kind kind)
{
    switch (kind) {
    case Kind::Json: return QStringLiteral("{\"text\": \"hello\", \"n\": 1}");
    case Kind::Text: return QStringLiteral("hello\\n");
    case Kind::Binary: return QStringLiteral("de ad be ef");
    case Kind::Cbor: return QStringLiteral("{\"sensor\": \"t1\", \"celsius\": 21.5}");
    default: return {};
    }
}

} // namespace

ComposerPage::ComposerPage(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::ComposerPage>())
{
    m_ui->setupUi(this);
    m_ui->kindCombo->addItem(tr("JSON"), int(Kind::Json));
    m_ui->kindCombo->addItem(tr("Text"), int(Kind::Text));
    m_ui->kindCombo->addItem(tr("Binary (hex)"), int(Kind::Binary));
    m_ui->kindCombo->addItem(tr("CBOR (typed as JSON)"), int(Kind::Cbor));
    m_ui->kindCombo->addItem(tr("File"), int(Kind::File));
    m_ui->kindCombo->addItem(tr("Image"), int(Kind::Image));
    m_ui->targetCombo->addItem(tr("Selected clients"), int(Target::SelectedClients));
    m_ui->targetCombo->addItem(tr("Selected server connections"), int(Target::SelectedConnections));
    m_ui->targetCombo->addItem(tr("Broadcast from the selected server"), int(Target::Broadcast));
    m_ui->payloadEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->libraryView->horizontalHeader()->setStretchLastSection(true);
    m_ui->libraryView->verticalHeader()->hide();
    m_ui->loadProgressBar->setRange(0, 1);
    m_ui->loadProgressBar->setFormat(tr("idle"));
    m_ui->targetSummaryLabel->installEventFilter(this); // re-elided as it resizes

    for (const Kind kind : {Kind::Json, Kind::Text, Kind::Binary, Kind::Cbor})
        m_textByKind.insert(int(kind), initialText(kind));
    m_ui->payloadEdit->setPlainText(m_textByKind.value(int(m_kind)));

    connect(m_ui->kindCombo, qOverload<int>(&QComboBox::currentIndexChanged), this, &ComposerPage::onKindChosen);
    connect(m_ui->payloadEdit, &QPlainTextEdit::textChanged, this, &ComposerPage::validate);
    connect(m_ui->filePathEdit, &QLineEdit::textChanged, this, &ComposerPage::validate);
    connect(m_ui->filePathEdit, &QLineEdit::textChanged, this, &ComposerPage::updateImagePreview);
    connect(m_ui->browseButton, &QPushButton::clicked, this, &ComposerPage::onBrowse);
    connect(m_ui->targetCombo, qOverload<int>(&QComboBox::currentIndexChanged), this, &ComposerPage::updateActions);
    connect(m_ui->loadCountSpin, qOverload<int>(&QSpinBox::valueChanged), this, &ComposerPage::updateLoadTotal);
    connect(m_ui->loadRateSpin, qOverload<int>(&QSpinBox::valueChanged), this, &ComposerPage::updateLoadTotal);
    connect(m_ui->sendButton, &QPushButton::clicked, this, &ComposerPage::onSend);
    connect(m_ui->startLoadButton, &QPushButton::clicked, this, &ComposerPage::onStartLoad);
    connect(m_ui->stopLoadButton, &QPushButton::clicked, this, &ComposerPage::stopLoadRequested);
    connect(m_ui->saveToLibraryButton, &QPushButton::clicked, this, &ComposerPage::onSaveToLibrary);
    connect(m_ui->loadFromLibraryButton, &QPushButton::clicked, this, &ComposerPage::onLoadFromLibrary);
    connect(m_ui->deleteFromLibraryButton, &QPushButton::clicked, this, &ComposerPage::onDeleteFromLibrary);
    connect(m_ui->libraryView, &QTableView::doubleClicked, this, &ComposerPage::onLoadFromLibrary);
    connect(m_ui->sendModeTabs, &QTabWidget::currentChanged, this, &ComposerPage::fitSendModeTabs);
    connect(m_ui->sequencePanel, &SequencePanel::startRequested, this,
            [this](const QList<ComposedPayload> &steps, int delayMsecs) {
                emit sequenceRequested(target(), steps, delayMsecs);
            });
    connect(m_ui->sequencePanel, &SequencePanel::stopRequested, this, &ComposerPage::stopSequenceRequested);

    onKindChosen(m_ui->kindCombo->currentIndex());
    fitSendModeTabs();
}

ComposerPage::~ComposerPage() = default;

void ComposerPage::setEditorFont(const QFont &font) { m_ui->payloadEdit->setFont(font); }

void ComposerPage::setLibraryModel(PayloadLibraryModel *model)
{
    m_library = model;
    m_ui->libraryView->setModel(model);
}

void ComposerPage::setSequenceModel(PayloadSequenceModel *model)
{
    m_ui->sequencePanel->setModels(m_library, model);
}

void ComposerPage::setSelection(const Selection &selection)
{
    m_selection = selection;
    updateActions();
}

void ComposerPage::setSelection(int selectedClients, int selectedConnections, const QString &serverName)
{
    Selection selection;
    for (int n = 1; n <= selectedClients; ++n)
        selection.clientNames.append(tr("client %1").arg(n));
    selection.connections = selectedConnections;
    selection.serverName = serverName;
    selection.serverClients = selectedConnections;
    setSelection(selection);
}

void ComposerPage::setLoadProgress(const LoadProgress &progress)
{
    if (progress.total > 0 || progress.running) {
        // Per mille: a total of messages can pass what a progress bar's int holds.
        const qint64 handled = progress.messages.count();
        m_ui->loadProgressBar->setRange(0, 1000);
        m_ui->loadProgressBar->setValue(progress.total > 0 ? int(qMin<qint64>(1000, handled * 1000 / progress.total)) : 0);
        m_ui->loadProgressBar->setFormat(SendWording::loadProgress(progress));
        m_ui->loadProgressBar->setToolTip(tr("%1 × %2 repetitions").arg(progress.destinations).arg(progress.repetitions));
    }
    showRefusals(tr("Send N: %1"), progress.run, progress.messages, progress.running, &m_loadRefusals);
    if (m_loadRunning != progress.running) {
        m_loadRunning = progress.running;
        updateActions();
    }
}

void ComposerPage::setSequenceProgress(const SequenceProgress &progress)
{
    m_ui->sequencePanel->setProgress(progress);
    showRefusals(tr("Sequence: %1"), progress.run, progress.messages, progress.running, &m_sequenceRefusals);
}

void ComposerPage::showRefusals(const QString &wording, quint64 run, const SendTally &messages, bool running,
                                RefusalsShown *shown)
{
    if (shown->run != run)
        *shown = RefusalsShown{run, 0};
    // The first refusal as it comes, the count when the run ends; not again with every batch
    // (each carries the latest progress), which would hide what a later Send says.
    const qint64 refused = messages.refused;
    if (refused > 0 && (shown->refused == 0 || (!running && refused != shown->refused))) {
        showHint(m_ui->sendStatusLabel, wording.arg(messages.refusalSummary()), true);
        shown->refused = refused;
    }
}

void ComposerPage::showSendReport(const SendTally &messages)
{
    showHint(m_ui->sendStatusLabel, SendWording::sendReport(messages), messages.refused > 0);
}

ComposerPage::Target ComposerPage::target() const { return Target(m_ui->targetCombo->currentData().toInt()); }

void ComposerPage::setTarget(Target target)
{
    m_ui->targetCombo->setCurrentIndex(m_ui->targetCombo->findData(int(target)));
}

PayloadBuilder::Kind ComposerPage::kind() const { return m_kind; }

void ComposerPage::setPayload(const SavedPayload &payload)
{
    Kind kind = Kind::Json;
    if (!PayloadBuilder::parseKindName(payload.kind, &kind))
        return;
    m_ui->kindCombo->setCurrentIndex(m_ui->kindCombo->findData(int(kind)));
    if (isFileKind(kind))
        m_ui->filePathEdit->setText(payload.content);
    else
        m_ui->payloadEdit->setPlainText(payload.content);
    m_ui->channelEdit->setText(payload.channel);
    m_ui->idSpin->setValue(int(qMin<quint32>(payload.id, INT_MAX)));
    m_ui->libraryNameEdit->setText(payload.name);
}

SavedPayload ComposerPage::currentPayload() const
{
    SavedPayload payload;
    payload.name = m_ui->libraryNameEdit->text().trimmed();
    payload.kind = PayloadBuilder::kindName(m_kind);
    payload.content = content();
    payload.channel = m_ui->channelEdit->text().trimmed();
    payload.id = quint32(m_ui->idSpin->value());
    return payload;
}

QString ComposerPage::validationError() const { return m_error; }

void ComposerPage::onKindChosen(int index)
{
    const Kind previous = m_kind;
    if (!isFileKind(previous))
        m_textByKind.insert(int(previous), m_ui->payloadEdit->toPlainText());
    m_kind = Kind(m_ui->kindCombo->itemData(index).toInt());

    m_ui->payloadStack->setCurrentWidget(isFileKind(m_kind) ? m_ui->filePage : m_ui->editorPage);
    if (!isFileKind(m_kind) && m_kind != previous)
        m_ui->payloadEdit->setPlainText(m_textByKind.value(int(m_kind)));
    m_ui->channelEdit->setPlaceholderText(m_kind == Kind::Image
                                              ? QString::fromLatin1(PayloadBuilder::defaultImageChannel)
                                              : tr("default"));
    m_ui->imagePreview->setVisible(m_kind == Kind::Image);
    validate();
    updateImagePreview();
}

void ComposerPage::onBrowse()
{
    const QString filter = m_kind == Kind::Image ? tr("Images (*.png *.jpg *.jpeg *.gif *.bmp);;All files (*)")
                                                 : tr("All files (*)");
    const QString path = QFileDialog::getOpenFileName(this, tr("Choose a File to Send"),
                                                      m_ui->filePathEdit->text(), filter);
    if (!path.isEmpty())
        m_ui->filePathEdit->setText(path);
}

void ComposerPage::onSend()
{
    ComposedPayload payload;
    if (composePayload(&payload))
        emit sendRequested(target(), payload);
}

void ComposerPage::onStartLoad()
{
    ComposedPayload payload;
    if (composePayload(&payload))
        emit loadRequested(target(), payload, m_ui->loadCountSpin->value(), m_ui->loadRateSpin->value());
}

void ComposerPage::onSaveToLibrary()
{
    if (!m_library)
        return;
    SavedPayload payload = currentPayload();
    if (payload.name.isEmpty())
        payload.name = tr("%1 %2").arg(payload.kind).arg(m_library->rowCount() + 1);
    m_library->add(payload);
    m_ui->libraryNameEdit->clear();
}

void ComposerPage::onLoadFromLibrary()
{
    const QModelIndex current = m_ui->libraryView->currentIndex();
    if (m_library && current.isValid())
        setPayload(m_library->payload(current.row()));
}

void ComposerPage::onDeleteFromLibrary()
{
    const QModelIndex current = m_ui->libraryView->currentIndex();
    if (m_library && current.isValid())
        m_library->removeRow(current.row());
}

QString ComposerPage::content() const
{
    return isFileKind(m_kind) ? m_ui->filePathEdit->text().trimmed() : m_ui->payloadEdit->toPlainText();
}

bool ComposerPage::composePayload(ComposedPayload *payload)
{
    QString error;
    // A disabled field is one the targets' codec cannot carry: what is left in it is not sent.
    const bool carried = m_ui->channelEdit->isEnabled();
    if (!ComposedPayload::compose(m_kind, content(), carried ? m_ui->channelEdit->text().trimmed() : QString(),
                                  carried ? quint32(m_ui->idSpin->value()) : 0, payload, &error)) {
        m_error = error;
        validate();
        return false;
    }
    return true;
}

void ComposerPage::validate()
{
    m_error = ComposedPayload::validate(m_kind, content());
    if (m_error.isEmpty() && !isFileKind(m_kind) && TemplateText::hasPlaceholders(content())) {
        showHint(m_ui->validationLabel, tr("\u2713 templates are filled in for each message"), false);
    } else if (m_error.isEmpty()) {
        const qint64 size = isFileKind(m_kind) ? QFileInfo(content()).size()
                          : m_kind == Kind::Json ? content().toUtf8().size()
                                                 : -1;
        showHint(m_ui->validationLabel, size >= 0 ? tr("\u2713 %1 bytes").arg(size) : tr("\u2713 ok"), false);
    } else {
        showHint(m_ui->validationLabel, m_error, true);
    }
    updateActions();
}

void ComposerPage::updateImagePreview()
{
    const QString path = m_ui->filePathEdit->text().trimmed();
    if (m_kind != Kind::Image || path.isEmpty()) {
        m_ui->imagePreview->clear();
        return;
    }
    QImageReader reader(path);
    const QImage image = reader.read();
    if (image.isNull()) {
        m_ui->imagePreview->setText(tr("(no preview)"));
        return;
    }
    const QImage scaled = image.width() > 160 || image.height() > 96
        ? image.scaled(160, 96, Qt::KeepAspectRatio, Qt::SmoothTransformation) : image;
    m_ui->imagePreview->setPixmap(QPixmap::fromImage(scaled));
}

void ComposerPage::updateActions()
{
    QString summary;
    bool hasTarget = false;
    const int clients = int(m_selection.clientNames.size());
    switch (target()) {
    case Target::SelectedClients:
        hasTarget = clients > 0;
        summary = !hasTarget   ? tr("select clients")
                : clients == 1 ? tr("1 client: %1").arg(m_selection.clientNames.constFirst())
                               : tr("%1 clients: %2").arg(clients).arg(m_selection.clientNames.join(QStringLiteral(", ")));
        break;
    case Target::SelectedConnections:
        hasTarget = m_selection.connections > 0;
        summary = hasTarget ? tr("connections of %1: %2").arg(m_selection.serverName).arg(m_selection.connections)
                            : tr("select server connections");
        break;
    case Target::Broadcast:
        hasTarget = !m_selection.serverName.isEmpty();
        summary = hasTarget ? tr("every client of %1").arg(m_selection.serverName) : tr("select a server");
        break;
    }
    showSummary(summary);
    const bool canSend = m_error.isEmpty() && hasTarget;
    m_ui->sendButton->setEnabled(canSend);
    m_ui->startLoadButton->setEnabled(canSend && !m_loadRunning);
    m_ui->stopLoadButton->setEnabled(m_loadRunning);
    m_ui->sequencePanel->setTargetReady(hasTarget);
    updateChannelField();
    updateLoadTotal();
}

void ComposerPage::updateChannelField()
{
    QString why; // empty: the field is used
    const int clients = int(m_selection.clientNames.size());
    const QString onlyEnvelope = tr("only envelope framing carries a channel and an id; "
                                    "length, line and raw send the payload alone");
    if (target() == Target::SelectedClients && clients > 0 && m_selection.clientsWithoutChannels == clients)
        why = tr("The selected clients' codec has no channel or id: %1.").arg(onlyEnvelope);
    else if (target() != Target::SelectedClients && !m_selection.serverName.isEmpty() && m_selection.serverWithoutChannels)
        why = tr("%1's codec has no channel or id: %2.").arg(m_selection.serverName, onlyEnvelope);
    QString partly;
    if (target() == Target::SelectedClients && why.isEmpty() && m_selection.clientsWithoutChannels > 0)
        partly = tr("%1 of the %2 selected clients have a codec without channel and id: theirs go without.")
                     .arg(m_selection.clientsWithoutChannels).arg(clients);
    for (QWidget *field : {static_cast<QWidget *>(m_ui->channelLabel), static_cast<QWidget *>(m_ui->channelEdit),
                           static_cast<QWidget *>(m_ui->idLabel), static_cast<QWidget *>(m_ui->idSpin)}) {
        field->setEnabled(why.isEmpty());
        field->setToolTip(why.isEmpty() ? partly : why);
    }
}

void ComposerPage::updateLoadTotal()
{
    const int count = destinations();
    m_ui->loadTotalLabel->setText(count > 0 ? SendWording::loadTotal(m_ui->loadCountSpin->value(), count,
                                                                     m_ui->loadRateSpin->value())
                                            : QString());
}

void ComposerPage::fitSendModeTabs()
{
    const int shown = m_ui->sendModeTabs->currentIndex();
    for (int index = 0; index < m_ui->sendModeTabs->count(); ++index) {
        QWidget *page = m_ui->sendModeTabs->widget(index);
        page->setSizePolicy(QSizePolicy::Preferred, index == shown ? QSizePolicy::Preferred : QSizePolicy::Ignored);
    }
    m_ui->sendModeTabs->updateGeometry();
}

int ComposerPage::destinations() const
{
    switch (target()) {
    case Target::SelectedClients: return int(m_selection.clientNames.size());
    case Target::SelectedConnections: return m_selection.connections;
    case Target::Broadcast: return m_selection.serverName.isEmpty() ? 0 : m_selection.serverClients;
    }
    return 0;
}

void ComposerPage::showSummary(const QString &summary)
{
    m_summary = summary;
    m_ui->targetSummaryLabel->setToolTip(summary);
    elideSummary();
}

void ComposerPage::elideSummary()
{
    QLabel *label = m_ui->targetSummaryLabel;
    const int width = label->contentsRect().width();
    label->setText(width > 0 ? label->fontMetrics().elidedText(m_summary, Qt::ElideRight, width) : m_summary);
}

void ComposerPage::showHint(QLabel *label, const QString &text, bool isError)
{
    if (label == m_ui->sendStatusLabel) {
        m_sendStatus = text;
        m_sendStatusIsError = isError;
    }
    AppTheme::setHintColor(label, isError); // set again on a theme change (changeEvent)
    label->setText(text);
}

void ComposerPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        validate();
        if (!m_sendStatus.isEmpty())
            showHint(m_ui->sendStatusLabel, m_sendStatus, m_sendStatusIsError);
    }
}

bool ComposerPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_ui->targetSummaryLabel && event->type() == QEvent::Resize)
        elideSummary();
    return QWidget::eventFilter(watched, event);
}

} // namespace wirebench
