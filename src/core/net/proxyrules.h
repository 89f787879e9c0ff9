#pragma once

#include "core/net/networksettings.h"

#include <QNetworkProxy>
#include <QString>

// Which proxy a call goes through, and when one must not be used. Pure functions of the
// URL, the profile's settings and the environment, so the window, the client and the tests
// agree on them.
namespace ProxyRules {

// The proxy for a call to url (NoProxy for none): never for the embedded sandbox; the
// system's for System; the profile's own for Own, unless no_proxy names the host.
QNetworkProxy forUrl(const QUrl &url, const NetworkSettings &settings);

// Whether a no_proxy list ("localhost,.example.com,10.0.0.1") names url's host.
bool bypassed(const QUrl &url, const QByteArray &noProxy);

// Empty when address is a proxy Pi Console can use (http:// or socks5://, a host and a
// port, no user name or password in it); else why not.
QString checkAddress(const QUrl &address);

// A cleartext http:// call through a proxy carries the key in clear across it: refused,
// unless the proxy and the server are both on this machine. Empty when allowed.
QString cleartextRefusal(const QUrl &url, const QNetworkProxy &proxy);

// "proxy.example.com:3128", never with a user name or password.
QString describe(const QNetworkProxy &proxy);

} // namespace ProxyRules
