#include "core/net/apiclient.h"

#include "common/platform/lowdelaysockets.h"
#include "common/version.h"

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
