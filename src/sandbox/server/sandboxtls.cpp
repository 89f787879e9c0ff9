#include "sandbox/server/sandboxtls.h"

#include <QFile>
#include <QFileInfo>

#include <QSslKey>
#include <utility>

namespace SandboxTls {

namespace {

QSslKey readKey(const QByteArray &pem)
{
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey);
        if (!key.isNull())
            return key;
    }
    return {};
}

} // namespace

QSslConfiguration load(const Files &files, QString *error)
{
    const auto fail = [error](const QString &why) {
        *error = why;
        return QSslConfiguration();
    };
    // Regular, small files: a FIFO or a device would hang or fill the server before it
    // listens.
    for (const auto &[option, path] :
         {std::pair{"--tls-cert", files.certificate}, std::pair{"--tls-key", files.key},
          std::pair{"--client-ca", files.clientCa}}) {
        const QFileInfo info(path);
        if (!path.isEmpty() && (!info.isFile() || info.size() > 1024 * 1024))
            return fail(QStringLiteral("%1: \"%2\" is not a PEM file (a regular file under 1 MB)")
                            .arg(QLatin1String(option), path));
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(files.certificate);
    if (chain.isEmpty())
        return fail(
            QStringLiteral("--tls-cert: no PEM certificate in \"%1\"").arg(files.certificate));
    QFile keyFile(files.key);
    if (!keyFile.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("--tls-key: cannot read \"%1\"").arg(files.key));
    const QSslKey key = readKey(keyFile.readAll());
    if (key.isNull())
        return fail(
            QStringLiteral("--tls-key: no unencrypted PEM private key in \"%1\"").arg(files.key));

    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificateChain(chain);
    config.setPrivateKey(key);
    config.setProtocol(QSsl::TlsV1_2OrLater);
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    if (!files.clientCa.isEmpty()) {
        const QList<QSslCertificate> authorities = QSslCertificate::fromPath(files.clientCa);
        if (authorities.isEmpty())
            return fail(
                QStringLiteral("--client-ca: no PEM certificate in \"%1\"").arg(files.clientCa));
        // Only these: a client certificate from any other authority is refused.
        config.setCaCertificates(authorities);
        config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    }
    return config;
}

} // namespace SandboxTls
