#include "sendwording.h"

#include <QtCore/QLocale>

namespace wirebench {

QString SendWording::count(qint64 value)
{
    QLocale locale;
    // The C locale omits the separator by default; "3000" is harder to read than "3,000".
    locale.setNumberOptions(locale.numberOptions() & ~QLocale::OmitGroupSeparator);
    return locale.toString(value);
}

QString SendWording::loadTotal(qint64 repetitions, int destinations, int ratePerSecond)
{
    const QString messages = tr("%1 messages").arg(count(repetitions * destinations));
    const QString rate = ratePerSecond > 0 ? tr("%1/s").arg(count(qint64(ratePerSecond) * destinations))
                                           : tr("unpaced");
    if (destinations == 1)
        return tr("%1, %2").arg(messages, rate);
    if (ratePerSecond == 0)
        return tr("%1 × %2 = %3, %4").arg(count(destinations), count(repetitions), messages, rate);
    return tr("%1 × %2 = %3, %1 × %4/s = %5")
        .arg(count(destinations), count(repetitions), messages, count(ratePerSecond), rate);
}

QString SendWording::loadProgress(const LoadProgress &progress)
{
    const SendTally &messages = progress.messages;
    QString text = tr("%1 / %2 sent").arg(count(messages.sent), count(progress.total));
    if (messages.queued > 0)
        text += tr(" · %1 queued").arg(count(messages.queued));
    if (messages.refused > 0)
        text += tr(" · %1 not sent").arg(count(messages.refused));
    return text;
}

QString SendWording::sequenceProgress(const SequenceProgress &progress)
{
    const SendTally &messages = progress.messages;
    QString text = tr("%1 / %2 steps · %3 sent").arg(count(progress.stepsDone), count(progress.steps), count(messages.sent));
    if (messages.queued > 0)
        text += tr(" · %1 queued").arg(count(messages.queued));
    if (messages.refused > 0)
        text += tr(" · %1 not sent").arg(count(messages.refused));
    return text;
}

QString SendWording::sendReport(const SendTally &messages)
{
    if (messages.refused > 0)
        return messages.refusalSummary();
    const auto amount = [](qint64 value) {
        return value == 1 ? tr("1 message") : tr("%1 messages").arg(count(value));
    };
    if (messages.queued == 0)
        return tr("Sent %1.").arg(amount(messages.sent));
    const QString queued = tr("queued %1 until connected (the client is connecting or reconnecting)")
                               .arg(amount(messages.queued));
    return messages.sent == 0 ? tr("Not connected yet: %1.").arg(queued)
                              : tr("Sent %1, %2.").arg(amount(messages.sent), queued);
}

} // namespace wirebench
