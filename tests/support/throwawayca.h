#pragma once

#include <QString>
#include <QTemporaryDir>

// A certificate authority made at run time with openssl, for TLS tests: its certificate, a
// server certificate for 127.0.0.1 and localhost, and a client certificate as one PEM file
// (certificate and key) and as PKCS#12 with a passphrase. No private key is committed.
class ThrowawayCa final
{
public:
    // Makes everything; false with errorText() when openssl fails.
    bool make();
    QString errorText() const { return m_error; }

    QString caCertificate() const { return path(QStringLiteral("ca.pem")); }
    QString serverCertificate() const { return path(QStringLiteral("server.pem")); }
    QString serverKey() const { return path(QStringLiteral("server.key")); }
    QString clientPem() const { return path(QStringLiteral("client-with-key.pem")); }
    QString clientPkcs12() const { return path(QStringLiteral("client.p12")); }
    static QString pkcs12Passphrase() { return QStringLiteral("throwaway-passphrase-3141"); }
    // A second authority that signed nothing here: trusting it trusts no server.
    QString otherCaCertificate() const { return path(QStringLiteral("other-ca.pem")); }

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }
    bool openssl(const QStringList &arguments);

    QTemporaryDir m_dir;
    QString m_error;
};
