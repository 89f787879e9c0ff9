#include "core/net/apiclient.h"

#include "common/platform/lowdelaysockets.h"
#include "common/version.h"
#include "core/base/logging.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSysInfo>

ApiClient::ApiClient(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
{
    LowDelaySockets::active(); // POST bodies without Nagle's 40 ms wait
    m_starter.setSingleShot(true);
    m_starter.setInterval(0);
    connect(&m_starter, &QTimer::timeout, this, &ApiClient::startSome);
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
    auto *call = new PendingCall(m_nam, endpoint, request, m_limits, this);
    connect(call, &PendingCall::finished, this, [this, call](const CallRecord &record) {
        Q_EMIT callFinished(record);
        call->deleteLater();
    });
    Q_EMIT callStarted(call);
    // Started from the event loop, so a caller can connect to the call before it ends.
    m_toStart.append(call);
    if (!m_starter.isActive())
        m_starter.start();
    return call;
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
    // A large record is completed on a worker: a moment more for those to come back.
    QDeadlineTimer completing(1000);
    while (!unfinished().isEmpty() && !completing.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (!cut.isEmpty())
        qCWarning(lcNet) << cut.size()
                         << "calls still on their way at quit were recorded as "
                            "not finished";
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
