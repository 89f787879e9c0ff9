#pragma once

#include "sandboxapi.h"

#include <QAbstractHttpServer>

class QTcpSocket;

// pi-sandbox's HTTP front: turns each request into a SandboxRequest, asks SandboxApi, and
// writes the reply, applying the transport faults (latency, a connection dropped mid-body).
class SandboxServer final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    explicit SandboxServer(SandboxApi::Options options, QObject *parent = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    static void write(QTcpSocket *socket, const SandboxReply &reply, bool closeAfter);

    SandboxApi m_api;
};
