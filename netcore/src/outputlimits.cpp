#include <netcore/outputlimits.h>

#include <QtCore/QCoreApplication>

namespace netcore {

namespace {
struct Strings
{
    Q_DECLARE_TR_FUNCTIONS(netcore::OutputLimits)
};
} // namespace

QString OutputLimits::validate() const
{
    if (lowWatermark < 0 || stallTimeout < 0)
        return Strings::tr("output limits cannot be negative");
    if (closeTimeout <= 0)
        return Strings::tr("the close timeout must be positive: a closing connection waits that long for its peer");
    if (lowWatermark > highWatermark)
        return Strings::tr("the low watermark (%1) is above the high watermark (%2)").arg(lowWatermark).arg(highWatermark);
    if (highWatermark > hardLimit)
        return Strings::tr("the high watermark (%1) is above the hard limit (%2)").arg(highWatermark).arg(hardLimit);
    return {};
}

} // namespace netcore
