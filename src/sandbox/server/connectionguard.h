#pragma once

#include "sandbox/server/requestframer.h"

#include <QPointer>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTimer>

class ConnectionGuard;
class QTcpSocket;
class SandboxApi;
struct SandboxReply;

// The guard in front of Qt HttpServer.
//
// Qt 6.4's QAbstractHttpServer reads a request whole before anyone sees it: on every
// readyRead it reads all that is buffered, inside a socket transaction that keeps every byte
// until the request is complete, and copies the body into the request. Nothing bounds the
// head, the body, the time or the number of connections. So pi-sandbox accepts connections
// itself (GuardedTcpServer, bound with QAbstractHttpServer::bind) and gives each socket a
// ConnectionGuard connected to readyRead before the server is: it sees each new byte first,
// follows the requests with a RequestFramer and decides on a request's head before its body
// is read. A refusal (401, 413, 431, 408, 400) disconnects the server from the socket, so Qt
// never reads it, answers with an envelope and closes. What Qt may buffer per connection is
// therefore one head (64 KB) plus one body within the limit (10 MB), and the socket's read
// buffer is capped just above that. A timer per connection closes slow heads, stalled bodies
// and idle keep-alive connections; past maxConnections a new connection gets a 503.
class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT

public:
    struct Limits
    {
        int maxConnections = 512;
        int headerTimeoutMs = 10000; // to send a whole head, from its first byte
        int idleTimeoutMs = 30000;   // between requests, and without progress in a body
        qsizetype maxHeadBytes = 64 * 1024;
        int lingerMs = 1000; // how long a refused upload is read and dropped before closing
        int retryAfterSecs = 1;
    };

    // api answers the prechecks and words the refusals; httpServer is the object Qt's server
    // connects the sockets' readyRead to, disconnected on a refusal.
    GuardedTcpServer(SandboxApi *api, QObject *httpServer, Limits limits,
                     QObject *parent = nullptr);

    // Every connection from now on speaks TLS with this configuration.
    void setTls(const QSslConfiguration &config) { m_tls = config; }

    int activeConnections() const { return m_active; }
    const Limits &limits() const { return m_limits; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    friend class ConnectionGuard;

    // Time-outs are acted on a few at a time, so a thousand connections that time out
    // together do not hold the event loop for the answers of the others.
    void queueExpiry(ConnectionGuard *guard);
    void reap();

    SandboxApi *m_api;
    QObject *m_httpServer;
    Limits m_limits;
    QSslConfiguration m_tls; // null: plain TCP
    int m_active = 0;
    QList<QPointer<ConnectionGuard>> m_expired;
    QTimer m_reaper;
};

class ConnectionGuard final : public QObject
{
    Q_OBJECT

public:
    ConnectionGuard(QTcpSocket *socket, GuardedTcpServer *server);
    ~ConnectionGuard() override;

    static ConnectionGuard *of(QTcpSocket *socket);
    // The reply to the request in hand is written: the connection is idle again.
    void replySent();

    // Writes the reply with Connection: close, reads and drops what the client still sends
    // for a moment (so it reads the reply instead of a reset), then closes. socket may be
    // one the server never saw.
    static void refuseAndClose(QTcpSocket *socket, const SandboxReply &reply, int lingerMs);
    static void closeGently(QTcpSocket *socket, int lingerMs);

private:
    friend class GuardedTcpServer;

    enum class Phase
    {
        Head,
        Body,
        Busy,
        Idle,
        Closing
    };

    void onReadyRead();
    void onTimeout();
    void expire();
    bool checkHead();
    void refuse(const SandboxReply &reply);
    void refuse(int status, const QString &code, const QString &message);
    void arm(Phase phase);
    void detachServer();

    QTcpSocket *m_socket;
    QPointer<GuardedTcpServer> m_server;
    RequestFramer m_framer;
    QTimer m_timer;
    Phase m_phase = Phase::Head;
};
