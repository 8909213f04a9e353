#pragma once

#include <engine/proxy/fault.h>

#include <QtWidgets/QWidget>

#include <memory>

namespace Ui {
class FaultsPanel;
}

namespace wirebench {

class FaultListModel;

/**
 * The faults of one proxy as switches: a check box each, turned on and off
 * while the proxy runs, and added, edited (a FaultDialog) and removed. Every
 * change is asked for at once with faultsChangeRequested(), the whole list,
 * for the proxy to take live.
 */
class FaultsPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(FaultsPanel)

public:
    explicit FaultsPanel(QWidget *parent = nullptr);
    ~FaultsPanel() override;

    /** The list shown (not owned by the caller). */
    FaultListModel *model() const { return m_model; }

    /**
     * Shows the faults of proxy @p proxyId (0: none is selected, the panel is disabled) as its latest
     * snapshot has them, and the seed of its run (0: not started yet). @p messageFaults is false when
     * its codec decodes no frames.
     */
    void showProxy(int proxyId, const QString &name, const QList<Fault> &faults, quint64 seed, bool messageFaults);

    /** Opens the fault dialog for a new fault, as the Add button does. */
    void addFault();

signals:
    /** The user changed the faults (switched, added, edited or removed one): all of them, as they are to be. */
    void faultsChangeRequested(const QList<wirebench::Fault> &faults);

private:
    /** Wide enough for the longest kind's name beside its check box. */
    void fitKindColumn();
    void editFault();
    void removeFault();
    int selectedRow() const;
    void updateActions();

    std::unique_ptr<Ui::FaultsPanel> m_ui;
    FaultListModel *m_model = nullptr; ///< child
    int m_proxyId = 0;
    QList<Fault> m_shownFaults; ///< the snapshot's faults as showProxy() last took them
    bool m_messageFaults = true;
};

} // namespace wirebench
