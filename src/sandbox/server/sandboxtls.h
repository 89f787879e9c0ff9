#pragma once

#include <QSslConfiguration>
#include <QString>

// pi-sandbox over TLS: its certificate and key (PEM), and optionally the certificate
// authorities a client certificate must come from, in which case one is required.
namespace SandboxTls {

struct Files
{
    QString certificate;
    QString key;
    QString clientCa;

    bool enabled() const { return !certificate.isEmpty(); }
};

// The server's configuration; on a file that cannot be read or holds no usable PEM, a
// null configuration and *error naming the file.
QSslConfiguration load(const Files &files, QString *error);

} // namespace SandboxTls
