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

SandboxServer::SandboxServer(SandboxApi::Options options, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_api(std::move(options))
{}

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
    // The client may hang up while we wait; the server deletes its socket then.
    QPointer<QTcpSocket> guarded(socket);
    QTimer::singleShot(reply.latencyMs, this, [guarded, reply, close] {
        if (guarded && guarded->state() == QAbstractSocket::ConnectedState)
            write(guarded, reply, close);
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
    QByteArray out =
        "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status) + "\r\n";
    for (const auto &h : reply.headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    if (closeAfter)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (reply.dropMidBody) {
        // Half the promised body, then the connection goes away.
        out += reply.body.left(reply.body.size() / 2);
        socket->write(out);
        socket->disconnectFromHost();
        return;
    }
    out.reserve(out.size() + reply.body.size());
    out += reply.body;
    socket->write(out);
    if (closeAfter)
        socket->disconnectFromHost();
}
