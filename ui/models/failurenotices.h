#pragma once

#include <engine/benchtypes.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QHash>

namespace wirebench {

/**
 * What the status bar says when a server or client fails: each snapshot of
 * the bench is compared with the one before, and a failure is told once,
 * when it starts (a server that cannot listen, a client refused or dropped),
 * with its reason. A burst of failures is told in one line.
 */
class FailureNotices
{
    Q_DECLARE_TR_FUNCTIONS(FailureNotices)

public:
    /** The line for the failures that started since the previous call, or an empty string. */
    QString take(const QList<ServerState> &servers, const QList<ClientState> &clients);
    /** Forgets every failure told (a new workspace). */
    void clear();

private:
    QHash<int, QString> m_serverErrors; ///< by server id: the failure told last
    QHash<int, QString> m_clientProblems; ///< by client id
};

} // namespace wirebench
