#pragma once

#include <engine/benchtypes.h>

#include <QtWidgets/QDialog>

#include <memory>

class QLineEdit;

namespace Ui {
class ServerDialog;
}

namespace wirebench {

/**
 * Adds or edits a hosted server: where it listens and whom it accepts, TLS,
 * its framing (with delivery receipts or not) and its behaviour. OK stays
 * disabled while a field is invalid.
 */
class ServerDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY(ServerDialog)

public:
    explicit ServerDialog(QWidget *parent = nullptr);
    ~ServerDialog() override;

    ServerSpec spec() const;
    void setSpec(const ServerSpec &spec);

public slots:
    /** Takes the form only if it is valid, the script checked as it is now (not as of the last pause). */
    void accept() override;

private:
    void onModeChanged();
    void updateAcceptable();
    /** Lets the user pick a PEM file for @p edit. */
    void browse(QLineEdit *edit, const QString &caption);

    std::unique_ptr<Ui::ServerDialog> m_ui;
    ServerSpec m_spec; ///< keeps what the form does not show
    QJsonObject m_shownRules; ///< what the rules table showed first (the spec's, or the example)
    QString m_shownScript;    ///< likewise for the script
};

} // namespace wirebench
