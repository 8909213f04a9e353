#pragma once

#include <engine/proxy/fault.h>

#include <QtCore/QCoreApplication>

namespace wirebench {

/** How the GUI words a proxy's fault: its kind, its parameters and its directions, translated. */
class FaultText
{
    Q_DECLARE_TR_FUNCTIONS(FaultText)

public:
    /** Every kind, in the order the GUI offers them: the byte-level ones, then the message-level ones. */
    static QList<Fault::Kind> kinds();
    /** "latency", "limit data", "delay channel", ... */
    static QString kind(Fault::Kind kind);
    /** What the kind does, in a sentence (a tooltip). */
    static QString explanation(Fault::Kind kind);
    /** The parameters the kind uses, e.g. "100 ms ± 20 ms", "chat, p 0.5", "any channel". */
    static QString parameters(const Fault &fault);
    /** "both", "c2s" or "s2c". */
    static QString directions(Fault::Directions directions);
};

} // namespace wirebench
