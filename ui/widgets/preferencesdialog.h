#pragma once

#include <ui/models/preferences.h>

#include <QtWidgets/QDialog>

#include <memory>

class QFontComboBox;
class QSpinBox;

namespace Ui {
class PreferencesDialog;
}

namespace wirebench {

/**
 * Edits a Preferences value: the default framing, the log size, the theme
 * and the two fonts. OK and Apply stay disabled while the framing is
 * invalid; Restore Defaults puts the defaults in the form (nothing is
 * applied until OK or Apply). A font the user does not touch is kept
 * exactly as given.
 */
class PreferencesDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY(PreferencesDialog)

public:
    explicit PreferencesDialog(QWidget *parent = nullptr);
    ~PreferencesDialog() override;

    Preferences preferences() const;
    void setPreferences(const Preferences &preferences);

signals:
    /** Apply was clicked: @p preferences should take effect now, the dialog stays open. */
    void applyRequested(const wirebench::Preferences &preferences);

private:
    /** Shows @p font in a family combo and a size spin box, without taking it as an edit. */
    static void showFont(const QFont &font, QFontComboBox *family, QSpinBox *size);
    void updateAcceptable();

    std::unique_ptr<Ui::PreferencesDialog> m_ui;
    // The fonts live here rather than in the form: a combo box only knows real families, so showing the
    // system's "monospace" alias in it must not turn it into whichever family the alias resolves to.
    QFont m_hexFont;
    QFont m_textFont;
};

} // namespace wirebench
