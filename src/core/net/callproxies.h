#pragma once

#include <QHash>
#include <QMutex>
#include <QNetworkProxy>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

// Per-call proxies on one QNetworkAccessManager. Qt asks a proxy factory for each
// connection by URL; each call first says which proxy its URL takes (its profile's
// choice), and the factory answers with exactly that. Two profiles at one origin with
// different proxies share the last one set while both are in flight.
class CallProxies final
{
public:
    // Puts a factory reading this table on nam (which owns the factory).
    static std::shared_ptr<CallProxies> installOn(QNetworkAccessManager *nam);

    // True when url's origin was last reached another way (another proxy, other
    // certificates): Qt keeps one connection pool per origin whatever the TLS configuration,
    // so the caller drops the idle connections before this call.
    bool set(const QUrl &url, const QNetworkProxy &proxy, const QString &tlsIdentity);
    QNetworkProxy get(const QUrl &url) const;

private:
    static QString originOf(const QUrl &url);

    mutable QMutex m_mutex; // the factory may be asked from Qt's network thread
    QHash<QString, QNetworkProxy> m_byOrigin;
    QHash<QString, QString> m_routeOf; // origin → proxy and TLS identity of its last call
};
