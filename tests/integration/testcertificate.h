#pragma once

#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>

/**
 * A self-signed certificate for localhost and 127.0.0.1, made with the
 * openssl command when the test runs (nothing secret is committed).
 */
class TestCertificate
{
public:
    /** Makes it; false (and why) if openssl is missing or failed. */
    bool make(QString *why)
    {
        if (!m_dir.isValid()) {
            *why = QStringLiteral("no temporary directory");
            return false;
        }
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                       QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"),
                       QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                       QStringLiteral("-addext"), QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1"),
                       QStringLiteral("-keyout"), keyFile(), QStringLiteral("-out"), certificateFile()});
        if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0) {
            *why = QStringLiteral("openssl failed: %1 %2")
                       .arg(openssl.errorString(), QString::fromLocal8Bit(openssl.readAllStandardError()));
            return false;
        }
        return true;
    }

    QString certificateFile() const { return m_dir.filePath(QStringLiteral("cert.pem")); }
    QString keyFile() const { return m_dir.filePath(QStringLiteral("key.pem")); }

private:
    QTemporaryDir m_dir;
};
