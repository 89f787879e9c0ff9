#pragma once

#include <QHostAddress>
#include <QPointer>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

// A TCP relay on loopback that holds every piece of data `delayMs` before passing it on, each
// way: a network path with a round trip of twice that, for a bench to measure what a call costs
// where the path, not the machine, sets the time (this kernel has no netem to delay loopback).
// It runs on a thread of its own, so the bench's event loop does not delay it.
class DelayProxy final : public QThread
{
public:
    DelayProxy(quint16 targetPort, int delayMs)
        : m_targetPort(targetPort)
        , m_delayMs(delayMs)
    {
        start();
        m_ready.acquire();
    }
    ~DelayProxy() override
    {
        quit();
        wait();
    }
    quint16 port() const { return m_port; }

protected:
    void run() override
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost);
        m_port = server.serverPort();
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this, &server] {
            while (QTcpSocket *client = server.nextPendingConnection()) {
                auto *upstream = new QTcpSocket(client);
                upstream->connectToHost(QHostAddress::LocalHost, m_targetPort);
                relay(client, upstream);
                relay(upstream, client);
            }
        });
        m_ready.release();
        exec();
    }

private:
    // What `from` receives reaches `to` delayMs later, in order; its end, likewise.
    void relay(QTcpSocket *from, QTcpSocket *to)
    {
        const QPointer<QTcpSocket> target(to);
        QObject::connect(from, &QTcpSocket::readyRead, from, [this, from, target] {
            const QByteArray data = from->readAll();
            QTimer::singleShot(m_delayMs, Qt::PreciseTimer, from, [target, data] {
                if (target)
                    target->write(data);
            });
        });
        QObject::connect(from, &QTcpSocket::disconnected, from, [this, from, target] {
            QTimer::singleShot(m_delayMs, Qt::PreciseTimer, from, [target] {
                if (target)
                    target->disconnectFromHost();
            });
        });
    }

    quint16 m_targetPort;
    int m_delayMs;
    quint16 m_port = 0;
    QSemaphore m_ready;
};
