#include "recordingmark.h"

#include <QtCore/QDir>
#include <QtGui/QPainter>
#include <QtGui/QPixmap>

namespace wirebench {

QIcon RecordingMark::icon()
{
    static const QIcon dot = [] {
        QIcon icon;
        for (const int size : {16, 24, 32}) {
            QPixmap pixmap(size, size);
            pixmap.fill(Qt::transparent);
            QPainter painter(&pixmap);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setPen(QPen(QColor(0x8b, 0x00, 0x00), size / 16.0));
            painter.setBrush(QColor(0xe0, 0x1b, 0x24));
            const qreal margin = size * 0.2;
            painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin));
            painter.end();
            icon.addPixmap(pixmap);
        }
        return icon;
    }();
    return dot;
}

QString RecordingMark::toolTip(const QString &fileName)
{
    return fileName.isEmpty() ? QString() : tr("recording to %1").arg(QDir::toNativeSeparators(fileName));
}

QString RecordingMark::withToolTip(const QString &text, const QString &fileName)
{
    return fileName.isEmpty() ? text : text + QLatin1Char('\n') + toolTip(fileName);
}

} // namespace wirebench
