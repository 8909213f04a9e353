#pragma once

#include <engine/benchtypes.h>

#include <QtWidgets/QDialog>

#include <memory>

namespace Ui {
class SpawnClientsDialog;
}

namespace wirebench {

/**
 * Spawns a group of clients: where they connect, how many, with TLS or not, their framing and
 * receipts, and the login each sends first on every connection (checked as the composer checks a
 * payload, templates included).
 */
class SpawnClientsDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY(SpawnClientsDialog)

public:
    explicit SpawnClientsDialog(QWidget *parent = nullptr);
    ~SpawnClientsDialog() override;

    ClientSpec spec() const;
    void setSpec(const ClientSpec &spec);

    int count() const;
    void setCount(int count);

private:
    void browseCaFile();
    void updateAcceptable();
    /** Empty when the login is off or can be sent, else why not; enables its fields as the framing allows. */
    QString updateLogin();

    std::unique_ptr<Ui::SpawnClientsDialog> m_ui;
};

} // namespace wirebench
