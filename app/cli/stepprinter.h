#pragma once

#include <app/cli/eventprinter.h>

#include <engine/scenarios/stepresult.h>

#include <QtCore/QList>

namespace wirebench::cli {

/**
 * Prints the progress of `run` on stdout, a line per step as it ends,
 * flushed. Jsonl, keys in this order ("repeat" only inside a repeat,
 * "message" only for a failure):
 * @code
 * {"event":"step","path":"steps[3].steps[1]","repeat":"2 of 3","name":"expect bob text matching /^pong/",
 *  "status":"failed","ms":2001,"message":"bob expected text matching /^pong/; got nothing within 2000 ms"}
 * {"event":"finished","status":"failed","passed":3,"failed":1,"skipped":1,"ms":2150}
 * @endcode
 * "finished" counts the top-level steps. Text: a timestamped PASS, FAIL or
 * SKIP line per step. None: nothing.
 */
class StepPrinter
{
public:
    explicit StepPrinter(EventPrinter::Format format = EventPrinter::Format::Jsonl) : m_format(format) {}

    void step(const StepResult &result) const;
    /** The end: "passed", "failed" or "connect_failed", with @p steps the top-level results. */
    void finished(const QString &status, const QList<StepResult> &steps, qint64 msecs) const;

private:
    EventPrinter::Format m_format = EventPrinter::Format::Jsonl;
};

} // namespace wirebench::cli
