#pragma once

#include <engine/proxy/proxyspec.h>

#include <QtWidgets/QDialog>

#include <memory>

namespace Ui {
class ProxyDialog;
}

namespace wirebench {

/**
 * Adds or edits a proxy: its name, where it listens, the upstream it passes
 * connections on to, how it decodes what passes, and the seed of its faults'
 * random choices. The faults themselves are switched in the Proxies panel,
 * live; the dialog keeps them as they are. OK stays disabled while a field is
 * invalid, or the engine would refuse the spec.
 */
class ProxyDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY(ProxyDialog)

public:
    explicit ProxyDialog(QWidget *parent = nullptr);
    ~ProxyDialog() override;

    ProxySpec spec() const;
    void setSpec(const ProxySpec &spec);

private:
    void updateAcceptable();
    /** The seed typed; false if it is not a number (empty is 0: a new one each start). */
    bool typedSeed(quint64 *seed) const;

    std::unique_ptr<Ui::ProxyDialog> m_ui;
    ProxySpec m_spec; ///< keeps what the form does not show (the faults, ...)
};

} // namespace wirebench
