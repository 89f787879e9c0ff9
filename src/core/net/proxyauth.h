#pragma once

#include <QHash>
#include <QNetworkProxy>
#include <QObject>
#include <QSet>

#include <functional>

class KeyVault;
class QAuthenticator;

// Answers a proxy's 407. Its user name and password live in the keychain (entry
// "proxy <host>:<port>"), never in the settings; the first 407 of a run offers what the
// keychain holds, a 407 after that (or none stored) asks the person, and what they give is
// kept in the keychain. The password joins the secrets the redaction removes.
class ProxyAuth final : public QObject
{
    Q_OBJECT

public:
    struct Credentials
    {
        QString user;
        QString password;
    };
    // Asks for a user name and password for proxy; `rejected`: the last ones were refused.
    // False when the person declines.
    using Ask = std::function<bool(const QString &proxy, bool rejected, Credentials *given)>;

    explicit ProxyAuth(KeyVault *vault, QObject *parent = nullptr);

    void setAsk(Ask ask) { m_ask = std::move(ask); }
    // Called from QNetworkAccessManager::proxyAuthenticationRequired: fills auth, or leaves
    // it empty so that the call fails with the proxy's 407.
    void answer(const QNetworkProxy &proxy, QAuthenticator *auth);

    static QString entryFor(const QNetworkProxy &proxy);
    // Credentials went to this proxy and no answer through it has come since.
    bool unconfirmed(const QNetworkProxy &proxy) const
    {
        return m_offered.contains(entryFor(proxy));
    }
    // An answer came through it: what it was given works.
    void confirm(const QNetworkProxy &proxy) { m_offered.remove(entryFor(proxy)); }

private:
    bool readStored(const QString &entry, Credentials *out);

    KeyVault *m_vault;
    Ask m_ask;
    QHash<QString, Credentials> m_known; // this run's, by entry
    QSet<QString> m_offered;             // entries given credentials not yet confirmed
};
