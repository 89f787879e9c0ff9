#pragma once

#include <QString>
#include <QUrl>

// How a profile's calls reach its server: through which proxy, trusting which extra
// certificate authorities, with which client certificate. None of it is secret: a proxy's
// password and a client certificate's passphrase live in the keychain.
struct NetworkSettings
{
    enum class Proxy
    {
        System, // the desktop's settings (or http_proxy, https_proxy, no_proxy)
        None,
        Own, // proxyUrl: http://host:port or socks5://host:port
    };
    Proxy proxy = Proxy::System;
    QUrl proxyUrl;
    QString caFile;               // PEM certificates trusted beside the system's
    QString clientCertificate;    // PEM (certificate and key) or PKCS#12 (.p12, .pfx)
    bool embeddedSandbox = false; // its calls never go through a proxy
};
