#include "core/net/proxyauth.h"

#include "core/keys/keyvault.h"
#include "core/net/proxyrules.h"
#include "core/secrets/redaction.h"

#include <QAuthenticator>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>

ProxyAuth::ProxyAuth(KeyVault *vault, QObject *parent)
    : QObject(parent)
    , m_vault(vault)
{}

QString ProxyAuth::entryFor(const QNetworkProxy &proxy)
{
    return QStringLiteral("proxy ") + ProxyRules::describe(proxy);
}

bool ProxyAuth::readStored(const QString &entry, Credentials *out)
{
    if (!m_vault)
        return false;
    // Qt waits for the answer on its network thread; the keychain answers on this one.
    // The answer may come after the wait gave up: it lands in state the callback shares.
    struct Answer
    {
        bool done = false;
        bool found = false;
        Credentials credentials;
    };
    auto answer = std::make_shared<Answer>();
    QEventLoop loop;
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    QPointer<QEventLoop> waiting(&loop);
    m_vault->read(entry, [answer, waiting](const KeyVault::Result &r, const QString &secret) {
        const QJsonObject o = QJsonDocument::fromJson(secret.toUtf8()).object();
        if (r.ok() && o.contains(QLatin1String("user"))) {
            answer->credentials = {o.value(QLatin1String("user")).toString(),
                                   o.value(QLatin1String("password")).toString()};
            answer->found = true;
        }
        answer->done = true;
        if (waiting)
            waiting->quit();
    });
    if (!answer->done)
        loop.exec();
    if (answer->found)
        *out = answer->credentials;
    return answer->found;
}

void ProxyAuth::answer(const QNetworkProxy &proxy, QAuthenticator *auth)
{
    const QString entry = entryFor(proxy);
    Credentials c;
    bool have = m_known.contains(entry);
    if (have)
        c = m_known.value(entry);
    else if ((have = readStored(entry, &c)))
        m_known.insert(entry, c);
    const bool rejected = m_offered.contains(entry);
    if (!have || rejected) {
        if (!m_ask || !m_ask(ProxyRules::describe(proxy), rejected && have, &c)) {
            m_offered.remove(entry); // declined: the call ends with the proxy's 407
            return;
        }
        m_known.insert(entry, c);
        if (m_vault) {
            const QByteArray stored = QJsonDocument(QJsonObject{
                                                        {QStringLiteral("user"), c.user},
                                                        {QStringLiteral("password"), c.password},
                                                    })
                                          .toJson(QJsonDocument::Compact);
            m_vault->write(entry, QString::fromUtf8(stored), [](const KeyVault::Result &) {});
        }
    }
    Redaction::rememberSecret(c.password);
    m_offered.insert(entry);
    auth->setUser(c.user);
    auth->setPassword(c.password);
}
