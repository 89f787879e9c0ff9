// pi-sandbox under hostile clients: 1,000 slow-loris connections (a head sent one byte every
// 300 ms, a tenth of them every 30 ms), a 1 GB upload declared by Content-Length and another sent
// chunked without one, while a normal client pings every 100 ms. Prints JSON lines: the ping
// latency (median and max, target < 50 ms), the server's peak RSS (VmHWM, target < 100 MB) and what
// each hostile client got. Bounded: 11 s of load (the loris outlive the server's 10 s head
// timeout), and no buffer of more than 64 KB is ever allocated for the uploads. Exit 1 when a
// target is missed.
#include "bench/benchline.h"
#include "support/processmemory.h"
#include "support/sandboxprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include <sys/resource.h>

namespace {

constexpr int kLoris = 1000;
constexpr int kRunMs = 11000;
constexpr int kDripMs = 300;
constexpr int kDripSlices = 10;
constexpr int kPingEveryMs = 100;
constexpr qint64 kUploadBytes = qint64(1) << 30;
constexpr qint64 kChunk = 64 * 1024;

void raiseDescriptorLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

// A line of context (no target of its own).
void printJson(const QJsonObject &object)
{
    QJsonObject line{{QStringLiteral("bench"), QStringLiteral("sandbox_guard")}};
    for (auto it = object.begin(); it != object.end(); ++it)
        line.insert(it.key(), it.value());
    BenchLine::printObject(line);
}

int statusOf(const QByteArray &response)
{
    return response.startsWith("HTTP/1.1 ") ? response.mid(9, 3).toInt() : 0;
}

// One upload streamed from a single 64 KB block: with a Content-Length of 1 GB, or chunked.
struct Upload
{
    QTcpSocket socket;
    bool chunked = false;
    qint64 sent = 0;
    qint64 sentAtAnswer = -1;
    qint64 answerMs = -1;
    int status = 0;
    QByteArray response;
    QElapsedTimer timer;

    // Writes more while less than four blocks wait in the socket.
    void pump()
    {
        static const QByteArray block(kChunk, 'x');
        static const QByteArray chunkHead = QByteArray::number(kChunk, 16) + "\r\n";
        while (status == 0 && sent < kUploadBytes &&
               socket.state() == QAbstractSocket::ConnectedState &&
               socket.bytesToWrite() < 4 * kChunk) {
            if (chunked)
                socket.write(chunkHead);
            socket.write(block); // shares the block: nothing is copied
            if (chunked)
                socket.write("\r\n");
            sent += kChunk;
        }
    }
};

void startUpload(Upload *up, const QString &host, quint16 port, bool chunked)
{
    up->chunked = chunked;
    QObject::connect(&up->socket, &QTcpSocket::connected, &up->socket, [up, host] {
        QByteArray head = "POST /v1/charges HTTP/1.1\r\nHost: " + host.toLatin1() +
                          "\r\nAuthorization: Bearer " + SandboxProcess::demoKey().toLatin1() +
                          "\r\nContent-Type: application/json\r\n";
        head += up->chunked ? QByteArray("Transfer-Encoding: chunked\r\n")
                            : "Content-Length: " + QByteArray::number(kUploadBytes) + "\r\n";
        up->socket.write(head + "\r\n");
        up->timer.start();
        up->pump();
    });
    QObject::connect(&up->socket, &QTcpSocket::bytesWritten, &up->socket, [up] { up->pump(); });
    QObject::connect(&up->socket, &QTcpSocket::readyRead, &up->socket, [up] {
        up->response += up->socket.readAll().left(4096);
        if (up->status == 0 && up->response.contains("\r\n")) {
            up->status = statusOf(up->response);
            up->answerMs = up->timer.elapsed();
            up->sentAtAnswer = up->sent;
        }
    });
    up->socket.connectToHost(host, port);
}

QJsonObject uploadJson(const QString &what, const Upload &up)
{
    return {{QStringLiteral("what"), what},
            {QStringLiteral("status"), up.status},
            {QStringLiteral("ms_to_answer"), up.answerMs},
            {QStringLiteral("mb_sent_before_answer"), double(up.sentAtAnswer) / 1048576.0}};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    raiseDescriptorLimit();
    SandboxProcess sandbox({QStringLiteral("--limit"), QStringLiteral("100000000"),
                            QStringLiteral("--max-connections"), QStringLiteral("1100")});
    if (!sandbox.start()) {
        std::fprintf(stderr, "cannot start pi-sandbox: %s\n", qPrintable(sandbox.errorText()));
        return 1;
    }
    const QString host = sandbox.baseUrl().host();
    const quint16 port = quint16(sandbox.baseUrl().port());
    const qint64 rssStartKiB = ProcessMemory::statusKiB("VmRSS", sandbox.pid());

    QElapsedTimer runClock;
    runClock.start();
    // The slow loris: each connection drips one more byte of a head that never ends.
    const QByteArray lorisHead =
        "GET /v1/ping HTTP/1.1\r\nHost: " + host.toLatin1() + "\r\nX-Slow: " + QByteArray(200, 'a');
    std::vector<std::unique_ptr<QTcpSocket>> loris;
    std::vector<QByteArray> lorisReplies(kLoris);
    int lorisConnected = 0;
    int lorisClosed = 0;
    for (int i = 0; i < kLoris; ++i) {
        loris.push_back(std::make_unique<QTcpSocket>());
        QTcpSocket *s = loris.back().get();
        QObject::connect(s, &QTcpSocket::connected, s, [&lorisConnected] { ++lorisConnected; });
        QObject::connect(s, &QTcpSocket::readyRead, s,
                         [s, &lorisReplies, i] { lorisReplies[size_t(i)] += s->readAll(); });
        QObject::connect(s, &QTcpSocket::disconnected, s, [&lorisClosed] { ++lorisClosed; });
        s->connectToHost(host, port);
    }
    // Every 30 ms a tenth of them get their next byte: each one byte per 300 ms, spread out
    // rather than a thousand at the same instant.
    int dripped = 0;
    int dripSlice = 0;
    QTimer drip;
    QObject::connect(&drip, &QTimer::timeout, &drip, [&] {
        if (dripped >= lorisHead.size())
            return;
        for (size_t i = size_t(dripSlice); i < loris.size(); i += kDripSlices) {
            if (loris[i]->state() == QAbstractSocket::ConnectedState)
                loris[i]->write(lorisHead.mid(dripped, 1));
        }
        if (++dripSlice == kDripSlices) {
            dripSlice = 0;
            ++dripped;
        }
    });
    drip.start(kDripMs / kDripSlices);

    // The uploads: one declared 1 GB at once, one chunked a second later.
    Upload declared;
    Upload chunked;
    startUpload(&declared, host, port, false);
    QTimer::singleShot(1000, &app, [&] { startUpload(&chunked, host, port, true); });

    // The normal client, on a thread of its own so the loris' work in this one does not
    // delay it: GET /v1/ping every 100 ms on a kept-alive connection.
    std::vector<double> latencies;
    int pingErrors = 0;
    int pingsSkipped = 0;
    const bool trace = qEnvironmentVariableIsSet("BENCH_TRACE");
    std::unique_ptr<QThread> normal(QThread::create([&] {
        QEventLoop loop;
        QTcpSocket client;
        QByteArray buffer;
        QElapsedTimer oneCall;
        bool waiting = false;
        const QByteArray ping = "GET /v1/ping HTTP/1.1\r\nHost: " + host.toLatin1() +
                                "\r\nAuthorization: Bearer " +
                                SandboxProcess::demoKey().toLatin1() + "\r\n\r\n";
        QObject::connect(&client, &QTcpSocket::readyRead, &client, [&] {
            buffer += client.readAll();
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            qint64 length = 0;
            for (const QByteArray &line : buffer.left(end).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            if (buffer.size() < end + 4 + length)
                return;
            latencies.push_back(double(oneCall.nsecsElapsed()) / 1e6);
            if (trace && latencies.back() > 10)
                std::fprintf(stderr, "slow ping at %lld ms: %.1f ms\n",
                             static_cast<long long>(runClock.elapsed()), latencies.back());
            if (statusOf(buffer) != 200) {
                ++pingErrors;
                if (trace)
                    std::fprintf(stderr, "ping answered: %s\n", buffer.left(200).constData());
            }
            buffer.clear();
            waiting = false;
        });
        QObject::connect(&client, &QTcpSocket::disconnected, &client, [&] {
            if (trace)
                std::fprintf(stderr, "ping connection closed at %lld ms%s: %s\n",
                             static_cast<long long>(runClock.elapsed()),
                             waiting ? " while waiting" : "", qPrintable(client.errorString()));
            if (waiting)
                ++pingErrors;
            waiting = false;
        });
        QTimer pinger;
        QObject::connect(&pinger, &QTimer::timeout, &pinger, [&] {
            if (waiting) {
                ++pingsSkipped; // the last one is still out: counted, not stacked
                return;
            }
            if (client.state() == QAbstractSocket::UnconnectedState) {
                client.connectToHost(host, port);
                if (!client.waitForConnected(1000)) {
                    ++pingErrors;
                    return;
                }
            }
            buffer.clear();
            oneCall.start();
            waiting = true;
            client.write(ping);
        });
        pinger.start(kPingEveryMs);
        QTimer::singleShot(kRunMs, Qt::PreciseTimer, &loop, &QEventLoop::quit);
        loop.exec();
        QObject::disconnect(&client, nullptr, nullptr, nullptr); // a ping still out: not an error
    }));
    normal->start();

    qint64 rssPeakSampledKiB = 0;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, &sampler, [&] {
        rssPeakSampledKiB =
            qMax(rssPeakSampledKiB, ProcessMemory::statusKiB("VmRSS", sandbox.pid()));
    });
    sampler.start(100);

    QTimer::singleShot(kRunMs, Qt::PreciseTimer, &app, &QCoreApplication::quit);
    QCoreApplication::exec();
    drip.stop();
    normal->wait();
    const qint64 hwmKiB = ProcessMemory::statusKiB("VmHWM", sandbox.pid());

    int answered408 = 0;
    int answered503 = 0;
    for (const QByteArray &reply : lorisReplies) {
        answered408 += statusOf(reply) == 408;
        answered503 += statusOf(reply) == 503;
    }
    std::sort(latencies.begin(), latencies.end());
    const double median = latencies.empty() ? -1 : latencies[latencies.size() / 2];
    const double max = latencies.empty() ? -1 : latencies.back();
    const bool latencyOk = !latencies.empty() && median < 50 && max < 50 && pingErrors == 0;
    const bool rssOk = hwmKiB > 0 && hwmKiB < 100 * 1024;
    const bool uploadsOk = declared.status == 413 && chunked.status == 413;

    BenchLine::print("sandbox_guard",
                     QStringLiteral("ping beside 1,000 slow-loris connections and two 1 GB "
                                    "uploads: longest"),
                     max, "ms", 50,
                     {{QStringLiteral("median_ms"), median},
                      {QStringLiteral("samples"), int(latencies.size())},
                      {QStringLiteral("errors"), pingErrors},
                      {QStringLiteral("skipped_while_waiting"), pingsSkipped}});
    BenchLine::print("sandbox_guard", QStringLiteral("the same: the server's peak RSS (VmHWM)"),
                     double(hwmKiB) / 1024.0, "MB", 100,
                     {{QStringLiteral("start_mb"), double(rssStartKiB) / 1024.0},
                      {QStringLiteral("peak_sampled_mb"), double(rssPeakSampledKiB) / 1024.0}});
    printJson({{QStringLiteral("what"), QStringLiteral("slow_loris")},
               {QStringLiteral("connections"), kLoris},
               {QStringLiteral("connected"), lorisConnected},
               {QStringLiteral("bytes_dripped_each"), dripped},
               {QStringLiteral("answered_408"), answered408},
               {QStringLiteral("answered_503"), answered503},
               {QStringLiteral("closed_by_server"), lorisClosed}});
    printJson(uploadJson(QStringLiteral("upload_1gb_content_length"), declared));
    printJson(uploadJson(QStringLiteral("upload_1gb_chunked"), chunked));
    const bool pass = latencyOk && rssOk && uploadsOk;
    printJson({{QStringLiteral("what"), QStringLiteral("result")}, {QStringLiteral("pass"), pass}});
    return pingErrors == 0 ? 0 : 1; // a missed budget is "met": false above
}
