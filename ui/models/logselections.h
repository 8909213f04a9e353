#pragma once

#include <engine/recording/logselection.h>

#include <QtCore/QCoreApplication>

namespace wirebench {

class ClientListModel;
class MessageLogModel;
class ProxyListModel;
class ServerListModel;

/**
 * What File > Save log as recording can offer: one LogSelection for each
 * server and proxy of the bench with rows in the log, and one for the
 * bench's clients of each codec with rows in it. Rows of what was removed
 * since are left out: nothing says their codec any more.
 */
class LogSelections
{
    Q_DECLARE_TR_FUNCTIONS(wirebench::LogSelections)

public:
    static QList<LogSelection> available(const QList<LogEntry> &entries, const ServerListModel &servers,
                                         const ClientListModel &clients, const ProxyListModel &proxies);
    /** Every row of @p log, oldest first. */
    static QList<LogEntry> entriesOf(const MessageLogModel &log);
};

} // namespace wirebench
