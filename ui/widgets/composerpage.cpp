#include "composerpage.h"

#include "ui_composerpage.h"

#include <ui/models/payloadlibrarymodel.h>

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

    for (const Kind kind : {Kind::Json, Kind::Text, Kind::Binary, Kind::Cbor})
        m_textByKind.insert(int(kind), initialText(kind));
    m_ui->payloadEdit->setPlainText(m_textByKind.value(int(m_kind)));

    connect(m_ui->kindCombo, qOverload<int>(&QComboBox::currentIndexChanged), this, &ComposerPage::onKindChosen);
    connect(m_ui->payloadEdit, &QPlainTextEdit::textChanged, this, &ComposerPage::validate);
    connect(m_ui->filePathEdit, &QLineEdit::textChanged, this, &ComposerPage::validate);
    connect(m_ui->filePathEdit, &QLineEdit::textChanged, this, &ComposerPage::updateImagePreview);
    connect(m_ui->browseButton, &QPushButton::clicked, this, &ComposerPage::onBrowse);
    connect(m_ui->targetCombo, qOverload<int>(&QComboBox::currentIndexChanged), this, &ComposerPage::updateActions);
    connect(m_ui->sendButton, &QPushButton::clicked, this, &ComposerPage::onSend);
    connect(m_ui->startLoadButton, &QPushButton::clicked, this, &ComposerPage::onStartLoad);
    connect(m_ui->stopLoadButton, &QPushButton::clicked, this, &ComposerPage::stopLoadRequested);
    connect(m_ui->saveToLibraryButton, &QPushButton::clicked, this, &ComposerPage::onSaveToLibrary);
    connect(m_ui->loadFromLibraryButton, &QPushButton::clicked, this, &ComposerPage::onLoadFromLibrary);
    connect(m_ui->deleteFromLibraryButton, &QPushButton::clicked, this, &ComposerPage::onDeleteFromLibrary);
    connect(m_ui->libraryView, &QTableView::doubleClicked, this, &ComposerPage::onLoadFromLibrary);

    onKindChosen(m_ui->kindCombo->currentIndex());
}

ComposerPage::~ComposerPage() = default;

void ComposerPage::setEditorFont(const QFont &font) { m_ui->payloadEdit->setFont(font); }

void ComposerPage::setLibraryModel(PayloadLibraryModel *model)
{
    m_library = model;
    m_ui->libraryView->setModel(model);
}

void ComposerPage::setSelection(int selectedClients, int selectedConnections, const QString &serverName)
{
    m_selectedClients = selectedClients;
    m_selectedConnections = selectedConnections;
    m_serverName = serverName;
    updateActions();
}

void ComposerPage::setLoadProgress(const LoadProgress &progress)
{
    if (progress.total > 0 || progress.running) {
        const int total = int(qMin<qint64>(progress.total, INT_MAX));
        m_ui->loadProgressBar->setRange(0, qMax(total, 1));
        m_ui->loadProgressBar->setFormat(tr("%v / %m sent (%p%)"));
        m_ui->loadProgressBar->setValue(int(qMin<qint64>(progress.sent, total)));
        m_ui->loadProgressBar->setToolTip(progress.failed > 0 ? tr("Not sent: %1").arg(progress.failed)
                                                              : QString());
    }
    if (m_loadRunning != progress.running) {
        m_loadRunning = progress.running;
        updateActions();
    }
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
    netcore::Message message;
    if (buildMessage(&message))
        emit sendRequested(target(), message);
}

void ComposerPage::onStartLoad()
{
    netcore::Message message;
    if (buildMessage(&message))
        emit loadRequested(target(), message, m_ui->loadCountSpin->value(), m_ui->loadRateSpin->value());
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

bool ComposerPage::buildMessage(netcore::Message *message)
{
    QString error;
    if (!PayloadBuilder::build(m_kind, content(), m_ui->channelEdit->text().trimmed(),
                               quint32(m_ui->idSpin->value()), message, &error)) {
        m_error = error;
        validate();
        return false;
    }
    return true;
}

void ComposerPage::validate()
{
    m_error = PayloadBuilder::validate(m_kind, content());
    if (m_error.isEmpty()) {
        m_ui->validationLabel->setStyleSheet(QStringLiteral("color: palette(mid);"));
        const qint64 size = isFileKind(m_kind) ? QFileInfo(content()).size()
                          : m_kind == Kind::Json ? content().toUtf8().size()
                                                 : -1;
        m_ui->validationLabel->setText(size >= 0 ? tr("\u2713 %1 bytes").arg(size) : tr("\u2713 ok"));
    } else {
        m_ui->validationLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
        m_ui->validationLabel->setText(m_error);
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
    switch (target()) {
    case Target::SelectedClients:
        hasTarget = m_selectedClients > 0;
        summary = hasTarget ? tr("selected clients: %1").arg(m_selectedClients) : tr("select clients");
        break;
    case Target::SelectedConnections:
        hasTarget = m_selectedConnections > 0;
        summary = hasTarget ? tr("connections of %1: %2").arg(m_serverName).arg(m_selectedConnections)
                            : tr("select server connections");
        break;
    case Target::Broadcast:
        hasTarget = !m_serverName.isEmpty();
        summary = hasTarget ? tr("every client of %1").arg(m_serverName) : tr("select a server");
        break;
    }
    m_ui->targetSummaryLabel->setText(summary);
    const bool canSend = m_error.isEmpty() && hasTarget;
    m_ui->sendButton->setEnabled(canSend);
    m_ui->startLoadButton->setEnabled(canSend && !m_loadRunning);
    m_ui->stopLoadButton->setEnabled(m_loadRunning);
}

} // namespace wirebench
