#include "core/net/apiclient.h"

#include "common/platform/httpsockets.h"
#include "common/platform/lowdelaysockets.h"
#include "common/version.h"
#include "core/base/logging.h"
#include "core/net/callproxies.h"
#include "core/net/callroute.h"
#include "core/net/proxyauth.h"

#include <QAuthenticator>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QNetworkAccessManager>
#include <QSysInfo>

#include <utility>

ApiClient::ApiClient(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
{
    LowDelaySockets::active(); // POST bodies without Nagle's 40 ms wait
    m_proxies = std::make_shared<CallProxies>();
    m_default = std::shared_ptr<QNetworkAccessManager>(m_nam, [](QNetworkAccessManager *) {});
    CallProxies::installOn(m_nam, m_proxies);
    // The default manager's calls go direct, but a redirect hop may reach a proxy.
    connect(m_nam, &QNetworkAccessManager::proxyAuthenticationRequired, this,
            &ApiClient::answerProxy);
    m_starter.setSingleShot(true);
    m_starter.setInterval(0);
    connect(&m_starter, &QTimer::timeout, this, &ApiClient::startSome);
    m_heldBackWatch.setInterval(20);
    connect(&m_heldBackWatch, &QTimer::timeout, this, &ApiClient::watchHeldBack);
}

QByteArray ApiClient::userAgent()
{
    // QSysInfo reads /etc/os-release on every call: once is enough.
    static const QByteArray agent = "PiConsole/" PICONSOLE_VERSION " (" +
                                    QSysInfo::productType().toLatin1() + "; Qt " +
                                    QByteArray(qVersion()) + ")";
    return agent;
}

PendingCall *ApiClient::send(const Endpoint &endpoint, const ApiRequest &request)
{
    const QString key = CallRoute::managerKey(endpoint);
    std::shared_ptr<QNetworkAccessManager> nam = managerFor(key);
    auto *call = new PendingCall(nam.get(), endpoint, request, m_limits, this);
    call->setProxies(m_proxies);
    call->keepManager(std::move(nam), key);
    connect(call, &PendingCall::finished, this, [this, call](const CallRecord &record) {
        m_seenByFinished += call->takeBytesSeen();
        Q_EMIT callFinished(record);
        call->deleteLater();
    });
    Q_EMIT callStarted(call);
    if (HttpSockets::counted() && !m_heldBackWatch.isActive())
        m_heldBackWatch.start();
    // Started from the event loop, so a caller can connect to the call before it ends.
    m_toStart.append(call);
    if (!m_starter.isActive())
        m_starter.start();
    return call;
}

std::shared_ptr<QNetworkAccessManager> ApiClient::managerFor(const QString &key)
{
    if (key.isEmpty())
        return m_default;
    if (auto found = m_managers.value(key))
        return found;
    // Each manager has its network thread and its connections: past a few routes, those no
    // call is using go (their next call connects anew).
    constexpr qsizetype keptIdle = 8;
    if (m_managers.size() >= keptIdle)
        m_managers.removeIf([](const auto &entry) { return entry.value().use_count() == 1; });
    // Deleted from the event loop once no call holds it: a reply may still be ending.
    std::shared_ptr<QNetworkAccessManager> made(new QNetworkAccessManager,
                                                [](QNetworkAccessManager *n) { n->deleteLater(); });
    CallProxies::installOn(made.get(), m_proxies);
    connect(made.get(), &QNetworkAccessManager::proxyAuthenticationRequired, this,
            &ApiClient::answerProxy);
    m_managers.insert(key, made);
    return made;
}

void ApiClient::answerProxy(const QNetworkProxy &proxy, QAuthenticator *auth)
{
    if (m_proxyAuth)
        m_proxyAuth->answer(proxy, auth);
}

void ApiClient::proxyFailed(const QString &managerKey, const QNetworkProxy &proxy)
{
    if (m_proxyAuth && m_proxyAuth->unconfirmed(proxy))
        m_managers.remove(managerKey);
}

void ApiClient::proxyWorked(const QNetworkProxy &proxy)
{
    if (m_proxyAuth)
        m_proxyAuth->confirm(proxy);
}

void ApiClient::watchHeldBack()
{
    const QList<PendingCall *> calls = findChildren<PendingCall *>(Qt::FindDirectChildrenOnly);
    const qint64 received = HttpSockets::receivedSinceLastAsked();
    qint64 seen = std::exchange(m_seenByFinished, 0);
    bool awaiting = false;
    for (PendingCall *call : calls) {
        seen += call->takeBytesSeen();
        awaiting = awaiting || call->awaitingHeaders();
    }
    if (calls.isEmpty())
        m_heldBackWatch.stop();
    // Bytes on their way to a call (in the kernel's and Qt's buffers) are counted here first
    // and by the call a moment later; a compressed body is handed on larger than it came.
    const qint64 before = m_unaccounted;
    m_unaccounted = awaiting ? std::max<qint64>(0, m_unaccounted + received - seen) : 0;
    // Held back is what keeps growing: bytes Qt read for a call whose headers the window has
    // not seen yet (it was busy) are handed on, and shrink, within a tick or two.
    m_growingTicks = m_unaccounted > before ? m_growingTicks + 1 : 0;
    if (m_unaccounted <= m_limits.maxHeldBackBytes || m_growingTicks < heldBackTicks)
        return;
    qCWarning(lcNet) << m_unaccounted
                     << "bytes received that no call was handed: ending the "
                        "calls still waiting for their headers";
    m_unaccounted = 0;
    m_growingTicks = 0;
    for (PendingCall *call : calls)
        if (call->awaitingHeaders())
            call->stopHeldBack();
}

int ApiClient::finishAtQuit(int graceMs)
{
    const auto unfinished = [this] {
        QList<PendingCall *> calls = findChildren<PendingCall *>(Qt::FindDirectChildrenOnly);
        calls.removeIf([](PendingCall *c) { return c->isFinished(); });
        return calls;
    };
    QDeadlineTimer grace(graceMs);
    while (!unfinished().isEmpty() && !grace.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    const QList<PendingCall *> cut = unfinished();
    for (PendingCall *call : cut) {
        const bool sent = !m_toStart.contains(call);
        call->abandon(sent ? tr("Not finished: Pi Console quit while it was on its way.")
                           : tr("Not sent: Pi Console quit before it went."));
    }
    // A large record is completed (redacted) on a worker, at about 100 MB/s: time for the
    // largest to come back, since a call not recorded is the one thing quitting must not do.
    QDeadlineTimer completing(completingAtQuitMs);
    while (!unfinished().isEmpty() && !completing.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!cut.isEmpty())
        qCWarning(lcNet) << cut.size()
                         << "calls still on their way at quit were recorded as "
                            "not finished";
    if (const qsizetype lost = unfinished().size())
        qCWarning(lcNet) << lost << "calls could not be recorded before quitting";
    return int(cut.size());
}

void ApiClient::startSome()
{
    constexpr int perTurn = 8;
    for (int started = 0; started < perTurn && !m_toStart.isEmpty();) {
        const QPointer<PendingCall> call = m_toStart.takeFirst();
        if (call) {
            call->start();
            ++started;
        }
    }
    if (!m_toStart.isEmpty())
        m_starter.start();
}
