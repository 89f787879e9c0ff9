#pragma once

#include <QHash>
#include <QMutex>
#include <QNetworkProxy>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;

// Per-call proxies on the client's QNetworkAccessManagers. Qt asks a proxy factory for each
// connection by URL; each call first says which proxy its URL takes (its profile's
// choice), and the factory answers with exactly that. Two profiles at one origin with
// different proxies share the last one set while both are in flight.
class CallProxies final
{
public:
    // Puts a factory reading this table on nam (which owns the factory).
    static void installOn(QNetworkAccessManager *nam, const std::shared_ptr<CallProxies> &table);

    void set(const QUrl &url, const QNetworkProxy &proxy);
    QNetworkProxy get(const QUrl &url) const;

private:
    static QString originOf(const QUrl &url);

    mutable QMutex m_mutex; // the factory may be asked from Qt's network thread
    QHash<QString, QNetworkProxy> m_byOrigin;
};
