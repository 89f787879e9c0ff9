// A plain HTTP/1.1 server for benchmarks, in a process of its own so its memory is not the
// client's: every request is answered with one file's bytes, the status and Content-Type
// given on the command line. It prints its port, then serves until killed.
//   bench-fileserver FILE STATUS CONTENT-TYPE
#include <QCoreApplication>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>

#include <cstdio>
#include <memory>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 4)
        return 2;
    const QString path = args.at(1);
    const QByteArray status = args.at(2).toLatin1();
    const QByteArray type = args.at(3).toLatin1();
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost))
        return 1;
    QObject::connect(&server, &QTcpServer::newConnection, &server, [&] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            auto head = std::make_shared<QByteArray>();
            auto file = std::make_shared<QFile>(path);
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            // Written a megabyte at a time as the socket drains: never the whole file at once.
            const auto pump = [socket, file] {
                while (socket->bytesToWrite() < 1024 * 1024 && file->isOpen() && !file->atEnd())
                    socket->write(file->read(256 * 1024));
                if (file->isOpen() && file->atEnd())
                    file->close();
            };
            QObject::connect(socket, &QTcpSocket::bytesWritten, socket, pump);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [=] {
                *head += socket->readAll();
                if (!head->contains("\r\n\r\n") || file->isOpen())
                    return;
                head->clear();
                if (!file->open(QIODevice::ReadOnly))
                    return;
                socket->write("HTTP/1.1 " + status + " X\r\nContent-Type: " + type +
                              "\r\nContent-Length: " + QByteArray::number(file->size()) +
                              "\r\nX-Request-Id: req_pi_00000000-0000-4000-8000-000000000000" +
                              "\r\n\r\n");
                pump();
            });
        }
    });
    std::printf("%d\n", server.serverPort());
    std::fflush(stdout);
    return app.exec();
}
