// POSTs as fast as GETs, against a server that does nothing special: RecordingServer answers
// each request in one write, with the operating system's default socket options (Nagle on,
// delayed ACKs on). Warm: one connection, reused, after 20 calls of each kind. Prints JSON
// lines: the median of 200 sequential calls through ApiClient (the app's own path) for a GET,
// a 1 KB POST and a 64 KB POST; the same GET through a bare QNetworkAccessManager loop; and
// curl's 1 KB POST to the same server, there and through a relay that makes a 20 ms round trip.
// Targets: a 64 KB POST adds at most 2 ms to a GET; a 1 KB POST takes at most 1.5× curl's;
// ApiClient adds at most 5 % to bare QNAM's GET.
#include "bench/benchline.h"
#include "bench/curlbatch.h"
#include "bench/delayproxy.h"
#include "common/platform/lowdelaysockets.h"
#include "core/net/apiclient.h"
#include "support/recordingserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTemporaryFile>

#include <algorithm>
#include <cstdio>

namespace {

constexpr int calls = 200;

double median(QList<double> ms)
{
    std::sort(ms.begin(), ms.end());
    return ms.isEmpty() ? -1 : ms.at(ms.size() / 2);
}

double viaClient(ApiClient &client, const Endpoint &where, const ApiRequest &request, int count)
{
    QList<double> ms;
    for (int i = 0; i < count; ++i) {
        QElapsedTimer t;
        t.start();
        PendingCall *call = client.send(where, request);
        QEventLoop loop;
        QObject::connect(call, &PendingCall::finished, &loop, &QEventLoop::quit);
        if (!call->isFinished())
            loop.exec();
        ms.append(double(t.nsecsElapsed()) / 1e6);
    }
    return median(ms);
}

double viaBareQnam(QNetworkAccessManager &nam, const QUrl &url, int count)
{
    QList<double> ms;
    for (int i = 0; i < count; ++i) {
        QElapsedTimer t;
        t.start();
        QNetworkReply *reply = nam.get(QNetworkRequest(url));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->readAll();
        reply->deleteLater();
        ms.append(double(t.nsecsElapsed()) / 1e6);
    }
    return median(ms);
}

// curl's median per request, from its own time_total, over one connection.
double viaCurl(const QUrl &url, const QByteArray &body, int count)
{
    CurlBatch batch;
    batch.method = "POST";
    batch.body = body;
    batch.writeOut = "%{time_total}";
    QList<double> ms;
    for (const QByteArray &line : batch.run(url, count).trimmed().split('\n'))
        ms.append(line.toDouble() * 1000.0);
    return median(ms.mid(20)); // after the warm-up, as for the client
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qRegisterMetaType<CallRecord>();
    RecordingServer server;
    if (!server.listenOn(QHostAddress::LocalHost))
        return 1;
    server.setResponse(200, {{"Content-Type", "application/json"}}, "{\"ok\":true}");
    QNetworkAccessManager nam;
    ApiClient client(&nam);
    const Endpoint where{QStringLiteral("bench"), QString(), server.url(QString()), {}};

    ApiRequest get;
    get.path = QStringLiteral("/v1/ping");
    ApiRequest small;
    small.method = "POST";
    small.path = QStringLiteral("/v1/charges");
    small.idempotencyMode = IdempotencyMode::None;
    small.body = QByteArray(1024, 'x');
    ApiRequest large = small;
    large.body = QByteArray(64 * 1024, 'x');

    for (const ApiRequest *r : {&get, &small, &large})
        viaClient(client, where, *r, 20); // warm: one open connection
    const double getMs = viaClient(client, where, get, calls);
    const double smallMs = viaClient(client, where, small, calls);
    const double largeMs = viaClient(client, where, large, calls);
    // ApiClient and a bare QNAM loop call by call in turn, so that both meet the same moments
    // of a shared machine.
    QNetworkAccessManager bare;
    viaBareQnam(bare, server.url(get.path), 20);
    QList<double> clientTurns;
    QList<double> bareTurns;
    for (int i = 0; i < calls; ++i) {
        clientTurns.append(viaClient(client, where, get, 1));
        bareTurns.append(viaBareQnam(bare, server.url(get.path), 1));
    }
    const double clientTurnMs = median(clientTurns);
    const double bareMs = median(bareTurns);
    const double curlSmallMs = viaCurl(server.url(small.path), small.body, calls + 20);

    // The same 1 KB POST over a path with a 20 ms round trip, where real calls to Pi live.
    constexpr int pathCalls = 50;
    DelayProxy path(server.serverPort(), 10);
    const QUrl far(QStringLiteral("http://127.0.0.1:%1").arg(path.port()));
    const Endpoint farAway{QStringLiteral("bench"), QString(), far, {}};
    viaClient(client, farAway, small, 5);
    const double farMs = viaClient(client, farAway, small, pathCalls);
    CurlBatch farCurl;
    farCurl.method = "POST";
    farCurl.body = small.body;
    farCurl.writeOut = "%{time_total}";
    QList<double> farCurlMs;
    for (const QByteArray &line :
         farCurl.run(far.resolved(QUrl(small.path)), pathCalls + 5).trimmed().split('\n'))
        farCurlMs.append(line.toDouble() * 1000.0);
    const double farCurlMedian = median(farCurlMs.mid(5));

    const QJsonObject details{{QStringLiteral("get_ms"), getMs},
                              {QStringLiteral("post_1k_ms"), smallMs},
                              {QStringLiteral("post_64k_ms"), largeMs},
                              {QStringLiteral("bare_qnam_get_ms"), bareMs},
                              {QStringLiteral("curl_post_1k_ms"), curlSmallMs},
                              {QStringLiteral("tcp_nodelay"), LowDelaySockets::active()}};
    BenchLine::print("post", QStringLiteral("64 KB POST over a GET, median of 200"),
                     largeMs - getMs, "ms", 2.0, details);
    BenchLine::print("post", QStringLiteral("1 KB POST against curl's, median of 200"),
                     smallMs / curlSmallMs, "ratio", 1.5);
    BenchLine::print("post",
                     QStringLiteral("1 KB POST against curl's over a 20 ms round trip (a relay "
                                    "holding each piece 10 ms each way), median of 50"),
                     farMs / farCurlMedian, "ratio", 1.5,
                     {{QStringLiteral("post_1k_ms"), farMs},
                      {QStringLiteral("curl_post_1k_ms"), farCurlMedian}});
    BenchLine::print("post",
                     QStringLiteral("GET through ApiClient against a bare QNAM loop, call by call "
                                    "in turn, medians of 200"),
                     clientTurnMs / bareMs, "ratio", 1.05,
                     {{QStringLiteral("client_get_ms"), clientTurnMs},
                      {QStringLiteral("bare_qnam_get_ms"), bareMs}});
    return 0;
}
