#pragma once

#include <engine/proxy/proxyconnectionstate.h>
#include <engine/proxy/proxyspec.h>

#include <QtCore/QList>
#include <QtCore/QString>

namespace wirebench {

/** A proxy of the bench as it is now: plain data, taken in the bench's I/O thread for the GUI. */
struct ProxyState
{
    int id = 0;
    ProxySpec spec;      ///< as applied, with its name resolved ("proxy 1" when it was empty) and its faults now
    bool listening = false;
    quint16 boundPort = 0;
    QString error;       ///< why it is not listening, if it failed
    quint64 seed = 0;    ///< of the faults' random choices in this run; 0 before its first start
    QList<ProxyConnectionState> connections; ///< the open ones, by id
    QString recordingFile; ///< where what it passes is being recorded; empty when it is not
};

} // namespace wirebench
