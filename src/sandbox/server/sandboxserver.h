#pragma once

#include "sandbox/api/sandboxapi.h"
#include "sandbox/server/connectionguard.h"

#include <QAbstractHttpServer>
#include <QHostAddress>

class QTcpSocket;

// pi-sandbox's HTTP front: turns each request into a SandboxRequest, asks SandboxApi, and
// writes the reply, applying the transport faults (latency, a connection dropped mid-body).
// Connections come through a GuardedTcpServer (see connectionguard.h), which refuses what
// would make Qt's server buffer without bound before Qt reads it.
class SandboxServer final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    explicit SandboxServer(SandboxApi::Options options, GuardedTcpServer::Limits limits = {},
                           QObject *parent = nullptr);

    // Listens through the guard; the port bound, or 0. (Hides QAbstractHttpServer::listen,
    // which would accept unguarded.)
    quint16 listen(const QHostAddress &address, quint16 port);
    // Before listen(): serve https with this configuration.
    void setTls(const QSslConfiguration &config) { m_tls = config; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    static void write(QTcpSocket *socket, const SandboxReply &reply, bool closeAfter);

    SandboxApi m_api;
    GuardedTcpServer::Limits m_limits;
    QSslConfiguration m_tls;
};
