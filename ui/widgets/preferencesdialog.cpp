#include "preferencesdialog.h"

#include "ui_preferencesdialog.h"

#include <QtCore/QSignalBlocker>
#include <QtGui/QFontInfo>
#include <QtWidgets/QPushButton>

namespace wirebench {

using Theme = Preferences::Theme;

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::PreferencesDialog>())
{
    m_ui->setupUi(this);
    m_ui->themeCombo->addItem(tr("System"), int(Theme::System));
    m_ui->themeCombo->addItem(tr("Light"), int(Theme::Light));
    m_ui->themeCombo->addItem(tr("Dark"), int(Theme::Dark));
    m_ui->logCapacitySpin->setRange(Preferences::minLogCapacity, Preferences::maxLogCapacity);
    // Not in the form: uic would call setShowGroupSeparator(), which QSpinBox does not have.
    m_ui->logCapacitySpin->setGroupSeparatorShown(true);

    connect(m_ui->codecEditor, &CodecEditor::configChanged, this, &PreferencesDialog::updateAcceptable);
    connect(m_ui->hexFontCombo, &QFontComboBox::currentFontChanged, this,
            [this](const QFont &font) { m_hexFont.setFamily(font.family()); });
    connect(m_ui->hexSizeSpin, qOverload<int>(&QSpinBox::valueChanged), this,
            [this](int points) { m_hexFont.setPointSize(points); });
    connect(m_ui->textFontCombo, &QFontComboBox::currentFontChanged, this,
            [this](const QFont &font) { m_textFont.setFamily(font.family()); });
    connect(m_ui->textSizeSpin, qOverload<int>(&QSpinBox::valueChanged), this,
            [this](int points) { m_textFont.setPointSize(points); });
    connect(m_ui->buttonBox->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            [this] { emit applyRequested(preferences()); });
    connect(m_ui->buttonBox->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] { setPreferences(Preferences()); });
    setPreferences(Preferences());
}

PreferencesDialog::~PreferencesDialog() = default;

Preferences PreferencesDialog::preferences() const
{
    Preferences preferences;
    preferences.defaultCodec = m_ui->codecEditor->config();
    preferences.logCapacity = m_ui->logCapacitySpin->value();
    preferences.theme = Theme(m_ui->themeCombo->currentData().toInt());
    preferences.hexFont = m_hexFont;
    preferences.textFont = m_textFont;
    return preferences;
}

void PreferencesDialog::setPreferences(const Preferences &preferences)
{
    m_ui->codecEditor->setConfig(preferences.defaultCodec);
    m_ui->logCapacitySpin->setValue(preferences.logCapacity);
    m_ui->themeCombo->setCurrentIndex(m_ui->themeCombo->findData(int(preferences.theme)));
    m_hexFont = preferences.hexFont;
    m_textFont = preferences.textFont;
    showFont(m_hexFont, m_ui->hexFontCombo, m_ui->hexSizeSpin);
    showFont(m_textFont, m_ui->textFontCombo, m_ui->textSizeSpin);
    updateAcceptable();
}

void PreferencesDialog::showFont(const QFont &font, QFontComboBox *family, QSpinBox *size)
{
    const QSignalBlocker familyBlocker(family);
    const QSignalBlocker sizeBlocker(size);
    family->setCurrentFont(font);
    // A font given in pixels has no point size of its own: show the one it comes out at.
    size->setValue(font.pointSize() > 0 ? font.pointSize() : QFontInfo(font).pointSize());
}

void PreferencesDialog::updateAcceptable()
{
    const bool valid = m_ui->codecEditor->isValid();
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(valid);
    m_ui->buttonBox->button(QDialogButtonBox::Apply)->setEnabled(valid);
}

} // namespace wirebench
