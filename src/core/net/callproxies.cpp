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

void CallProxies::installOn(QNetworkAccessManager *nam, const std::shared_ptr<CallProxies> &table)
{
    nam->setProxyFactory(new Factory(table));
}

QString CallProxies::originOf(const QUrl &url)
{
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    return url.scheme() + QLatin1String("://") + url.host().toLower() + QLatin1Char(':') +
           QString::number(port);
}

void CallProxies::set(const QUrl &url, const QNetworkProxy &proxy)
{
    const QMutexLocker lock(&m_mutex);
    m_byOrigin.insert(originOf(url), proxy);
}

QNetworkProxy CallProxies::get(const QUrl &url) const
{
    const QMutexLocker lock(&m_mutex);
    // A URL no call announced (none should be) goes direct, never through a guess.
    return m_byOrigin.value(originOf(url), QNetworkProxy(QNetworkProxy::NoProxy));
}
