#pragma once

#include <QtCore/QByteArray>
#include <QtWidgets/QPlainTextEdit>

namespace wirebench {

/**
 * A read-only hex dump (HexDump) that fits its width: 16 bytes a line when
 * the offset, hex and ASCII columns fit, else 8, else 4, re-laid out as the
 * view is resized or its font changes. A dump cut at the right edge hides
 * the ASCII column, which is half of what a dump is read for.
 */
class HexView : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY(HexView)

public:
    explicit HexView(QWidget *parent = nullptr);
    ~HexView() override;

    void setBytes(const QByteArray &bytes);
    /** Bytes a line in the dump shown now. */
    int bytesPerLine() const { return m_bytesPerLine; }

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    int bytesPerLineThatFit() const;
    void relayout(bool force);

    QByteArray m_bytes;
    int m_bytesPerLine = 0; ///< 0: nothing dumped yet
};

} // namespace wirebench
