#include "core/net/callproxies.h"

#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>

namespace {

class Factory final : public QNetworkProxyFactory
{
public:
    explicit Factory(std::shared_ptr<CallProxies> table)
        : m_table(std::move(table))
    {}

    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        return {m_table->get(query.url())};
    }

private:
    std::shared_ptr<CallProxies> m_table;
};

} // namespace

std::shared_ptr<CallProxies> CallProxies::installOn(QNetworkAccessManager *nam)
{
    auto table = std::make_shared<CallProxies>();
    nam->setProxyFactory(new Factory(table));
    return table;
}

QString CallProxies::originOf(const QUrl &url)
{
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    return url.scheme() + QLatin1String("://") + url.host().toLower() + QLatin1Char(':') +
           QString::number(port);
}

bool CallProxies::set(const QUrl &url, const QNetworkProxy &proxy, const QString &tlsIdentity)
{
    const QMutexLocker lock(&m_mutex);
    const QString origin = originOf(url);
    m_byOrigin.insert(origin, proxy);
    const QString route = proxy.hostName() + QLatin1Char(':') + QString::number(proxy.port()) +
                          QLatin1Char('|') + tlsIdentity;
    const auto last = m_routeOf.constFind(origin);
    const bool changed = last != m_routeOf.constEnd() && *last != route;
    m_routeOf.insert(origin, route);
    return changed;
}

QNetworkProxy CallProxies::get(const QUrl &url) const
{
    const QMutexLocker lock(&m_mutex);
    // A URL no call announced (none should be) goes direct, never through a guess.
    return m_byOrigin.value(originOf(url), QNetworkProxy(QNetworkProxy::NoProxy));
}
