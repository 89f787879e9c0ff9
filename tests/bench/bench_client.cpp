// 2,000 sequential calls to pi-sandbox through ApiClient against curl making the same 2,000
// in one process (budget: ≤ 1.2× curl), and 200 sequential POSTs of 32 KB, where
// QNetworkAccessManager has been seen to wait ~44 ms per request on loopback.
#include "bench/benchline.h"
#include "bench/curlbatch.h"
#include "core/net/apiclient.h"
#include "support/sandboxprocess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryFile>

#include <cstdio>

namespace {

qint64 runClient(ApiClient &client, const Endpoint &where, const ApiRequest &request, int count,
                 int *failures)
{
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < count; ++i) {
        PendingCall *call = client.send(where, request);
        QSignalSpy done(call, &PendingCall::finished);
        if (!done.wait(10000) || done.first().first().value<CallRecord>().status >= 300)
            ++*failures;
    }
    return t.elapsed();
}

qint64 runCurl(const QUrl &url, const QByteArray &method, const QByteArray &body, int count,
               int *failures)
{
    CurlBatch batch;
    batch.method = method;
    batch.body = body;
    batch.authorization = "Bearer " + SandboxProcess::demoKey().toLatin1();
    QElapsedTimer t;
    t.start();
    const QList<QByteArray> codes = batch.run(url, count).trimmed().split('\n');
    const qint64 ms = t.elapsed();
    for (const QByteArray &code : codes)
        if (code.toInt() >= 300 || code.toInt() == 0)
            ++*failures;
    if (codes.size() != count)
        *failures += count;
    return ms;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qRegisterMetaType<CallRecord>();
    SandboxProcess sandbox({QStringLiteral("--limit"), QStringLiteral("100000000")});
    if (!sandbox.start())
        return 1;
    QNetworkAccessManager nam;
    ApiClient client(&nam);
    const Endpoint where{QStringLiteral("bench"), QString(), sandbox.baseUrl(),
                         SandboxProcess::demoKey()};

    ApiRequest ping;
    ping.path = QStringLiteral("/v1/ping");
    int clientFailures = 0;
    int curlFailures = 0;
    runClient(client, where, ping, 50, &clientFailures); // warm the connection
    const qint64 clientGet = runClient(client, where, ping, 2000, &clientFailures);
    const qint64 curlGet = runCurl(sandbox.url(ping.path), "GET", {}, 2000, &curlFailures);

    ApiRequest charge;
    charge.method = "POST";
    charge.path = QStringLiteral("/v1/charges");
    charge.idempotencyMode = IdempotencyMode::None;
    charge.body = "{\"amount\": 5, \"description\": \"" + QByteArray(32 * 1024, 'x') + "\"}";
    const qint64 clientPost = qEnvironmentVariableIsSet("BENCH_GET_ONLY")
                                  ? 0
                                  : runClient(client, where, charge, 200, &clientFailures);
    const qint64 curlPost =
        qEnvironmentVariableIsSet("BENCH_GET_ONLY")
            ? 0
            : runCurl(sandbox.url(charge.path), "POST", charge.body, 200, &curlFailures);

    const double getRatio = double(clientGet) / double(std::max<qint64>(1, curlGet));
    const double postRatio = double(clientPost) / double(std::max<qint64>(1, curlPost));
    BenchLine::print("client", QStringLiteral("2000 sequential GETs to pi-sandbox against curl"),
                     getRatio, "ratio", 1.2,
                     {{QStringLiteral("client_ms"), double(clientGet)},
                      {QStringLiteral("curl_ms"), double(curlGet)}});
    BenchLine::note("client", QStringLiteral("200 sequential POSTs of 32 KB against curl"),
                    postRatio, "ratio",
                    {{QStringLiteral("client_ms"), double(clientPost)},
                     {QStringLiteral("curl_ms"), double(curlPost)}});
    BenchLine::print("client", QStringLiteral("failed calls, client and curl"),
                     double(clientFailures + curlFailures), "calls", 0);
    return clientFailures == 0 && curlFailures == 0 ? 0 : 1;
}
