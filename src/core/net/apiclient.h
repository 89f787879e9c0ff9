#pragma once

#include "core/net/pendingcall.h"
#include "core/net/proxyauth.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class CallProxies;
class QAuthenticator;
class QNetworkAccessManager;

// Sends ApiRequests to Pi the way Pi documents: Bearer key, exact body bytes, an
// Idempotency-Key on POST, HTTP/1.1, the key only to the profile's origin. The
// QNetworkAccessManager is injected, so one is shared and tests can point it anywhere.
class ApiClient final : public QObject
{
    Q_OBJECT

public:
    explicit ApiClient(QNetworkAccessManager *nam, QObject *parent = nullptr);

    void setLimits(const PendingCall::Limits &limits) { m_limits = limits; }
    PendingCall::Limits limits() const { return m_limits; }

    // The call starts at once; the result arrives through PendingCall::finished, and also
    // through this client's callFinished. The PendingCall is owned by the client and deletes
    // itself after finishing.
    PendingCall *send(const Endpoint &endpoint, const ApiRequest &request);

    // Who answers a proxy's 407; without one, such a call fails with the proxy's answer.
    void setProxyAuth(ProxyAuth *auth) { m_proxyAuth = auth; }
    // From a call: its proxy failed, or answered. A failure while credentials just given
    // are unconfirmed retires the call's manager (Qt would offer them again unasked), so
    // the next call asks; calls on their way keep theirs.
    void proxyFailed(const QString &managerKey, const QNetworkProxy &proxy);
    void proxyWorked(const QNetworkProxy &proxy);

    // What quitting does with the calls still here: each gets up to graceMs to finish; the
    // rest end as "not finished: Pi Console quit while it was on its way" (or "not sent", for
    // those not yet handed to the network), so that every call becomes a record, its
    // idempotency key included. Runs the event loop meanwhile. Returns how many were cut.
    int finishAtQuit(int graceMs);
    static constexpr int completingAtQuitMs = 15000;

    static QByteArray userAgent();

Q_SIGNALS:
    void callStarted(PendingCall *call);
    void callFinished(const CallRecord &record);

private:
    void startSome();
    std::shared_ptr<QNetworkAccessManager> managerFor(const QString &key);
    void answerProxy(const QNetworkProxy &proxy, QAuthenticator *auth);
    // Every 20 ms while calls are here: bytes the HTTP connections received that no
    // call was handed are bytes Qt holds back (a 401 or 407 being read whole); past the limit,
    // the calls still waiting for their headers are ended.
    void watchHeldBack();

    QNetworkAccessManager *m_nam;
    std::shared_ptr<CallProxies> m_proxies; // each call's proxy, read by the managers' factories
    std::shared_ptr<QNetworkAccessManager> m_default;                  // m_nam, not owned
    QHash<QString, std::shared_ptr<QNetworkAccessManager>> m_managers; // by CallRoute::managerKey
    QPointer<ProxyAuth> m_proxyAuth;
    PendingCall::Limits m_limits;
    // Calls not yet handed to the network: a burst of them starts a few per turn of the
    // event loop, so the window is never held while hundreds start.
    QList<QPointer<PendingCall>> m_toStart;
    QTimer m_starter;
    QTimer m_heldBackWatch;
    qint64 m_unaccounted = 0;    // received by the connections, not yet handed to any call
    qint64 m_seenByFinished = 0; // handed to calls that finished since the last watch
    int m_growingTicks = 0;      // watches in a row that found more held back
    static constexpr int heldBackTicks = 3;
};
