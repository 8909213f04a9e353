#include "codeceditor.h"

#include "ui_codeceditor.h"

#include <ui/widgets/formerrors.h>

#include <netcore/escapes.h>

#include <QtCore/QSignalBlocker>

#include <climits>
#include <vector>

using netcore::CodecConfig;
using netcore::MessageType;

namespace wirebench {

namespace {

constexpr int lengthFieldSizes[] = {1, 2, 3, 4, 8};

CodecConfig presetConfig(CodecEditor::Preset preset)
{
    switch (preset) {
    case CodecEditor::Preset::Envelope: return CodecConfig::envelope();
    case CodecEditor::Preset::Length: return CodecConfig::length();
    case CodecEditor::Preset::PythonComms: return CodecConfig::pythonComms();
    case CodecEditor::Preset::Line: return CodecConfig::line();
    case CodecEditor::Preset::Raw: return CodecConfig::raw();
    }
    return {};
}

} // namespace

CodecEditor::CodecEditor(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::CodecEditor>())
{
    m_ui->setupUi(this);

    m_ui->kindCombo->addItem(tr("Envelope (channel, type, id)"));
    m_ui->kindCombo->addItem(tr("Length field"));
    m_ui->kindCombo->addItem(tr("Python Comms (UInt32 LE + json)"));
    m_ui->kindCombo->addItem(tr("Line (delimited)"));
    m_ui->kindCombo->addItem(tr("Raw (no framing)"));
    for (const int size : lengthFieldSizes)
        m_ui->lengthBytesCombo->addItem(size == 1 ? tr("1 byte") : tr("%1 bytes").arg(size), size);
    m_ui->byteOrderCombo->addItem(tr("Big endian"), int(QSysInfo::BigEndian));
    m_ui->byteOrderCombo->addItem(tr("Little endian"), int(QSysInfo::LittleEndian));
    for (const MessageType type : {MessageType::Binary, MessageType::Text, MessageType::Json})
        m_ui->payloadTypeCombo->addItem(netcore::messageTypeName(type), int(type));
    m_ui->stripSpin->setSpecialValueText(tr("the header"));

    connect(m_ui->kindCombo, qOverload<int>(&QComboBox::activated), this, &CodecEditor::onPresetChosen);
    for (QComboBox *combo : {m_ui->lengthBytesCombo, m_ui->byteOrderCombo, m_ui->payloadTypeCombo})
        connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, &CodecEditor::onFieldEdited);
    for (QSpinBox *spin : {m_ui->lengthOffsetSpin, m_ui->lengthAdjustSpin, m_ui->stripSpin, m_ui->maxFrameSpin})
        connect(spin, qOverload<int>(&QSpinBox::valueChanged), this, &CodecEditor::onFieldEdited);
    connect(m_ui->delimiterEdit, &QLineEdit::textChanged, this, &CodecEditor::onFieldEdited);

    showConfig();
}

CodecEditor::~CodecEditor() = default;

CodecConfig CodecEditor::config() const { return m_config; }

void CodecEditor::setConfig(const CodecConfig &config)
{
    m_config = config;
    m_delimiterError.clear();
    showConfig();
    emit configChanged();
}

CodecEditor::Preset CodecEditor::preset() const
{
    switch (m_config.kind) {
    case CodecConfig::Kind::Envelope: return Preset::Envelope;
    case CodecConfig::Kind::Length:
        return m_config == CodecConfig::pythonComms() ? Preset::PythonComms : Preset::Length;
    case CodecConfig::Kind::Line: return Preset::Line;
    case CodecConfig::Kind::Raw: return Preset::Raw;
    }
    return Preset::Envelope;
}

bool CodecEditor::isValid() const { return errorString().isEmpty(); }

QString CodecEditor::errorString() const
{
    if (!m_delimiterError.isEmpty())
        return tr("Delimiter: %1").arg(m_delimiterError);
    return m_config.validate();
}

void CodecEditor::onPresetChosen(int index)
{
    m_config = presetConfig(Preset(index));
    m_delimiterError.clear();
    showConfig();
    emit configChanged();
}

void CodecEditor::onFieldEdited()
{
    m_config.lengthFieldLength = m_ui->lengthBytesCombo->currentData().toInt();
    m_config.lengthFieldOffset = m_ui->lengthOffsetSpin->value();
    m_config.lengthAdjustment = m_ui->lengthAdjustSpin->value();
    m_config.initialBytesToStrip = m_ui->stripSpin->value();
    m_config.byteOrder = QSysInfo::Endian(m_ui->byteOrderCombo->currentData().toInt());
    m_config.payloadType = MessageType(m_ui->payloadTypeCombo->currentData().toInt());
    if (m_config.kind == CodecConfig::Kind::Line) {
        m_config.maxLineLength = m_ui->maxFrameSpin->value();
        QString why;
        const QByteArray delimiter = netcore::unescape(m_ui->delimiterEdit->text(), &why);
        m_delimiterError = why;
        if (why.isEmpty())
            m_config.delimiter = delimiter;
    } else if (m_config.kind != CodecConfig::Kind::Raw) {
        m_config.maxFrameSize = m_ui->maxFrameSpin->value();
    }

    // Editing the preset's fields makes it a plain length codec: say so.
    const QSignalBlocker blocker(m_ui->kindCombo);
    m_ui->kindCombo->setCurrentIndex(int(preset()));
    updateError();
    emit configChanged();
}

void CodecEditor::showConfig()
{
    const QList<QWidget *> fields{m_ui->kindCombo,     m_ui->lengthBytesCombo, m_ui->lengthOffsetSpin,
                                  m_ui->lengthAdjustSpin, m_ui->stripSpin,     m_ui->byteOrderCombo,
                                  m_ui->payloadTypeCombo, m_ui->delimiterEdit, m_ui->maxFrameSpin};
    std::vector<std::unique_ptr<QSignalBlocker>> blockers;
    for (QWidget *field : fields)
        blockers.push_back(std::make_unique<QSignalBlocker>(field));

    m_ui->kindCombo->setCurrentIndex(int(preset()));
    m_ui->lengthBytesCombo->setCurrentIndex(m_ui->lengthBytesCombo->findData(m_config.lengthFieldLength));
    m_ui->lengthOffsetSpin->setValue(m_config.lengthFieldOffset);
    m_ui->lengthAdjustSpin->setValue(int(qBound<qint64>(qint64(INT_MIN) + 1, m_config.lengthAdjustment, qint64(INT_MAX))));
    m_ui->stripSpin->setValue(m_config.initialBytesToStrip);
    m_ui->byteOrderCombo->setCurrentIndex(m_ui->byteOrderCombo->findData(int(m_config.byteOrder)));
    m_ui->payloadTypeCombo->setCurrentIndex(m_ui->payloadTypeCombo->findData(int(m_config.payloadType)));
    if (m_delimiterError.isEmpty())
        m_ui->delimiterEdit->setText(netcore::escape(m_config.delimiter));
    const qint64 maxFrame = m_config.kind == CodecConfig::Kind::Line ? m_config.maxLineLength : m_config.maxFrameSize;
    m_ui->maxFrameSpin->setValue(int(qBound<qint64>(1, maxFrame, qint64(INT_MAX))));

    updateRows();
    updateError();
}

void CodecEditor::updateRows()
{
    const bool length = m_config.kind == CodecConfig::Kind::Length;
    const bool line = m_config.kind == CodecConfig::Kind::Line;
    auto *form = m_ui->formLayout;
    for (QWidget *field : {static_cast<QWidget *>(m_ui->lengthBytesCombo), static_cast<QWidget *>(m_ui->lengthOffsetSpin),
                           static_cast<QWidget *>(m_ui->lengthAdjustSpin), static_cast<QWidget *>(m_ui->stripSpin),
                           static_cast<QWidget *>(m_ui->byteOrderCombo)})
        form->setRowVisible(field, length);
    form->setRowVisible(m_ui->payloadTypeCombo, length || line);
    form->setRowVisible(m_ui->delimiterEdit, line);
    form->setRowVisible(m_ui->maxFrameSpin, m_config.kind != CodecConfig::Kind::Raw);
    m_ui->maxFrameLabel->setText(line ? tr("&Max line:") : tr("&Max frame:"));
}

void CodecEditor::updateError()
{
    FormErrors::show(m_ui->errorLabel, errorString());
}

} // namespace wirebench
