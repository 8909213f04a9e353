// Replays fuzz inputs without libFuzzer, so the normal build re-checks every
// seed and every crash input found so far on each test run.
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QStringList>

#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    QStringList files;
    for (int i = 1; i < argc; ++i) {
        const QDir dir(QString::fromLocal8Bit(argv[i]));
        for (const QString &name : dir.entryList(QDir::Files, QDir::Name))
            files.append(dir.filePath(name));
    }
    // Replaying nothing would pass whatever broke.
    if (files.isEmpty()) {
        std::fprintf(stderr, "no fuzz inputs found\n");
        return 1;
    }
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
            return 1;
        }
        const QByteArray input = file.readAll();
        std::printf("%s (%lld bytes)\n", qPrintable(path), static_cast<long long>(input.size()));
        std::fflush(stdout); // the name of the input is out before a crash
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(input.constData()), size_t(input.size()));
    }
    std::printf("%lld inputs replayed\n", static_cast<long long>(files.size()));
    return 0;
}
