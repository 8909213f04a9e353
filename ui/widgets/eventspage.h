#pragma once

#include <QtWidgets/QWidget>

#include <memory>

namespace Ui {
class EventsPage;
}

namespace wirebench {

class EventLogModel;

/** Connects, disconnects with their reasons, refused peers, frame and stream errors; newest at the bottom. */
class EventsPage : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(EventsPage)

public:
    explicit EventsPage(QWidget *parent = nullptr);
    ~EventsPage() override;

    /** The events to show (not owned). */
    void setEventModel(EventLogModel *model);

private:
    void updateCount();

    std::unique_ptr<Ui::EventsPage> m_ui;
    EventLogModel *m_model = nullptr;
    bool m_wasAtBottom = true;
};

} // namespace wirebench
