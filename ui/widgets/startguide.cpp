#include "startguide.h"

#include <netcore/version.h>

#include <QtCore/QEvent>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QVBoxLayout>

namespace wirebench {

StartGuide::StartGuide(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("startGuide"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true); // readable over the log's grid in either theme
    auto *title = new QLabel(tr("<h3>Start here</h3>"), this);
    auto *steps = new QLabel(StartGuide::steps(), this);
    steps->setObjectName(QStringLiteral("startSteps"));
    steps->setTextFormat(Qt::RichText);
    steps->setWordWrap(true); // the log between the docks can be narrow
    m_addServerButton = new QPushButton(tr("Add a Server…"), this);
    m_addServerButton->setObjectName(QStringLiteral("startAddServerButton"));
    m_spawnClientsButton = new QPushButton(tr("Spawn Clients…"), this);
    m_spawnClientsButton->setObjectName(QStringLiteral("startSpawnClientsButton"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_addServerButton);
    buttons->addWidget(m_spawnClientsButton);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(steps);
    layout->addLayout(buttons);
    connect(m_addServerButton, &QPushButton::clicked, this, &StartGuide::addServerClicked);
    connect(m_spawnClientsButton, &QPushButton::clicked, this, &StartGuide::spawnClientsClicked);
    parent->installEventFilter(this);
    centre();
}

StartGuide::~StartGuide() = default;

QString StartGuide::steps()
{
    return tr("<ol>"
              "<li><b>Add a server</b> (Servers, <i>Add…</i>): it listens on 127.0.0.1 and echoes what it gets.</li>"
              "<li><b>Spawn clients</b> (Clients, <i>Spawn…</i>): they connect to the selected server.</li>"
              "<li><b>Select them</b> in the Clients list.</li>"
              "<li><b>Send</b> from the Composer: what goes out and comes back shows in the log here.</li>"
              "</ol>"
              "<p>Or test your own server: spawn clients with its address and framing.</p>");
}

void StartGuide::showQuickStart(QWidget *parent)
{
    QMessageBox box(QMessageBox::Information, tr("Quick Start"), steps(), QMessageBox::Close, parent);
    box.setObjectName(QStringLiteral("quickStart"));
    box.setTextFormat(Qt::RichText);
    box.exec();
}

void StartGuide::showAbout(QWidget *parent)
{
    QMessageBox::about(parent, tr("About Wirebench"),
                       tr("<h3>Wirebench %1</h3>"
                          "<p>A test bench for TCP protocols: host servers, spawn clients, "
                          "watch framed, typed messages live, send payloads and load.</p>"
                          "<p>Built with Qt %2 and netcore.</p>")
                           .arg(netcore::versionString(), QString::fromLatin1(qVersion())));
}

void StartGuide::setWorkspaceEmpty(bool empty)
{
    setVisible(empty);
    if (empty) {
        raise();
        centre();
    }
}

bool StartGuide::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == parentWidget() && event->type() == QEvent::Resize)
        centre();
    return QFrame::eventFilter(watched, event);
}

void StartGuide::centre()
{
    const QSize area = parentWidget()->size();
    const int width = qMax(0, qMin(preferredWidth, area.width() - 2 * margin));
    const int height = qMin(heightForWidth(width), area.height() - 2 * margin);
    setGeometry((area.width() - width) / 2, qMax(margin, (area.height() - height) / 3), width, height);
}

} // namespace wirebench
