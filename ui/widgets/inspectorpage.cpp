#include "inspectorpage.h"

#include "ui_inspectorpage.h"

#include <ui/widgets/jsontreebuilder.h>

#include <ui/models/messageformat.h>

#include <engine/jsonindenter.h>

#include <netcore/escapes.h>

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLocale>
#include <QtGui/QFontDatabase>
#include <QtGui/QImage>
#include <QtWidgets/QHeaderView>

namespace wirebench {

InspectorPage::InspectorPage(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::InspectorPage>())
{
    m_ui->setupUi(this);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->hexView->setFont(fixed);
    m_ui->textView->setFont(fixed);
    m_ui->jsonTree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_ui->jsonTree->header()->setStretchLastSection(false);
    m_ui->jsonTree->setColumnWidth(0, 160);
    m_ui->jsonTree->setColumnWidth(1, 220);
    connect(m_ui->tabs, &QTabWidget::tabBarClicked, this, &InspectorPage::onTabClicked);
    clear();
}

InspectorPage::~InspectorPage() = default;

void InspectorPage::setEntry(const LogEntry &entry)
{
    m_entry = entry;
    m_hasEntry = true;
    const netcore::Message &message = entry.message;

    const QString direction = entry.direction == Direction::In                 ? tr("received by")
                              : entry.direction == Direction::Out              ? tr("sent by")
                              : entry.direction == Direction::ClientToServer ? tr("passed c2s (client to server) by")
                                                                               : tr("passed s2c (server to client) by");
    QString summary = tr("<b>%1</b> %2 <b>%3</b> · channel <b>%4</b> · %5 · id %6 · %7")
                          .arg(entry.time.toString(QStringLiteral("HH:mm:ss.zzz")), direction,
                               entry.endpoint.toHtmlEscaped(),
                               message.channel().isEmpty() ? tr("(default)") : message.channel().toHtmlEscaped(),
                               netcore::messageTypeName(message.type()))
                          .arg(message.id())
                          .arg(tr("%1 bytes").arg(QLocale().toString(entry.size)));
    const bool cut = entry.isPayloadCut();
    const QString keptOfSize = tr("the first %1 of %2")
                                   .arg(MessageFormat::sizeText(message.payload().size()),
                                        MessageFormat::sizeText(entry.size));
    if (cut)
        summary += QStringLiteral(" · <i>%1</i>").arg(tr("showing %1").arg(keptOfSize));
    m_ui->summaryLabel->setText(summary);

    showText(message);
    m_ui->hexView->setBytes(message.payload());
    const bool json = showJson(message);
    // A cut picture is never decoded: it cannot show whole, and the decoder complains on stderr.
    const bool image = !cut && showImage(message.payload());
    if (cut && looksLikeImage(message.payload())) {
        m_ui->imageLabel->clear();
        m_ui->tabs->setTabToolTip(int(View::Image), tr("The log kept only %1 of this picture").arg(keptOfSize));
    } else {
        m_ui->tabs->setTabToolTip(int(View::Image), QString());
    }
    m_ui->tabs->setTabEnabled(int(View::Json), json);
    m_ui->tabs->setTabEnabled(int(View::Image), image);

    if (m_chosenTab >= 0 && m_ui->tabs->isTabEnabled(m_chosenTab))
        m_ui->tabs->setCurrentIndex(m_chosenTab);
    else
        m_ui->tabs->setCurrentIndex(int(image ? View::Image : json ? View::Json : View::Text));
}

void InspectorPage::clear()
{
    m_entry = LogEntry();
    m_hasEntry = false;
    m_ui->summaryLabel->setText(tr("Select a message in the log."));
    m_ui->textView->clear();
    m_ui->hexView->setBytes({});
    m_ui->jsonTree->clear();
    m_ui->imageLabel->clear();
    m_ui->tabs->setTabEnabled(int(View::Json), false);
    m_ui->tabs->setTabEnabled(int(View::Image), false);
}

InspectorPage::View InspectorPage::currentView() const { return View(m_ui->tabs->currentIndex()); }

bool InspectorPage::isViewAvailable(View view) const { return m_ui->tabs->isTabEnabled(int(view)); }

void InspectorPage::setHexFont(const QFont &font) { m_ui->hexView->setFont(font); }

void InspectorPage::setTextFont(const QFont &font)
{
    m_ui->textView->setFont(font);
    m_ui->jsonTree->setFont(font);
}

bool InspectorPage::looksLikeImage(const QByteArray &bytes)
{
    return bytes.startsWith("\x89PNG\r\n\x1a\n") || bytes.startsWith("\xff\xd8\xff") || bytes.startsWith("GIF87a")
        || bytes.startsWith("GIF89a") || (bytes.startsWith("BM") && bytes.size() > 26);
}

void InspectorPage::showText(const netcore::Message &message)
{
    switch (message.type()) {
    case netcore::MessageType::Json: {
        // Indented as sent: QJsonDocument would sort the keys.
        m_ui->textView->setPlainText(message.toJson().isNull()
                                         ? message.toText()
                                         : QString::fromUtf8(JsonIndenter::indent(message.payload())));
        break;
    }
    case netcore::MessageType::Text:
        m_ui->textView->setPlainText(message.toText());
        break;
    case netcore::MessageType::Cbor:
        m_ui->textView->setPlainText(message.toCbor().toDiagnosticNotation(QCborValue::LineWrapped));
        break;
    case netcore::MessageType::Binary:
        // Escaped, so control bytes and invalid UTF-8 stay visible.
        m_ui->textView->setPlainText(netcore::escape(message.payload()));
        break;
    }
}

bool InspectorPage::showJson(const netcore::Message &message)
{
    QCborValue value;
    if (message.type() == netcore::MessageType::Json) {
        const QJsonDocument document = message.toJson();
        if (document.isObject())
            value = QCborValue::fromJsonValue(document.object());
        else if (document.isArray())
            value = QCborValue::fromJsonValue(document.array());
    } else if (message.type() == netcore::MessageType::Cbor) {
        value = message.toCbor();
    }
    if (value.isInvalid() || value.isUndefined()) {
        m_ui->jsonTree->clear();
        return false;
    }
    JsonTreeBuilder::fill(m_ui->jsonTree, value);
    return true;
}

bool InspectorPage::showImage(const QByteArray &payload)
{
    const QImage image = looksLikeImage(payload) ? QImage::fromData(payload) : QImage();
    if (image.isNull()) {
        m_ui->imageLabel->clear();
        return false;
    }
    m_ui->imageLabel->setPixmap(QPixmap::fromImage(image));
    m_ui->imageLabel->setToolTip(tr("%1 × %2 pixels").arg(image.width()).arg(image.height()));
    return true;
}

void InspectorPage::onTabClicked(int index)
{
    if (index >= 0 && m_ui->tabs->isTabEnabled(index))
        m_chosenTab = index;
}

} // namespace wirebench
