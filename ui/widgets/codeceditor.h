#pragma once

#include <netcore/codecconfig.h>

#include <QtWidgets/QWidget>

#include <memory>

namespace Ui {
class CodecEditor;
}

namespace wirebench {

/**
 * Edits a netcore::CodecConfig: the codec kind (with the "Python Comms"
 * preset), the length-field parameters, the payload type, the line delimiter
 * (typed with escapes) and the largest frame. Rows that do not apply to the
 * chosen kind are hidden; fields the form does not show are kept as given.
 */
class CodecEditor : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(CodecEditor)

public:
    /** The choices of the codec combo box, in order. */
    enum class Preset { Envelope, Length, PythonComms, Line, Raw };

    explicit CodecEditor(QWidget *parent = nullptr);
    ~CodecEditor() override;

    netcore::CodecConfig config() const;
    void setConfig(const netcore::CodecConfig &config);

    /** The preset the combo box shows for the current configuration. */
    Preset preset() const;

    /** True when config() is usable as is. */
    bool isValid() const;
    /** Why it is not valid, for the user; empty when it is. */
    QString errorString() const;

signals:
    /** Any field changed (validity may have changed too). */
    void configChanged();

private:
    void onPresetChosen(int index);
    void onFieldEdited();
    void showConfig();
    void updateRows();
    void updateError();

    std::unique_ptr<Ui::CodecEditor> m_ui;
    netcore::CodecConfig m_config;
    QString m_delimiterError;
};

} // namespace wirebench
