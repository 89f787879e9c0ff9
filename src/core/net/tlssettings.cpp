#include "core/net/tlssettings.h"

#include "core/base/translation.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QSslCertificate>
#include <QSslKey>

PI_TRANSLATION_CONTEXT("TlsSettings")

namespace TlsSettings {

namespace {

constexpr qint64 maxFileBytes = 1024 * 1024;

bool isPkcs12(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("p12") || suffix == QLatin1String("pfx");
}

QSslKey pemKey(const QByteArray &pem, const QString &passphrase)
{
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        const QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey, passphrase.toUtf8());
        if (!key.isNull())
            return key;
    }
    return {};
}

// The certificate and key of a client certificate file, into config; false with *error.
bool addClientCertificate(const QString &path, const QString &passphrase, QSslConfiguration *config,
                          QString *error)
{
    // A file, and a small one: a FIFO or a device would hold the window, or fill its memory.
    const QFileInfo info(path);
    if (!info.isFile() || info.size() > maxFileBytes) {
        *error = tr("Not sent: the client certificate \"%1\" is not a certificate file "
                    "(a regular file under 1 MB).")
                     .arg(path);
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Not sent: the client certificate \"%1\" cannot be read (%2).")
                     .arg(path, file.errorString());
        return false;
    }
    if (isPkcs12(path)) {
        QSslKey key;
        QSslCertificate certificate;
        QList<QSslCertificate> chain;
        if (!QSslCertificate::importPkcs12(&file, &key, &certificate, &chain,
                                           passphrase.toUtf8())) {
            *error = tr("Not sent: the client certificate \"%1\" could not be opened: a wrong "
                        "passphrase, or not a PKCS#12 file. Set its passphrase in Profiles….")
                         .arg(path);
            return false;
        }
        config->setPrivateKey(key);
        config->setLocalCertificateChain(QList<QSslCertificate>{certificate} + chain);
        return true;
    }
    const QByteArray pem = file.readAll();
    const QList<QSslCertificate> chain = QSslCertificate::fromData(pem, QSsl::Pem);
    const QSslKey key = pemKey(pem, passphrase);
    if (chain.isEmpty() || key.isNull()) {
        *error = tr("Not sent: the client certificate \"%1\" needs its certificate and its "
                    "private key in one PEM file (or a .p12 file); %2.")
                     .arg(path, chain.isEmpty() ? tr("no certificate was found in it")
                                                : tr("its key is missing or its passphrase "
                                                     "is wrong"));
        return false;
    }
    config->setPrivateKey(key);
    config->setLocalCertificateChain(chain);
    return true;
}

QString certificateDetails(const QSslCertificate &c)
{
    if (c.isNull())
        return QStringLiteral("(no certificate)");
    return QStringLiteral("subject \"%1\", issuer \"%2\", valid %3 to %4, SHA-256 %5")
        .arg(c.subjectDisplayName(), c.issuerDisplayName(), c.effectiveDate().toString(Qt::ISODate),
             c.expiryDate().toString(Qt::ISODate),
             QString::fromLatin1(c.digest(QCryptographicHash::Sha256).toHex(':')));
}

// A company's bundle, read once per version of the file (its size and time), not for every
// call; only a regular file of reasonable size.
QList<QSslCertificate> authoritiesIn(const QString &path)
{
    static QMutex lock;
    static QHash<QString, QPair<QString, QList<QSslCertificate>>> cache;
    const QFileInfo info(path);
    if (!info.isFile() || info.size() > 64 * maxFileBytes)
        return {};
    const QString version = QString::number(info.size()) + QLatin1Char('@') +
                            QString::number(info.lastModified().toMSecsSinceEpoch());
    const QMutexLocker locked(&lock);
    const auto found = cache.constFind(path);
    if (found != cache.constEnd() && found->first == version)
        return found->second;
    const QList<QSslCertificate> read = QSslCertificate::fromPath(path, QSsl::Pem);
    cache.insert(path, {version, read});
    return read;
}

} // namespace

QString describe(const QList<QSslError> &errors)
{
    QStringList lines;
    for (const QSslError &e : errors)
        lines.append(e.errorString() + QStringLiteral(" — ") + certificateDetails(e.certificate()));
    const QString what = advice(errors);
    if (!what.isEmpty())
        lines.append(what);
    return lines.join(QLatin1Char('\n'));
}

QSslConfiguration forCall(const NetworkSettings &settings, const QString &passphrase,
                          QString *error)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    if (!settings.caFile.isEmpty()) {
        const QList<QSslCertificate> authorities = authoritiesIn(settings.caFile);
        if (authorities.isEmpty()) {
            *error = tr("Not sent: no PEM certificate could be read from the trusted certificate "
                        "authorities file \"%1\".")
                         .arg(settings.caFile);
            return {};
        }
        // Beside the system's, not instead: adding to a configuration stops Qt from loading
        // the system's on demand, so they are added first.
        config.setCaCertificates(QSslConfiguration::systemCaCertificates() + authorities);
    }
    if (!settings.clientCertificate.isEmpty() &&
        !addClientCertificate(settings.clientCertificate, passphrase, &config, error))
        return {};
    return config;
}

QString advice(const QList<QSslError> &errors)
{
    for (const QSslError &e : errors) {
        switch (e.error()) {
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain: {
            const QString issuer =
                e.certificate().isNull() ? tr("(unknown)") : e.certificate().issuerDisplayName();
            return tr("The issuer \"%1\" is not trusted: if your company inspects TLS, add "
                      "its certificate authority in Profiles… (Trusted certificate "
                      "authorities).")
                .arg(issuer);
        }
        default:
            break;
        }
    }
    return {};
}

} // namespace TlsSettings
