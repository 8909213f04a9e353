// wirebench: the desktop app. Hosts servers, spawns clients, shows live traffic.

#include <ui/widgets/mainwindow.h>

#include <engine/demoscript.h>

#include <netcore/version.h>

#include <QtCore/QCommandLineParser>
#include <QtCore/QTimer>
#include <QtGui/QIcon>
#include <QtWidgets/QApplication>

#include <cstdio>

namespace {

constexpr int screenshotWidth = 1600;
constexpr int screenshotHeight = 960;
/** After the demo settles: time for the inspector and the charts to catch up. */
constexpr int showcaseDelayMsecs = 700;
/** The demo must settle within this, or the screenshot is taken anyway and the exit code says so. */
constexpr int settleDeadlineMsecs = 20000;

void printError(const QString &text) { std::fprintf(stderr, "wirebench: %s\n", qPrintable(text)); }

/** Saves the window to @p path and quits with @p exitCode, or 1 if it could not be written. */
void takeScreenshot(wirebench::MainWindow *window, const QString &path, int exitCode)
{
    const bool saved = window->grab().save(path, "PNG");
    if (!saved)
        printError(QCoreApplication::translate("main", "cannot write the screenshot to %1").arg(path));
    else
        std::printf("%s\n", qPrintable(QCoreApplication::translate("main", "screenshot written to %1").arg(path)));
    QCoreApplication::exit(saved ? exitCode : 1);
}

/** The app's options: made after the application object, so their help texts can be translated. */
struct Options
{
    QCommandLineOption demo{QStringLiteral("demo"),
                            QCoreApplication::translate("main", "Start a server, three clients and a scripted exchange.")};
    QCommandLineOption screenshot{
        QStringLiteral("screenshot"),
        QCoreApplication::translate("main", "Run the demo (or, with --workspace, open that workspace instead), "
                                            "save the window to FILE (PNG) once it settles, exit."),
        QStringLiteral("FILE")};
    QCommandLineOption workspace{QStringLiteral("workspace"), QCoreApplication::translate("main", "Open this workspace."),
                                 QStringLiteral("FILE")};

    void addTo(QCommandLineParser *parser) const
    {
        parser->setApplicationDescription(QCoreApplication::translate(
            "main", "Wirebench: host TCP servers, spawn clients, watch and send framed messages."));
        parser->addHelpOption();
        parser->addVersionOption();
        parser->addOptions({demo, screenshot, workspace});
    }
};

void setApplicationInfo()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Wirebench"));
    QCoreApplication::setApplicationName(QStringLiteral("wirebench"));
    QCoreApplication::setApplicationVersion(netcore::versionString());
}

/** --help and --version print and exit: they must work without a display. */
bool onlyPrints(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "-h" || argument == "--help" || argument == "--help-all" || argument == "-v"
            || argument == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    if (onlyPrints(argc, argv)) {
        QCoreApplication app(argc, argv);
        setApplicationInfo();
        QCommandLineParser parser;
        const Options options;
        options.addTo(&parser);
        parser.process(app); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    setApplicationInfo();
    QApplication::setApplicationDisplayName(QStringLiteral("Wirebench"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/wirebench.svg")));

    QCommandLineParser parser;
    const Options options;
    options.addTo(&parser);
    parser.process(app);
    if (!parser.positionalArguments().isEmpty()) {
        printError(QCoreApplication::translate("main", "unexpected argument: %1")
                       .arg(parser.positionalArguments().constFirst()));
        return 2;
    }

    const QString screenshotPath = parser.value(options.screenshot);
    const bool screenshot = parser.isSet(options.screenshot);
    // A screenshot shows the demo, unless it is of a given workspace (an empty one: the start guide).
    const bool demo = parser.isSet(options.demo) || (screenshot && !parser.isSet(options.workspace));
    wirebench::MainWindow window;
    if (screenshot) {
        // A screenshot neither depends on nor changes the user's saved layout.
        window.setPersistent(false);
        window.resize(screenshotWidth, screenshotHeight);
    } else {
        // The demo and an explicit workspace replace the last workspace, not the layout.
        window.restoreSettings(!demo && !parser.isSet(options.workspace));
    }
    if (parser.isSet(options.workspace)) {
        QString error;
        if (!window.openWorkspace(parser.value(options.workspace), &error)) {
            printError(error);
            return 1;
        }
    }
    window.show();

    if (screenshot && !demo) {
        QTimer::singleShot(showcaseDelayMsecs, &window,
                           [&window, screenshotPath] { takeScreenshot(&window, screenshotPath, 0); });
    }
    if (demo) {
        wirebench::DemoScript *script = window.startDemo();
        QObject::connect(script, &wirebench::DemoScript::settled, &window, [&window, screenshot, screenshotPath] {
            QTimer::singleShot(showcaseDelayMsecs, &window, [&window, screenshot, screenshotPath] {
                // Something to look at in the inspector from the start.
                window.showLatestMessage(QStringLiteral("image"));
                if (screenshot)
                    QTimer::singleShot(showcaseDelayMsecs, &window,
                                       [&window, screenshotPath] { takeScreenshot(&window, screenshotPath, 0); });
            });
        });
        if (screenshot) {
            QTimer::singleShot(settleDeadlineMsecs, &window, [&window, screenshotPath] {
                printError(QCoreApplication::translate("main", "the demo did not settle in time"));
                takeScreenshot(&window, screenshotPath, 1);
            });
        }
    }
    return app.exec();
}
