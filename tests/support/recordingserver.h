#pragma once

#include "core/net/httpheaders.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QTcpServer>

// A tiny HTTP/1.1 server for tests of what a client sends: it records every request and
// answers each with the response it was given (a redirect, say). Not a stand-in for Pi.
class RecordingServer final : public QTcpServer
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QByteArray target;
        HttpHeaders headers;
        QByteArray body;
        QByteArray header(const QByteArray &name) const;
    };

    explicit RecordingServer(QObject *parent = nullptr);
    bool listenOn(const QHostAddress &address);
    QUrl url(const QString &path) const;

    void setResponse(int status, QList<QPair<QByteArray, QByteArray>> headers, QByteArray body);
    QList<Request> requests() const { return m_requests; }

private:
    void serve(QTcpSocket *socket);

    QList<Request> m_requests;
    int m_status = 200;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QByteArray m_body;
};
