#pragma once

#include <QtWidgets/QWidget>

class QLabel;

namespace wirebench {

class BenchSession;

/** The status bar's numbers: servers and clients, log rows (and what a pause left out), dropped entries. */
class StatusSummary : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(StatusSummary)

public:
    explicit StatusSummary(QWidget *parent = nullptr);
    ~StatusSummary() override;

    /** Shows @p session's numbers as they are now; cheap when nothing changed. */
    void refresh(const BenchSession &session);

private:
    static void setText(QLabel *label, const QString &text);

    QLabel *m_countsLabel = nullptr;  ///< child
    QLabel *m_rowsLabel = nullptr;    ///< child
    QLabel *m_droppedLabel = nullptr; ///< child
};

} // namespace wirebench
