#include "composerdispatcher.h"

#include <ui/widgets/clientspage.h>
#include <ui/widgets/serverspage.h>
#include <ui/widgets/statusnotices.h>

#include <ui/models/benchsession.h>
#include <ui/models/clientlistmodel.h>

namespace wirebench {

ComposerDispatcher::ComposerDispatcher(ComposerPage *composer, ServersPage *servers, ClientsPage *clients,
                                       BenchSession *session, StatusNotices *notices, QObject *parent)
    : QObject(parent), m_composer(composer), m_servers(servers), m_clients(clients), m_session(session),
      m_notices(notices)
{
    Bench *bench = session->bench();
    connect(composer, &ComposerPage::sendRequested, this,
            [this](ComposerPage::Target target, const ComposedPayload &payload) {
                m_notices->setComposerTicket(m_session->bench()->send(sendTarget(target), payload));
            });
    connect(composer, &ComposerPage::loadRequested, this,
            [this](ComposerPage::Target target, const ComposedPayload &payload, qint64 count, int rate) {
                m_session->bench()->startLoad(sendTarget(target), payload, count, rate);
            });
    connect(composer, &ComposerPage::stopLoadRequested, bench, &Bench::stopLoad);
    connect(composer, &ComposerPage::sequenceRequested, this,
            [this](ComposerPage::Target target, const QList<ComposedPayload> &steps, int delayMsecs) {
                m_session->bench()->startSequence(sendTarget(target), steps, delayMsecs);
            });
    connect(composer, &ComposerPage::stopSequenceRequested, bench, &Bench::stopSequence);
    connect(servers, &ServersPage::selectionChanged, this, &ComposerDispatcher::updateSelection);
    connect(clients, &ClientsPage::selectionChanged, this, &ComposerDispatcher::updateSelection);
}

ComposerDispatcher::~ComposerDispatcher() = default;

SendTarget ComposerDispatcher::sendTarget(ComposerPage::Target target) const
{
    SendTarget result;
    result.serverId = m_servers->selectedServerId();
    switch (target) {
    case ComposerPage::Target::SelectedClients:
        result.kind = SendTarget::Kind::Clients;
        result.clientIds = m_clients->selectedClientIds();
        break;
    case ComposerPage::Target::SelectedConnections:
        result.kind = SendTarget::Kind::Connections;
        result.connections = m_servers->selectedConnections();
        break;
    case ComposerPage::Target::Broadcast:
        result.kind = SendTarget::Kind::Broadcast;
        break;
    }
    return result;
}

void ComposerDispatcher::updateSelection()
{
    ComposerPage::Selection selection;
    const ClientListModel *clients = m_session->clientModel();
    for (const int id : m_clients->selectedClientIds()) {
        const int row = clients->rowOfClient(id);
        if (row < 0)
            continue;
        const ClientState client = clients->client(row);
        selection.clientNames.append(client.name);
        if (!client.spec.codec.carriesChannelAndId())
            ++selection.clientsWithoutChannels;
    }
    const ServerState server = m_servers->selectedServer();
    selection.connections = int(m_servers->selectedConnections().size());
    selection.serverName = m_servers->selectedServerName();
    selection.serverClients = int(server.connections.size());
    selection.serverWithoutChannels = server.id != 0 && !server.spec.codec.carriesChannelAndId();
    m_composer->setSelection(selection);
}

} // namespace wirebench
