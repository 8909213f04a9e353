#pragma once

#include <QtWidgets/QFrame>

class QPushButton;

namespace wirebench {

/**
 * Where to begin, over the empty log of a new workspace: the four steps of a
 * first test (add a server, spawn clients, select them, send) and buttons for
 * the first two. It keeps itself centred on the widget it is made on, and
 * goes once the workspace has a server or a client.
 */
class StartGuide : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY(StartGuide)

public:
    /** Shown over @p parent (the log page), which it must be a child of. */
    explicit StartGuide(QWidget *parent);
    ~StartGuide() override;

    /** The steps as rich text: the guide shows them, and so does showQuickStart(). */
    static QString steps();
    /** Help > Quick Start: the steps in a message box over @p parent. */
    static void showQuickStart(QWidget *parent);
    /** Help > About: the version, and Qt's, in a message box over @p parent. */
    static void showAbout(QWidget *parent);

    /** Shows the guide while the workspace is empty, hides it once it is not. */
    void setWorkspaceEmpty(bool empty);

signals:
    void addServerClicked();
    void spawnClientsClicked();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    static constexpr int preferredWidth = 480;
    static constexpr int margin = 12; ///< kept free around it, so it never touches the log's edges
    void centre();

    QPushButton *m_addServerButton = nullptr;   ///< child
    QPushButton *m_spawnClientsButton = nullptr; ///< child
};

} // namespace wirebench
