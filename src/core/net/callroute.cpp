#include "core/net/callroute.h"

#include "core/base/translation.h"
#include "core/net/callproxies.h"
#include "core/net/proxyrules.h"
#include "core/net/tlssettings.h"

#include <QCoreApplication>

PI_TRANSLATION_CONTEXT("CallRoute")

CallRoute CallRoute::plan(const QUrl &url, const Endpoint &endpoint, CallProxies *proxies)
{
    CallRoute route;
    // A profile's own proxy that cannot be used stops the call: going direct instead would
    // leave a network the company means to be left only through its proxy.
    const NetworkSettings &n = endpoint.network;
    if (n.proxy == NetworkSettings::Proxy::Own && !n.embeddedSandbox) {
        const QString bad = ProxyRules::checkAddress(n.proxyUrl);
        if (!bad.isEmpty()) {
            route.refusal = tr("Not sent: the profile's proxy address \"%1\" cannot be used. %2")
                                .arg(n.proxyUrl.toDisplayString(QUrl::RemoveUserInfo), bad);
            return route;
        }
    }
    route.proxy = ProxyRules::forUrl(url, n);
    route.refusal = ProxyRules::cleartextRefusal(url, route.proxy);
    if (!route.refusal.isEmpty())
        return route;
    if (url.scheme() == QLatin1String("https")) {
        route.tls = TlsSettings::forCall(n, endpoint.clientPassphrase, &route.refusal);
        if (!route.refusal.isEmpty())
            return route;
    }
    if (proxies)
        proxies->set(url, route.proxy);
    return route;
}

QString CallRoute::managerKey(const Endpoint &endpoint)
{
    const NetworkSettings &n = endpoint.network;
    const QNetworkProxy proxy = ProxyRules::forUrl(endpoint.baseUrl, n);
    if (proxy.type() == QNetworkProxy::NoProxy && n.caFile.isEmpty() &&
        n.clientCertificate.isEmpty())
        return {};
    // Which proxy and certificates, not their secrets: the passphrase only as a hash.
    return ProxyRules::describe(proxy) + QLatin1Char('|') + n.caFile + QLatin1Char('|') +
           n.clientCertificate + QLatin1Char('|') +
           QString::number(qHash(endpoint.clientPassphrase, 0x5eed));
}

bool CallRoute::proxyFailed(QNetworkReply::NetworkError error, const QString &qtText) const
{
    return viaProxy() && ((error >= QNetworkReply::ProxyConnectionRefusedError &&
                           error <= QNetworkReply::UnknownProxyError) ||
                          (error < QNetworkReply::ContentAccessDenied &&
                           qtText.contains(QLatin1String("proxy"), Qt::CaseInsensitive)));
}

QString CallRoute::failureText(QNetworkReply::NetworkError error, const QString &qtText, bool https,
                               bool handshakeDone, bool clientCertificate) const
{
    if (https && !handshakeDone && !clientCertificate && !viaProxy() &&
        (error == QNetworkReply::RemoteHostClosedError ||
         error == QNetworkReply::SslHandshakeFailedError))
        return tr("%1. The server closed the connection during the TLS handshake: it may "
                  "require a client certificate (Profiles…, Client certificate).")
            .arg(qtText);
    const QString proxyName = ProxyRules::describe(proxy);
    switch (error) {
    case QNetworkReply::ProxyConnectionRefusedError:
        return tr("The proxy %1 refused the connection: is it running, and is this its "
                  "address? (%2)")
            .arg(proxyName, qtText);
    case QNetworkReply::ProxyConnectionClosedError:
        return tr("The proxy %1 closed the connection before answering (%2).")
            .arg(proxyName, qtText);
    case QNetworkReply::ProxyNotFoundError:
        return tr("The proxy %1 could not be found: its host name does not resolve (%2).")
            .arg(proxyName, qtText);
    case QNetworkReply::ProxyTimeoutError:
        return tr("The proxy %1 did not answer in time (%2).").arg(proxyName, qtText);
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return tr("The proxy %1 answered 407: it wants a user name and password, and none it "
                  "accepted was given (%2).")
            .arg(proxyName, qtText);
    case QNetworkReply::UnknownProxyError:
        return tr("The proxy %1 failed: %2").arg(proxyName, qtText);
    default:
        break;
    }
    if (!viaProxy() || error == QNetworkReply::NoError ||
        error >= QNetworkReply::ContentAccessDenied)
        return qtText;
    // Qt reports some of the proxy's own failures as plain network errors, in its words.
    if (qtText.contains(QLatin1String("proxy"), Qt::CaseInsensitive))
        return tr("The proxy %1 failed: %2").arg(proxyName, qtText);
    // A tunnel the proxy would not open looks like the server failing.
    return tr("%1 (through the proxy %2: it may have refused to open the tunnel)")
        .arg(qtText, proxyName);
}
