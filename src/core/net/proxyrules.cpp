#include "core/net/proxyrules.h"

#include "core/base/translation.h"
#include "core/net/sendpolicy.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QNetworkProxyFactory>

PI_TRANSLATION_CONTEXT("ProxyRules")

namespace ProxyRules {

namespace {

QByteArray noProxyList()
{
    const QByteArray lower = qgetenv("no_proxy");
    return lower.isEmpty() ? qgetenv("NO_PROXY") : lower;
}

bool matches(const QString &host, QString entry)
{
    entry = entry.trimmed().toLower();
    if (entry.isEmpty())
        return false;
    if (entry == QLatin1String("*"))
        return true;
    // "host:port" entries: the host part only; "[::1]" as "::1".
    if (entry.startsWith(QLatin1Char('[')) && entry.contains(QLatin1Char(']')))
        entry = entry.mid(1, entry.indexOf(QLatin1Char(']')) - 1);
    else if (entry.count(QLatin1Char(':')) == 1)
        entry = entry.section(QLatin1Char(':'), 0, 0);
    const QHostAddress address(host);
    if (!address.isNull() && entry.contains(QLatin1Char('/')))
        return address.isInSubnet(QHostAddress::parseSubnet(entry));
    if (entry.startsWith(QLatin1Char('.')))
        entry.remove(0, 1);
    return host == entry || host.endsWith(QLatin1Char('.') + entry);
}

} // namespace

bool bypassed(const QUrl &url, const QByteArray &noProxy)
{
    const QString host = url.host().toLower();
    const QStringList entries = QString::fromLatin1(noProxy).split(QLatin1Char(','));
    return std::any_of(entries.cbegin(), entries.cend(),
                       [&host](const QString &e) { return matches(host, e); });
}

QNetworkProxy forUrl(const QUrl &url, const NetworkSettings &settings)
{
    if (settings.embeddedSandbox || settings.proxy == NetworkSettings::Proxy::None)
        return QNetworkProxy::NoProxy;
    if (settings.proxy == NetworkSettings::Proxy::System) {
        const QList<QNetworkProxy> system =
            QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(url));
        // The system's answer, unless no_proxy says otherwise (not every back end reads it).
        if (system.isEmpty() || bypassed(url, noProxyList()))
            return QNetworkProxy::NoProxy;
        return system.first();
    }
    if (!checkAddress(settings.proxyUrl).isEmpty() || bypassed(url, noProxyList()))
        return QNetworkProxy::NoProxy;
    const bool socks = settings.proxyUrl.scheme() == QLatin1String("socks5");
    return QNetworkProxy(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy,
                         settings.proxyUrl.host(), quint16(settings.proxyUrl.port()));
}

QString checkAddress(const QUrl &address)
{
    if (!address.isValid() || address.host().isEmpty() || address.port() <= 0)
        return tr("A proxy is written http://host:port or socks5://host:port.");
    if (address.scheme() != QLatin1String("http") && address.scheme() != QLatin1String("socks5"))
        return tr("Pi Console speaks to proxies over http:// or socks5://, not \"%1\".")
            .arg(address.scheme());
    if (!address.userInfo().isEmpty())
        return tr("Leave the user name and password out of the proxy's address: Pi Console "
                  "asks for them when the proxy wants them and keeps them in the keychain.");
    if (address.hasQuery() || address.hasFragment() ||
        (!address.path().isEmpty() && address.path() != QLatin1String("/")))
        return tr("A proxy's address has no path: http://host:port.");
    return {};
}

QString cleartextRefusal(const QUrl &url, const QNetworkProxy &proxy)
{
    if (proxy.type() == QNetworkProxy::NoProxy || proxy.type() == QNetworkProxy::DefaultProxy ||
        url.scheme() != QLatin1String("http"))
        return {};
    if (SendPolicy::isLoopbackHost(url.host()) && SendPolicy::isLoopbackHost(proxy.hostName()))
        return {};
    return tr("Not sent: this http:// call would go through the proxy %1 in clear, key and all. "
              "Use https:// (the proxy then only opens a tunnel), or choose no proxy for this "
              "profile in Profiles….")
        .arg(describe(proxy));
}

QString describe(const QNetworkProxy &proxy)
{
    const QString host = proxy.hostName().contains(QLatin1Char(':'))
                             ? QLatin1Char('[') + proxy.hostName() + QLatin1Char(']')
                             : proxy.hostName();
    return host + QLatin1Char(':') + QString::number(proxy.port());
}

} // namespace ProxyRules
