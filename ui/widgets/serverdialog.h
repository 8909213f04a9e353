#pragma once

#include <benchtypes.h>

#include <QtWidgets/QDialog>

#include <memory>

namespace Ui {
class ServerDialog;
}

namespace wirebench {

/** Adds or edits a hosted server: where it listens, its framing and its behaviour. */
class ServerDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY(ServerDialog)

public:
    explicit ServerDialog(QWidget *parent = nullptr);
    ~ServerDialog() override;

    ServerSpec spec() const;
    void setSpec(const ServerSpec &spec);

private:
    void updateAcceptable();

    std::unique_ptr<Ui::ServerDialog> m_ui;
    ServerSpec m_spec; ///< keeps what the form does not show
};

} // namespace wirebench
