#pragma once

#include <ui/widgets/composerpage.h>

#include <engine/bench.h>

#include <QtCore/QObject>

namespace wirebench {

class BenchSession;
class ClientsPage;
class ServersPage;
class StatusNotices;

/**
 * Between the composer and the bench: sends what the composer asks for (a
 * Send, a load, a sequence) to the clients and connections the servers and
 * clients pages have selected, and tells the composer what those are.
 */
class ComposerDispatcher : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY(ComposerDispatcher)

public:
    /** None is owned; all must outlive this. @p notices learns the ticket of each Send. */
    ComposerDispatcher(ComposerPage *composer, ServersPage *servers, ClientsPage *clients, BenchSession *session,
                       StatusNotices *notices, QObject *parent = nullptr);
    ~ComposerDispatcher() override;

    /** Tells the composer what is selected now: its target summary and its channel field follow. */
    void updateSelection();

private:
    SendTarget sendTarget(ComposerPage::Target target) const;

    ComposerPage *const m_composer;
    ServersPage *const m_servers;
    ClientsPage *const m_clients;
    BenchSession *const m_session;
    StatusNotices *const m_notices;
};

} // namespace wirebench
