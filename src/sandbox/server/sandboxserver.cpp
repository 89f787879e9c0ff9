#include "sandbox/server/sandboxserver.h"

#include "sandbox/server/logging.h"

#include <QHttpServerRequest>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace {

// A generated body is written 64 KB at a time, while less than 256 KB waits in the socket.
constexpr qint64 kChunk = 64 * 1024;
constexpr qint64 kHighWater = 256 * 1024;

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
    if (!m_tls.isNull())
        tcp->setTls(m_tls);
    // Qt's default backlog of 50 makes a burst of connections wait for SYN retries (1 s).
    tcp->setListenBacklogSize(qBound(50, m_limits.maxConnections, 4096));
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
    if (lcSandboxHttp().isDebugEnabled()) {
        QStringList said{QString::fromLatin1(in.method),
                         SandboxApi::routeOf(in.path),
                         QStringLiteral("->"),
                         QString::number(reply.status),
                         QString::number(reply.bodySize()),
                         QStringLiteral("bytes")};
        if (reply.latencyMs > 0)
            said << QStringLiteral("after %1 ms").arg(reply.latencyMs);
        if (reply.dropMidBody)
            said << QStringLiteral("dropped mid-body");
        if (close)
            said << QStringLiteral("then closes");
        qCDebug(lcSandboxHttp).noquote() << said.join(QLatin1Char(' '));
    }
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
    const qint64 size = reply.bodySize();
    // The drop fault: half the promised body, then the connection goes away.
    const qint64 sent = reply.dropMidBody ? size / 2 : size;
    const bool close = closeAfter || reply.dropMidBody;
    QPointer<ConnectionGuard> guard = ConnectionGuard::of(socket);
    const auto done = [socket, guard, close] {
        if (close)
            socket->disconnectFromHost();
        else if (guard)
            guard->replySent();
    };

    if (reply.paddingSize < 0) {
        socket->write(reply.wireHead(closeAfter) + reply.body.left(qsizetype(sent)));
        done();
        return;
    }
    // A generated body goes out in chunks as the socket drains, so a 100 MB reply holds
    // about 256 KB at a time, and nothing once the client is gone.
    socket->write(reply.wireHead(closeAfter));
    auto *pump = new QObject(socket);
    auto offset = std::make_shared<qint64>(0);
    const qint64 total = reply.paddingSize;
    const auto step = [socket, pump, offset, total, sent, done] {
        while (*offset < sent && socket->bytesToWrite() < kHighWater) {
            const QByteArray bytes =
                SandboxReply::paddingBytes(total, *offset, qMin(kChunk, sent - *offset));
            socket->write(bytes);
            *offset += bytes.size();
        }
        if (*offset >= sent) {
            pump->deleteLater();
            QObject::disconnect(socket, &QIODevice::bytesWritten, pump, nullptr);
            done();
        }
    };
    QObject::connect(socket, &QIODevice::bytesWritten, pump, step);
    step();
}
