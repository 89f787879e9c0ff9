#pragma once

#include "core/net/endpoint.h"

#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSslConfiguration>

class CallProxies;

// How one hop of a call reaches its server: the proxy it goes through (announced to the
// client's proxy table), the TLS configuration of its profile, or why it must not go.
struct CallRoute
{
    QNetworkProxy proxy = QNetworkProxy::NoProxy;
    QSslConfiguration tls; // null for http://
    QString refusal;       // not empty: nothing is sent

    static CallRoute plan(const QUrl &url, const Endpoint &endpoint, CallProxies *proxies);

    // Which network manager an endpoint's calls share. Qt keeps one connection pool per
    // origin and proxy whatever the TLS configuration, and keeps a proxy's credentials once
    // given: calls with other certificates, or through a proxy, get a manager of their own.
    // Empty: the client's default manager (no proxy, the system's certificates only).
    static QString managerKey(const Endpoint &endpoint);

    bool viaProxy() const { return proxy.type() != QNetworkProxy::NoProxy; }

    // The failure of a call that got no HTTP answer, in words that say when the proxy was
    // the one that failed, and name it (host and port only).
    // `handshakeDone`: the TLS handshake of an https call finished; a connection closed
    // before it, with no client certificate given, says that one may be required.
    QString failureText(QNetworkReply::NetworkError error, const QString &qtText,
                        bool https = false, bool handshakeDone = true,
                        bool clientCertificate = false) const;
    // Whether the proxy itself failed (refused, wanted a password, broke the protocol).
    bool proxyFailed(QNetworkReply::NetworkError error, const QString &qtText) const;
};
