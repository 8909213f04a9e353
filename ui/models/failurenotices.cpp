#include "failurenotices.h"

#include <ui/models/serverlistmodel.h>

namespace wirebench {

namespace {

/** Adds "@p name: @p why" to @p started when @p why is a failure that was not told for @p id yet. */
void noteStarted(QHash<int, QString> &told, int id, const QString &name, const QString &why, QStringList *started)
{
    if (why.isEmpty()) {
        told.remove(id); // recovered: a later failure is news again
        return;
    }
    QString &last = told[id];
    if (last != why)
        started->append(FailureNotices::tr("%1 failed: %2").arg(name, why));
    last = why;
}

} // namespace

QString FailureNotices::take(const QList<ServerState> &servers, const QList<ClientState> &clients)
{
    QStringList started;
    for (const ServerState &server : servers)
        noteStarted(m_serverErrors, server.id, ServerListModel::displayName(server), server.error, &started);
    for (const ClientState &client : clients)
        noteStarted(m_clientProblems, client.id, client.name, client.problem, &started);
    if (started.size() <= 1)
        return started.value(0);
    return tr("%1 (and %2 more: see Events)").arg(started.constFirst()).arg(started.size() - 1);
}

void FailureNotices::clear()
{
    m_serverErrors.clear();
    m_clientProblems.clear();
}

} // namespace wirebench
