// Load benchmark for pi-sandbox: 10,000 sequential requests on one keep-alive connection and
// rounds of 200 concurrent connections, with the server's resident memory before and after.
// Fails (exit 1) on any non-200 answer or when memory grows by 10 MB or more.
#include "bench/benchline.h"
#include "support/sandboxprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTcpSocket>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

namespace {

qint64 rssKiB(qint64 pid)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

QByteArray pingRequest(const QByteArray &host, bool close)
{
    return "GET /v1/ping HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " +
           SandboxProcess::demoKey().toLatin1() + "\r\n" + (close ? "Connection: close\r\n" : "") +
           "\r\n";
}

// Reads one response from a keep-alive connection; returns its status or 0.
int readResponse(QTcpSocket &socket)
{
    QByteArray buffer;
    qsizetype headerEnd = -1;
    while ((headerEnd = buffer.indexOf("\r\n\r\n")) < 0) {
        if (!socket.waitForReadyRead(10000))
            return 0;
        buffer += socket.readAll();
    }
    const int status = buffer.mid(9, 3).toInt();
    qint64 length = 0;
    for (const QByteArray &line : buffer.left(headerEnd).split('\n')) {
        if (line.toLower().startsWith("content-length:"))
            length = line.mid(15).trimmed().toLongLong();
    }
    qint64 have = buffer.size() - headerEnd - 4;
    while (have < length) {
        if (!socket.waitForReadyRead(10000))
            return 0;
        have += socket.readAll().size();
    }
    return status;
}

struct Concurrent
{
    int ok = 0;
    int failed = 0;
};

Concurrent concurrentRound(const QString &host, quint16 port, int connections)
{
    Concurrent result;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    std::vector<QByteArray> replies(static_cast<size_t>(connections));
    int open = connections;
    for (int i = 0; i < connections; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        QTcpSocket *s = socket.get();
        QObject::connect(s, &QTcpSocket::connected, s,
                         [s, host] { s->write(pingRequest(host.toLatin1(), true)); });
        QObject::connect(s, &QTcpSocket::readyRead, s,
                         [s, &replies, i] { replies[size_t(i)] += s->readAll(); });
        QObject::connect(s, &QTcpSocket::disconnected, s, [&open] { --open; });
        QObject::connect(s, &QTcpSocket::errorOccurred, s,
                         [s, &open](QAbstractSocket::SocketError e) {
                             if (e != QAbstractSocket::RemoteHostClosedError &&
                                 s->state() == QAbstractSocket::UnconnectedState)
                                 --open;
                         });
        s->connectToHost(host, port);
        sockets.push_back(std::move(socket));
    }
    QElapsedTimer timer;
    timer.start();
    while (open > 0 && timer.elapsed() < 30000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    for (const QByteArray &reply : replies)
        reply.startsWith("HTTP/1.1 200") ? ++result.ok : ++result.failed;
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    SandboxProcess sandbox({QStringLiteral("--limit"), QStringLiteral("100000000")});
    if (!sandbox.start()) {
        std::fprintf(stderr, "cannot start pi-sandbox: %s\n", qPrintable(sandbox.errorText()));
        return 1;
    }
    const QString host = sandbox.baseUrl().host();
    const quint16 port = quint16(sandbox.baseUrl().port());

    QTcpSocket socket;
    socket.connectToHost(host, port);
    if (!socket.waitForConnected(5000))
        return 1;
    const QByteArray request = pingRequest(host.toLatin1(), false);
    for (int i = 0; i < 200; ++i) { // warm-up
        socket.write(request);
        readResponse(socket);
    }
    const qint64 rssBefore = rssKiB(sandbox.pid());

    const int sequential = 10000;
    int sequentialErrors = 0;
    std::vector<qint64> latencies;
    latencies.reserve(sequential);
    QElapsedTimer total;
    total.start();
    for (int i = 0; i < sequential; ++i) {
        QElapsedTimer one;
        one.start();
        socket.write(request);
        if (readResponse(socket) != 200)
            ++sequentialErrors;
        latencies.push_back(one.nsecsElapsed());
    }
    const qint64 sequentialMs = total.elapsed();
    std::sort(latencies.begin(), latencies.end());

    const int rounds = 5;
    const int connections = 200;
    Concurrent concurrent;
    total.restart();
    for (int r = 0; r < rounds; ++r) {
        const Concurrent round = concurrentRound(host, port, connections);
        concurrent.ok += round.ok;
        concurrent.failed += round.failed;
    }
    const qint64 concurrentMs = total.elapsed();
    const qint64 rssAfter = rssKiB(sandbox.pid());
    const qint64 growthKiB = rssAfter - rssBefore;

    const QJsonObject sequentialDetails{
        {QStringLiteral("requests"), sequential},
        {QStringLiteral("total_ms"), double(sequentialMs)},
        {QStringLiteral("median_us"), double(latencies[latencies.size() / 2]) / 1000.0},
        {QStringLiteral("p99_us"), double(latencies[latencies.size() * 99 / 100]) / 1000.0}};
    bool pass = BenchLine::print("sandbox_load",
                                 QStringLiteral("sequential requests on one connection: errors"),
                                 sequentialErrors, "requests", 0, sequentialDetails);
    pass =
        BenchLine::print("sandbox_load", QStringLiteral("rounds of concurrent connections: errors"),
                         concurrent.failed, "connections", 0,
                         {{QStringLiteral("rounds"), rounds},
                          {QStringLiteral("connections"), connections},
                          {QStringLiteral("ok"), concurrent.ok},
                          {QStringLiteral("total_ms"), double(concurrentMs)}}) &&
        pass;
    pass = BenchLine::print("sandbox_load", QStringLiteral("server RSS growth"), double(growthKiB),
                            "KiB", 10 * 1024,
                            {{QStringLiteral("before_kib"), double(rssBefore)},
                             {QStringLiteral("after_kib"), double(rssAfter)}}) &&
           pass;
    return pass ? 0 : 1;
}
