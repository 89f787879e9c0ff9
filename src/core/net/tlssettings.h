#pragma once

#include "core/net/networksettings.h"

#include <QList>
#include <QSslConfiguration>
#include <QSslError>

// The TLS side of a profile: the company's certificate authorities trusted beside the
// system's, a client certificate for mutual TLS, and what to do when a chain is not trusted.
namespace TlsSettings {

// The configuration for a call; on a file that cannot be used (missing, no PEM, a wrong
// passphrase), a null one and *error saying which and why.
QSslConfiguration forCall(const NetworkSettings &settings, const QString &passphrase,
                          QString *error);

// Each error with the certificate it is about, then the advice: the text of a TLS failure.
QString describe(const QList<QSslError> &errors);

// What to do about these errors, for the failure's text: an untrusted issuer names it and
// points to Profiles…; empty when there is no advice.
QString advice(const QList<QSslError> &errors);

} // namespace TlsSettings
