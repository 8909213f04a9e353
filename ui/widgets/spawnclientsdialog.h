#pragma once

#include <engine/benchtypes.h>

#include <QtWidgets/QDialog>

#include <memory>

namespace Ui {
class SpawnClientsDialog;
}

namespace wirebench {

/** Spawns a group of clients: where they connect, how many, with TLS or not, their framing and receipts. */
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

    std::unique_ptr<Ui::SpawnClientsDialog> m_ui;
};

} // namespace wirebench
