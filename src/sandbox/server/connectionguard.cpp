#include "sandbox/server/connectionguard.h"

#include "common/platform/sockets.h"
#include "sandbox/api/sandboxapi.h"
#include "sandbox/server/logging.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSslSocket>
#include <QTcpSocket>
#include <QUrl>

namespace {

const QString kInvalidRequest = QStringLiteral("invalid_request_error");
// A reply may be delayed up to a minute by the latency fault; past that and the idle time, a
// connection whose reply never went out is closed.
constexpr int kBusyGraceMs = 60000;

} // namespace

GuardedTcpServer::GuardedTcpServer(SandboxApi *api, QObject *httpServer, Limits limits,
                                   QObject *parent)
    : QTcpServer(parent)
    , m_api(api)
    , m_httpServer(httpServer)
    , m_limits(limits)
{
    // Out of descriptors, QTcpServer stops accepting for good; try again shortly instead.
    connect(this, &QTcpServer::acceptError, this,
            [this] { QTimer::singleShot(100, this, [this] { resumeAccepting(); }); });
    m_reaper.setSingleShot(true);
    m_reaper.setInterval(0);
    connect(&m_reaper, &QTimer::timeout, this, &GuardedTcpServer::reap);
}

void GuardedTcpServer::queueExpiry(ConnectionGuard *guard)
{
    m_expired.append(guard);
    if (!m_reaper.isActive())
        m_reaper.start();
}

void GuardedTcpServer::reap()
{
    // A batch, then back to the event loop (other sockets are served), then the next batch.
    constexpr int kBatch = 16;
    for (int i = 0; i < kBatch && !m_expired.isEmpty(); ++i) {
        const QPointer<ConnectionGuard> guard = m_expired.takeFirst();
        if (guard)
            guard->expire();
    }
    if (!m_expired.isEmpty())
        m_reaper.start();
}

void GuardedTcpServer::incomingConnection(qintptr descriptor)
{
    QTcpSocket *socket = nullptr;
    if (m_tls.isNull()) {
        socket = new QTcpSocket(this);
    } else {
        auto *tls = new QSslSocket(this);
        tls->setSslConfiguration(m_tls);
        socket = tls;
    }
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    // Readable bytes are decrypted ones: the guard and the HTTP server see plain HTTP. A
    // failed handshake (no client certificate, say) closes the connection.
    if (auto *tls = qobject_cast<QSslSocket *>(socket)) {
        connect(tls, &QSslSocket::sslErrors, tls, [tls] { tls->disconnectFromHost(); });
        tls->startServerEncryption();
    }
    if (m_active >= m_limits.maxConnections) {
        // Never handed to the HTTP server: a 503 and the connection ends.
        SandboxReply reply = m_api->refusal(
            503, QStringLiteral("api_error"), QStringLiteral("too_many_connections"),
            QStringLiteral("The sandbox has %1 connections open, its limit; try again shortly.")
                .arg(m_limits.maxConnections));
        reply.setHeader("Retry-After", QByteArray::number(m_limits.retryAfterSecs));
        ConnectionGuard::refuseAndClose(socket, reply, qMin(m_limits.lingerMs, 250));
        return;
    }
    new ConnectionGuard(socket, this); // connects to readyRead before the HTTP server does
    addPendingConnection(socket);
}

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, GuardedTcpServer *server)
    : QObject(socket)
    , m_socket(socket)
    , m_server(server)
    , m_framer(RequestFramer::Limits{server->limits().maxHeadBytes,
                                     server->m_api->maxBodyBytes() + 1024 * 1024})
{
    ++server->m_active;
    // Room for one head and one body within the limits; more stays in the kernel.
    m_socket->setReadBufferSize(server->limits().maxHeadBytes + server->m_api->maxBodyBytes() +
                                2 * 1024 * 1024);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::onTimeout);
    connect(m_socket, &QIODevice::readyRead, this, &ConnectionGuard::onReadyRead);
    connect(m_socket, &QIODevice::bytesWritten, this, [this] {
        if (m_phase == Phase::Busy)
            arm(Phase::Busy); // a long reply still going out is not stuck
    });
    arm(Phase::Head); // a connection that sends nothing is a slow head
}

ConnectionGuard::~ConnectionGuard()
{
    if (m_server)
        --m_server->m_active;
}

ConnectionGuard *ConnectionGuard::of(QTcpSocket *socket)
{
    return socket ? socket->findChild<ConnectionGuard *>(QString(), Qt::FindDirectChildrenOnly)
                  : nullptr;
}

void ConnectionGuard::arm(Phase phase)
{
    m_phase = phase;
    if (!m_server) {
        m_timer.stop();
        return;
    }
    const GuardedTcpServer::Limits &limits = m_server->limits();
    switch (phase) {
    case Phase::Head:
        m_timer.start(limits.headerTimeoutMs);
        break;
    case Phase::Body:
    case Phase::Idle:
        m_timer.start(limits.idleTimeoutMs);
        break;
    case Phase::Busy:
        m_timer.start(kBusyGraceMs + limits.idleTimeoutMs);
        break;
    case Phase::Closing:
        m_timer.stop();
        break;
    }
}

void ConnectionGuard::replySent()
{
    if (m_phase == Phase::Closing)
        return;
    m_framer.reset();
    arm(Phase::Idle);
}

void ConnectionGuard::onReadyRead()
{
    if (m_phase == Phase::Closing || !m_server)
        return;
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0)
        return;
    if (m_phase == Phase::Busy) {
        // A second request before the first is answered: Qt 6.4 answers one at a time, and
        // queueing them would let one connection pile up delayed replies. Not spoken here.
        detachServer();
        closeGently(m_socket, 0);
        return;
    }
    // Only the bytes the HTTP server has not read yet: it reads all there is right after us.
    const QByteArray data = m_socket->peek(available);
    QByteArrayView rest(data);
    for (;;) {
        qsizetype used = 0;
        const RequestFramer::Event event = m_framer.feed(rest, &used);
        rest = rest.sliced(used);
        switch (event) {
        case RequestFramer::Event::NeedMore:
            if (m_phase == Phase::Idle && m_framer.inHead())
                arm(Phase::Head); // a new request's first bytes: its head has headerTimeout
            else if (m_phase == Phase::Body)
                arm(Phase::Body); // progress
            return;
        case RequestFramer::Event::Head:
            if (!checkHead())
                return;
            arm(Phase::Body);
            continue;
        case RequestFramer::Event::HeadTooLarge:
            refuse(431, QStringLiteral("request_header_too_large"),
                   QStringLiteral("The request head is over %1 bytes.")
                       .arg(m_server->limits().maxHeadBytes));
            return;
        case RequestFramer::Event::BadFraming:
            refuse(400, QStringLiteral("invalid_chunked_body"),
                   QStringLiteral("The chunked body is not framed as HTTP/1.1 says."));
            return;
        case RequestFramer::Event::BodyTooLarge:
            refuse(413, QStringLiteral("request_too_large"),
                   QStringLiteral("The chunked request body is over the limit of %1 bytes.")
                       .arg(m_server->m_api->maxBodyBytes()));
            return;
        case RequestFramer::Event::MessageEnd:
            if (!rest.isEmpty()) {
                detachServer(); // pipelined requests: see above
                closeGently(m_socket, 0);
                return;
            }
            arm(Phase::Busy); // the HTTP server answers it now, or after a latency fault
            return;
        }
    }
}

bool ConnectionGuard::checkHead()
{
    const RequestHead &head = m_framer.head();
    if (!head.ok) {
        refuse(400, QStringLiteral("bad_request"), head.error);
        return false;
    }
    SandboxRequest probe;
    probe.method = head.method;
    probe.path = QUrl(QString::fromLatin1(head.target)).path();
    probe.headers = head.headers;
    probe.declaredBodySize = head.contentLength;
    if (std::optional<SandboxReply> reply = m_server->m_api->precheck(probe)) {
        refuse(*reply);
        return false;
    }
    if (head.header("Expect").compare("100-continue", Qt::CaseInsensitive) == 0 &&
        (head.chunked || head.contentLength > 0))
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    return true;
}

void ConnectionGuard::onTimeout()
{
    if (m_server)
        m_server->queueExpiry(this);
    else
        expire();
}

void ConnectionGuard::expire()
{
    if (m_timer.isActive())
        return; // re-armed since it fired: the connection moved on
    switch (m_phase) {
    case Phase::Head:
    case Phase::Body:
        refuse(408, QStringLiteral("request_timeout"),
               m_phase == Phase::Head
                   ? QStringLiteral("The request head did not arrive within %1 ms.")
                         .arg(m_server ? m_server->limits().headerTimeoutMs : 0)
                   : QStringLiteral("The request body stalled for %1 ms.")
                         .arg(m_server ? m_server->limits().idleTimeoutMs : 0));
        break;
    case Phase::Busy:
    case Phase::Idle:
        detachServer();
        arm(Phase::Closing);
        closeGently(m_socket, 0);
        break;
    case Phase::Closing:
        break;
    }
}

void ConnectionGuard::refuse(int status, const QString &code, const QString &message)
{
    if (!m_server) {
        closeGently(m_socket, 0);
        return;
    }
    refuse(m_server->m_api->refusal(status, kInvalidRequest, code, message));
}

void ConnectionGuard::refuse(const SandboxReply &reply)
{
    detachServer();
    arm(Phase::Closing);
    refuseAndClose(m_socket, reply, m_server ? m_server->limits().lingerMs : 0);
}

void ConnectionGuard::detachServer()
{
    // The HTTP server never reads this socket again; what it kept of a partial request goes.
    if (m_server)
        QObject::disconnect(m_socket, &QIODevice::readyRead, m_server->m_httpServer, nullptr);
    if (m_socket->isTransactionStarted())
        m_socket->commitTransaction();
    m_socket->skip(m_socket->bytesAvailable());
}

void ConnectionGuard::refuseAndClose(QTcpSocket *socket, const SandboxReply &reply, int lingerMs)
{
    const QJsonObject error =
        QJsonDocument::fromJson(reply.body).object().value(QLatin1String("error")).toObject();
    qCDebug(lcSandboxHttp).noquote()
        << "refused" << socket->peerAddress().toString() << reply.status
        << error.value(QLatin1String("message")).toString();
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->write(reply.wireHead(true) + reply.body);
    closeGently(socket, lingerMs);
}

void ConnectionGuard::closeGently(QTcpSocket *socket, int lingerMs)
{
    // Half-close once the reply is out, read and drop what still comes, close when the client
    // does or after lingerMs. Closing with unread bytes would send a reset that can overtake
    // the reply.
    socket->setReadBufferSize(64 * 1024);
    QObject::connect(socket, &QIODevice::readyRead, socket,
                     [socket] { socket->skip(socket->bytesAvailable()); });
    QObject::connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
    const auto halfClose = [socket] {
        if (socket->bytesToWrite() == 0 && socket->state() == QAbstractSocket::ConnectedState)
            Platform::shutdownWrites(socket->socketDescriptor());
    };
    QObject::connect(socket, &QIODevice::bytesWritten, socket, halfClose);
    socket->flush();
    halfClose();
    QTimer::singleShot(qMax(lingerMs, 50), socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
}
