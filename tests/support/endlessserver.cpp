#include "support/endlessserver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

EndlessServer::EndlessServer(QByteArray head, qint64 limit)
    : m_head(std::move(head))
    , m_limit(limit)
{
    m_listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (m_listener < 0 ||
        ::bind(m_listener, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        ::listen(m_listener, 1) != 0 ||
        ::getsockname(m_listener, reinterpret_cast<sockaddr *>(&address), &size) != 0)
        return;
    m_port = ntohs(address.sin_port);
    m_thread = std::thread([this] { serve(); });
}

EndlessServer::~EndlessServer()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
    if (m_listener >= 0)
        ::close(m_listener);
}

QUrl EndlessServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_port));
}

void EndlessServer::serve()
{
    pollfd waiting{m_listener, POLLIN, 0};
    while (!m_stop && ::poll(&waiting, 1, 100) == 0) {
    }
    if (m_stop)
        return;
    const int client = ::accept4(m_listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0)
        return;
    QByteArray request;
    char buffer[4096];
    while (!m_stop && !request.contains("\r\n\r\n")) {
        pollfd readable{client, POLLIN, 0};
        if (::poll(&readable, 1, 100) <= 0)
            continue;
        const ssize_t got = ::recv(client, buffer, sizeof buffer, 0);
        if (got <= 0)
            break;
        request.append(buffer, got);
    }
    QByteArray chunk = m_head;
    const QByteArray zeros(64 * 1024, '0');
    while (!m_stop && m_sent < m_limit) {
        if (chunk.isEmpty())
            chunk = zeros;
        pollfd writable{client, POLLOUT, 0};
        if (::poll(&writable, 1, 100) <= 0)
            continue;
        const ssize_t put = ::send(client, chunk.constData(), size_t(chunk.size()), MSG_NOSIGNAL);
        if (put <= 0)
            break; // the client hung up
        m_sent += put;
        chunk.remove(0, put);
    }
    ::close(client);
}
