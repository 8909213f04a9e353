#include "hexview.h"

#include <engine/hexdump.h>

#include <QtCore/QEvent>

namespace wirebench {

HexView::HexView(QWidget *parent) : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setLineWrapMode(QPlainTextEdit::NoWrap);
}

HexView::~HexView() = default;

void HexView::setBytes(const QByteArray &bytes)
{
    m_bytes = bytes;
    relayout(true);
}

void HexView::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    relayout(false);
}

void HexView::changeEvent(QEvent *event)
{
    QPlainTextEdit::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        relayout(false);
}

int HexView::bytesPerLineThatFit() const
{
    // The cursor and the document's margin take a little of the viewport.
    const int room = viewport()->width() - 2 * int(document()->documentMargin()) - cursorWidth() - 1;
    const int charWidth = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    for (const int bytes : {16, 8})
        if (HexDump::lineLength(bytes) * charWidth <= room)
            return bytes;
    return 4;
}

void HexView::relayout(bool force)
{
    const int bytesPerLine = bytesPerLineThatFit();
    if (!force && bytesPerLine == m_bytesPerLine)
        return;
    m_bytesPerLine = bytesPerLine;
    setPlainText(HexDump::format(m_bytes, HexDump::defaultMaxBytes, bytesPerLine));
}

} // namespace wirebench
