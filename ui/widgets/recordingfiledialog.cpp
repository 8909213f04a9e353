#include "recordingfiledialog.h"

#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QFileInfo>
#include <QtCore/QRegularExpression>
#include <QtWidgets/QFileDialog>

namespace wirebench {

namespace {

QString &lastFolder()
{
    static QString folder = QDir::homePath();
    return folder;
}

QString filters()
{
    return RecordingFileDialog::tr("Wirebench recordings (*.jsonl);;All files (*)");
}

} // namespace

QString RecordingFileDialog::askForNew(QWidget *parent, const QString &caption, const QString &what)
{
    // "server 1" recorded at 14:03:07 suggests server-1-140307.jsonl: a second take does not overwrite the first.
    QString base = what.trimmed().toLower();
    base.replace(QRegularExpression(QStringLiteral("[^a-z0-9._-]+")), QStringLiteral("-"));
    const QString suggested = QStringLiteral("%1-%2.jsonl")
                                  .arg(base.isEmpty() ? QStringLiteral("recording") : base,
                                       QTime::currentTime().toString(QStringLiteral("HHmmss")));
    QString path = QFileDialog::getSaveFileName(parent, caption, QDir(lastFolder()).filePath(suggested), filters());
    if (path.isEmpty())
        return {};
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".jsonl");
    lastFolder() = QFileInfo(path).absolutePath();
    return path;
}

QString RecordingFileDialog::askForExisting(QWidget *parent, const QString &caption)
{
    const QString path = QFileDialog::getOpenFileName(parent, caption, lastFolder(), filters());
    if (!path.isEmpty())
        lastFolder() = QFileInfo(path).absolutePath();
    return path;
}

} // namespace wirebench
