#pragma once

#include <QByteArray>
#include <QUrl>

#include <atomic>
#include <thread>

// A hostile server on a thread of its own, with plain blocking sockets: it accepts one
// connection, reads the request's head, sends the head it was given, then zeros without end,
// as fast as the client takes them, until the client hangs up, `limit` bytes have gone, or it
// is destroyed. The client's event loop does nothing for it.
class EndlessServer final
{
public:
    EndlessServer(QByteArray head, qint64 limit);
    ~EndlessServer();
    EndlessServer(const EndlessServer &) = delete;
    EndlessServer &operator=(const EndlessServer &) = delete;

    bool listening() const { return m_port != 0; }
    QUrl url() const;
    qint64 sent() const { return m_sent.load(); }

private:
    void serve();

    QByteArray m_head;
    qint64 m_limit;
    int m_listener = -1;
    quint16 m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<qint64> m_sent{0};
    std::thread m_thread;
};
