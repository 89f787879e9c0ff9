#include "support/throwawayca.h"

#include <QFile>
#include <QProcess>

bool ThrowawayCa::openssl(const QStringList &arguments)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral("openssl"), arguments);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = QStringLiteral("openssl %1: %2")
                      .arg(arguments.join(QLatin1Char(' ')),
                           QString::fromLocal8Bit(p.readAllStandardError()));
        return false;
    }
    return true;
}

bool ThrowawayCa::make()
{
    const auto req = [this](const QString &key, const QString &out, const QString &subject) {
        return openssl({QStringLiteral("req"), QStringLiteral("-newkey"),
                        QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                        QStringLiteral("-keyout"), key, QStringLiteral("-out"), out,
                        QStringLiteral("-subj"), subject});
    };
    const auto selfSigned = [this](const QString &key, const QString &out, const QString &subject) {
        return openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                        QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                        QStringLiteral("-keyout"), key, QStringLiteral("-out"), out,
                        QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                        subject});
    };
    const auto sign = [this](const QString &csr, const QString &out, const QString &extensions) {
        QFile ext(path(out + QStringLiteral(".ext")));
        if (!ext.open(QIODevice::WriteOnly) || ext.write(extensions.toUtf8()) < 0)
            return false;
        ext.close();
        return openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), csr,
                        QStringLiteral("-CA"), QStringLiteral("ca.pem"), QStringLiteral("-CAkey"),
                        QStringLiteral("ca.key"), QStringLiteral("-CAcreateserial"),
                        QStringLiteral("-out"), out, QStringLiteral("-days"), QStringLiteral("2"),
                        QStringLiteral("-extfile"), ext.fileName()});
    };
    if (!m_dir.isValid() ||
        !selfSigned(QStringLiteral("ca.key"), QStringLiteral("ca.pem"),
                    QStringLiteral("/CN=Throwaway Company CA")) ||
        !selfSigned(QStringLiteral("other-ca.key"), QStringLiteral("other-ca.pem"),
                    QStringLiteral("/CN=Another CA")) ||
        !req(QStringLiteral("server.key"), QStringLiteral("server.csr"),
             QStringLiteral("/CN=127.0.0.1")) ||
        !sign(QStringLiteral("server.csr"), QStringLiteral("server.pem"),
              QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost\n")) ||
        !req(QStringLiteral("client.key"), QStringLiteral("client.csr"),
             QStringLiteral("/CN=Pi Console test client")) ||
        !sign(QStringLiteral("client.csr"), QStringLiteral("client.pem"),
              QStringLiteral("extendedKeyUsage=clientAuth\n")) ||
        !openssl({QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-in"),
                  QStringLiteral("client.pem"), QStringLiteral("-inkey"),
                  QStringLiteral("client.key"), QStringLiteral("-out"),
                  QStringLiteral("client.p12"), QStringLiteral("-passout"),
                  QStringLiteral("pass:") + pkcs12Passphrase()}))
        return false;
    QFile both(clientPem());
    QFile certificate(path(QStringLiteral("client.pem")));
    QFile key(path(QStringLiteral("client.key")));
    if (!both.open(QIODevice::WriteOnly) || !certificate.open(QIODevice::ReadOnly) ||
        !key.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("cannot write %1").arg(clientPem());
        return false;
    }
    both.write(certificate.readAll() + key.readAll());
    return true;
}
