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
    bool changed = false;  // its origin was last reached another way: drop idle connections

    static CallRoute plan(const QUrl &url, const Endpoint &endpoint, CallProxies *proxies);

    bool viaProxy() const { return proxy.type() != QNetworkProxy::NoProxy; }

    // The failure of a call that got no HTTP answer, in words that say when the proxy was
    // the one that failed, and name it (host and port only).
    QString failureText(QNetworkReply::NetworkError error, const QString &qtText) const;
    // Whether the proxy itself failed (refused, wanted a password, broke the protocol).
    bool proxyFailed(QNetworkReply::NetworkError error, const QString &qtText) const;
};
