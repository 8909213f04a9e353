#pragma once

#include <engine/proxy/fault.h>

#include <QtWidgets/QDialog>

#include <memory>

namespace Ui {
class FaultDialog;
}

namespace wirebench {

/**
 * Adds or edits one fault of a proxy: its kind, the parameters that kind
 * takes (named and in its units; the others hidden) and the directions it
 * applies to. OK stays disabled while the engine would refuse the fault, or
 * it acts on messages and the proxy's codec has no frames.
 */
class FaultDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY(FaultDialog)

public:
    explicit FaultDialog(QWidget *parent = nullptr);
    ~FaultDialog() override;

    Fault fault() const;
    void setFault(const Fault &fault);

    /** False when the proxy decodes no frames (the raw codec): message-level faults are refused. */
    void setMessageFaultsAllowed(bool allowed);

private:
    /** The kind the user chose: its rows, and parameters a fault of that kind starts with. */
    void onKindChosen();
    void showRowsOfKind();
    void updateAcceptable();

    std::unique_ptr<Ui::FaultDialog> m_ui;
    Fault m_fault; ///< keeps what the form does not show (enabled)
    bool m_messageFaultsAllowed = true;
};

} // namespace wirebench
