#include <netcore/tlsfiles.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QFile>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslKey>
#include <QtNetwork/QSslSocket>

namespace netcore {

namespace {

struct Strings
{
    Q_DECLARE_TR_FUNCTIONS(netcore::TlsFiles)
};

bool readFile(const QString &path, QByteArray *contents, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = Strings::tr("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    *contents = file.readAll();
    return true;
}

bool readCertificates(const QString &path, QList<QSslCertificate> *certificates, QString *error)
{
    QByteArray pem;
    if (!readFile(path, &pem, error))
        return false;
    *certificates = QSslCertificate::fromData(pem, QSsl::Pem);
    if (certificates->isEmpty()) {
        *error = Strings::tr("%1 holds no PEM certificate").arg(path);
        return false;
    }
    return true;
}

} // namespace

bool TlsFiles::isAvailable(QString *why)
{
    if (QSslSocket::supportsSsl())
        return true;
    if (why)
        *why = Strings::tr("TLS is not available: Qt found no TLS backend (is OpenSSL 3 installed?)");
    return false;
}

bool TlsFiles::serverConfiguration(const QString &certificateFile, const QString &keyFile,
                                   QSslConfiguration *configuration, QString *error)
{
    QString unused;
    if (!error)
        error = &unused; // the reason is optional
    if (!isAvailable(error))
        return false;
    QList<QSslCertificate> chain;
    if (!readCertificates(certificateFile, &chain, error))
        return false;
    QByteArray pem;
    if (!readFile(keyFile, &pem, error))
        return false;
    QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) {
        *error = Strings::tr("%1 holds no unencrypted PEM private key (RSA or EC)").arg(keyFile);
        return false;
    }
    QSslConfiguration server = QSslConfiguration::defaultConfiguration();
    server.setLocalCertificateChain(chain);
    server.setPrivateKey(key);
    server.setPeerVerifyMode(QSslSocket::VerifyNone); // clients are not asked for certificates
    *configuration = server;
    return true;
}

bool TlsFiles::clientConfiguration(const QString &caFile, bool insecure, QSslConfiguration *configuration,
                                   QString *error)
{
    QString unused;
    if (!error)
        error = &unused; // the reason is optional
    if (!isAvailable(error))
        return false;
    QSslConfiguration client = QSslConfiguration::defaultConfiguration();
    if (!caFile.isEmpty()) {
        QList<QSslCertificate> authorities;
        if (!readCertificates(caFile, &authorities, error))
            return false;
        client.setCaCertificates(authorities);
    }
    client.setPeerVerifyMode(insecure ? QSslSocket::VerifyNone : QSslSocket::VerifyPeer);
    *configuration = client;
    return true;
}

} // namespace netcore
