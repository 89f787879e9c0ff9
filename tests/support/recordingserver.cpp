#include "support/recordingserver.h"

#include <QTcpSocket>
#include <QUrl>

QByteArray RecordingServer::Request::header(const QByteArray &name) const
{
    return Http::value(headers, name);
}

RecordingServer::RecordingServer(QObject *parent)
    : QTcpServer(parent)
{
    connect(this, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = nextPendingConnection())
            serve(socket);
    });
}

bool RecordingServer::listenOn(const QHostAddress &address)
{
    return listen(address, 0);
}

QUrl RecordingServer::url(const QString &path) const
{
    return QUrl(QStringLiteral("http://%1:%2%3")
                    .arg(serverAddress().toString())
                    .arg(serverPort())
                    .arg(path));
}

void RecordingServer::setResponse(int status, QList<QPair<QByteArray, QByteArray>> headers,
                                  QByteArray body)
{
    m_status = status;
    m_headers = std::move(headers);
    m_body = std::move(body);
}

void RecordingServer::serve(QTcpSocket *socket)
{
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
        QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            socket->setProperty("buffer", buffer);
            return;
        }
        Request request;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        request.method = first.value(0);
        request.target = first.value(1);
        qint64 length = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = lines.at(i).left(colon).trimmed();
            const QByteArray value = lines.at(i).mid(colon + 1).trimmed();
            request.headers.append({name, value});
            if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
                length = value.toLongLong();
        }
        if (buffer.size() - end - 4 < length) {
            socket->setProperty("buffer", buffer);
            return;
        }
        request.body = buffer.mid(end + 4, length);
        socket->setProperty("buffer", QByteArray());
        m_requests.append(request);

        QByteArray response = "HTTP/1.1 " + QByteArray::number(m_status) + " Test\r\n";
        for (const auto &h : m_headers)
            response += h.first + ": " + h.second + "\r\n";
        response += "Content-Length: " + QByteArray::number(m_body.size()) + "\r\n\r\n" + m_body;
        socket->write(response);
    });
}
