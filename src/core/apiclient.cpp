#include "apiclient.h"

#include "lowdelaysockets.h"
#include "version.h"

#include <QSysInfo>

ApiClient::ApiClient(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
{
    LowDelaySockets::active(); // POST bodies without Nagle's 40 ms wait
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
    QMetaObject::invokeMethod(call, &PendingCall::start, Qt::QueuedConnection);
    return call;
}
