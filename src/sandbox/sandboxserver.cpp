#include "sandboxserver.h"

#include <QHttpServerRequest>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QByteArrayLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QByteArrayLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QByteArrayLiteral("PATCH");
    case QHttpServerRequest::Method::Connect:
        return QByteArrayLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace:
        return QByteArrayLiteral("TRACE");
    default:
        return QByteArrayLiteral("UNKNOWN");
    }
}

bool wantsClose(const SandboxRequest &request)
{
    return request.header("Connection").trimmed().compare("close", Qt::CaseInsensitive) == 0;
}

} // namespace

SandboxServer::SandboxServer(SandboxApi::Options options, GuardedTcpServer::Limits limits,
                             QObject *parent)
    : QAbstractHttpServer(parent)
    , m_api(std::move(options))
    , m_limits(limits)
{}

quint16 SandboxServer::listen(const QHostAddress &address, quint16 port)
{
    auto *tcp = new GuardedTcpServer(&m_api, this, m_limits, this);
    if (!tcp->listen(address, port)) {
        delete tcp;
        return 0;
    }
    bind(tcp);
    return tcp->serverPort();
}

bool SandboxServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    SandboxRequest in;
    in.method = methodName(request.method());
    in.path = request.url().path();
    in.query = request.query();
    in.headers = request.headers();
    in.body = request.body();

    const SandboxReply reply = m_api.handle(in);
    const bool close = wantsClose(in) || reply.dropMidBody;
    if (reply.latencyMs <= 0) {
        write(socket, reply, close);
        return true;
    }
    // The socket is the timer's context: when the client hangs up meanwhile, the server
    // deletes its socket and the pending reply goes with it. The connection counts against
    // the guard's limit while it waits, and its guard refuses a second request meanwhile.
    QTimer::singleShot(reply.latencyMs, socket, [socket, reply, close] {
        if (socket->state() == QAbstractSocket::ConnectedState)
            write(socket, reply, close);
    });
    return true;
}

void SandboxServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Q_UNUSED(request);
    Q_UNUSED(socket);
    // handleRequest answers every request, so this is never reached.
}

void SandboxServer::write(QTcpSocket *socket, const SandboxReply &reply, bool closeAfter)
{
    // No Nagle delay: with it, a kept-alive client waits for a delayed ACK (40 ms) between
    // requests that carry a body.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    const bool close = closeAfter || reply.dropMidBody;
    // The drop fault: half the promised body, then the connection goes away.
    socket->write(reply.wireHead(closeAfter) +
                  (reply.dropMidBody ? reply.body.left(reply.body.size() / 2) : reply.body));
    if (close)
        socket->disconnectFromHost();
    else if (ConnectionGuard *guard = ConnectionGuard::of(socket))
        guard->replySent();
}
