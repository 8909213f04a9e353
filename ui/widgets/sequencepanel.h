#pragma once

#include <engine/benchtypes.h>
#include <engine/composedpayload.h>

#include <QtWidgets/QWidget>

#include <memory>

namespace Ui {
class SequencePanel;
}

namespace wirebench {

class PayloadLibraryModel;
class PayloadSequenceModel;

/**
 * The composer's sequence mode: steps picked from the saved payloads, put in
 * order, with the delay between them; asks for the sequence to be sent and
 * shows how far it got. Where it goes is the composer's business.
 */
class SequencePanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(SequencePanel)

public:
    explicit SequencePanel(QWidget *parent = nullptr);
    ~SequencePanel() override;

    /** Steps are picked from @p library and kept in @p sequence; neither is owned. */
    void setModels(PayloadLibraryModel *library, PayloadSequenceModel *sequence);
    /** Without a target (nothing selected to send to) the sequence cannot start. */
    void setTargetReady(bool ready);
    void setProgress(const SequenceProgress &progress);

    /** Empty when every step can be sent, else which one cannot and why (also shown in the panel). */
    QString validationError() const { return m_error; }

signals:
    /** Step n (from 1) fills {{seq}} with n. */
    void startRequested(const QList<wirebench::ComposedPayload> &steps, int delayMsecs);
    void stopRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void onAddStep();
    void onRemoveStep();
    void moveStep(int by);
    void onStart();
    /** Checks every step as the composer checks its payload; the first that fails is shown. */
    void validate();
    void updateActions();
    int selectedStep() const;
    void selectStep(int row);

    std::unique_ptr<Ui::SequencePanel> m_ui;
    PayloadLibraryModel *m_library = nullptr;
    PayloadSequenceModel *m_sequence = nullptr;
    QString m_error;
    bool m_targetReady = false;
    bool m_running = false;
};

} // namespace wirebench
