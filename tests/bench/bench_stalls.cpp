// No stall of the UI thread for any response, success or error, from 1 KB to 100 MB: each
// size is fetched from a plain server in a process of its own (bench-fileserver) through
// ApiClient and shown in a real ResponsePanel, while a 5 ms timer on the UI thread records the
// longest gap between its ticks. Also the client's peak RSS growth (this process only, the
// server is another; each case in a fresh process) against the body's size. Warm: the
// connection is open and the panel has shown a call before. Each case runs five times; it
// prints the longest stall of the five and the median peak, with their ranges. Targets:
// stall ≤ 50 ms, RSS ≤ 3× body. Last, a burst: 200 calls started at once, each shown and recorded
// in a history of its own; targets: stall ≤ 50 ms and all 200 in the history.
#include "app/response/bodyview.h"
#include "app/response/responsepanel.h"
#include "bench/benchline.h"
#include "core/history/historystore.h"
#include "core/net/apiclient.h"
#include "support/processmemory.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <memory>

namespace {

// A field of this process's /proc status in KiB, 0 where it cannot be read.
qint64 statusKb(const QByteArray &field)
{
    return std::max<qint64>(0, ProcessMemory::statusKiB(field));
}

qint64 rssKb()
{
    return statusKb("VmRSS");
}

QByteArray jsonList(qsizetype size)
{
    QByteArray out = "{\"data\": [";
    out.reserve(size + 256);
    for (int i = 0; out.size() < size - 64; ++i)
        out += QByteArray(i ? "," : "") + "{\"id\":\"ch_" + QByteArray::number(i) +
               "\",\"amount\":" + QByteArray::number(i % 9999) + ",\"currency\":\"eur\"}";
    return out + "]}";
}

QByteArray envelope(qsizetype size)
{
    const QByteArray head = "{\"error\": {\"type\": \"invalid_request_error\", \"code\": "
                            "\"validation_failed\", \"request_id\": "
                            "\"req_pi_00000000-0000-4000-8000-000000000000\", \"message\": \"";
    const QByteArray tail = "\"}}";
    QByteArray message;
    message.reserve(size);
    for (int i = 0; message.size() < size - head.size() - tail.size(); ++i)
        message += "items[" + QByteArray::number(i) + "].amount must be positive; ";
    return head + message.left(std::max<qsizetype>(0, size - head.size() - tail.size())) + tail;
}

struct Result
{
    qint64 stallMs = 0;
    qint64 shownMs = 0;
    qint64 rssGrowthKb = 0;
    int status = 0;
};

Result run(ApiClient &client, ResponsePanel &panel, const QUrl &url)
{
    BodyView *view = panel.findChild<BodyView *>(QStringLiteral("bodyView"));
    Result r;
    // What the panel showed before is let go on workers: gone before the baseline is read,
    // and handed back to the system, so that this run's growth is not met by reused pages.
    QThreadPool::globalInstance()->waitForDone();
#ifdef __GLIBC__
    malloc_trim(0);
#endif
    const qint64 baseline = rssKb();
    const bool peakKnown = ProcessMemory::resetPeak();
    QElapsedTimer since;
    QElapsedTimer tick;
    QTimer timer;
    timer.setInterval(5);
    QObject::connect(&timer, &QTimer::timeout, [&] {
        r.stallMs = std::max(r.stallMs, tick.restart());
        r.rssGrowthKb = std::max(r.rssGrowthKb, rssKb() - baseline);
    });
    QEventLoop loop;
    Endpoint where{QStringLiteral("bench"), QString(), url, {}};
    ApiRequest request;
    request.path = QStringLiteral("/v1/list");
    since.start();
    tick.start();
    timer.start();
    PendingCall *call = client.send(where, request);
    QObject::connect(call, &PendingCall::finished, &panel, [&](const CallRecord &record) {
        r.status = record.status;
        panel.showCall(record);
        if (view->isReady())
            loop.quit();
    });
    QObject::connect(view, &BodyView::ready, &loop, &QEventLoop::quit);
    loop.exec();
    r.shownMs = since.elapsed();
    // A few more ticks: a stall right after the body is shown counts too.
    QTimer::singleShot(50, &loop, &QEventLoop::quit);
    loop.exec();
    r.stallMs = std::max(r.stallMs, tick.elapsed());
    if (peakKnown)
        r.rssGrowthKb = std::max(r.rssGrowthKb, statusKb("VmHWM") - baseline);
    QObject::disconnect(view, &BodyView::ready, &loop, nullptr);
    return r;
}

// bench-fileserver answering every request with the file at path; nullptr if it did not start.
std::unique_ptr<QProcess> startServer(const QString &path, const char *status, QUrl *url)
{
    auto server = std::make_unique<QProcess>();
    server->start(QCoreApplication::applicationDirPath() + QStringLiteral("/bench-fileserver"),
                  {path, QLatin1String(status), QStringLiteral("application/json")});
    if (!server->waitForReadyRead(10000))
        return nullptr;
    *url = QUrl(QStringLiteral("http://127.0.0.1:%1")
                    .arg(server->readAllStandardOutput().trimmed().toInt()));
    return server;
}

void stopServer(QProcess *server)
{
    server->kill();
    server->waitForFinished();
}

void burst(ApiClient &client, ResponsePanel &panel, const QTemporaryDir &dir)
{
    constexpr int calls = 200;
    const QString path = dir.filePath(QStringLiteral("small"));
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return;
        f.write(jsonList(2048));
    }
    QUrl url;
    const std::unique_ptr<QProcess> server = startServer(path, "200", &url);
    if (!server)
        return;
    HistoryStore history(HistoryDatabase::prepare(dir.filePath(QStringLiteral("burst.sqlite"))));
    qint64 stall = 0;
    QElapsedTimer tick;
    QTimer timer;
    timer.setInterval(5);
    QObject::connect(&timer, &QTimer::timeout, [&] { stall = std::max(stall, tick.restart()); });
    int done = 0;
    QEventLoop loop;
    const Endpoint where{QStringLiteral("bench"), QString(), url, {}};
    ApiRequest request;
    request.path = QStringLiteral("/v1/list");
    QElapsedTimer since;
    since.start();
    tick.start();
    timer.start();
    for (int i = 0; i < calls; ++i) {
        PendingCall *call = client.send(where, request);
        QObject::connect(call, &PendingCall::finished, &panel, [&](const CallRecord &record) {
            panel.showCall(record);
            history.record(record);
            if (++done == calls)
                loop.quit();
        });
    }
    loop.exec();
    const qint64 allMs = since.elapsed();
    stall = std::max(stall, tick.elapsed());
    history.flush();
    QSqlQuery q(QSqlDatabase::database(history.connectionName()));
    const qint64 stored = q.exec(QStringLiteral("SELECT count(*) FROM calls")) && q.next()
                              ? q.value(0).toLongLong()
                              : -1;
    BenchLine::print(
        "stalls", QStringLiteral("burst of %1 calls started at once: longest UI stall").arg(calls),
        double(stall), "ms", 50, {{QStringLiteral("all_done_ms"), double(allMs)}});
    BenchLine::print("stalls",
                     QStringLiteral("burst of %1 calls started at once: calls recorded").arg(calls),
                     double(stored), "calls", calls, {}, BenchLine::Better::Higher);
    stopServer(server.get());
}

constexpr int repeats = 5;

// Runs this program for one case; appends the JSON lines it prints.
bool runCase(const QString &which, QList<QJsonObject> *lines)
{
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("BENCH_ONLY"), which);
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), {});
    child.waitForFinished(600000);
    for (const QByteArray &line : child.readAllStandardOutput().split('\n'))
        if (line.startsWith('{'))
            lines->append(QJsonDocument::fromJson(line).object());
    return child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0;
}

// One line per figure of a case's runs: a stall's longest, a memory ratio's median, each with
// the range over the runs.
void printAggregate(const QList<QJsonObject> &runs)
{
    QStringList order;
    QHash<QString, QList<QJsonObject>> byWhat;
    for (const QJsonObject &line : runs) {
        const QString what = line.value(QStringLiteral("what")).toString();
        if (!byWhat.contains(what))
            order.append(what);
        byWhat[what].append(line);
    }
    for (const QString &what : std::as_const(order)) {
        const QList<QJsonObject> &lines = byWhat[what];
        QList<double> values;
        QList<double> shown;
        for (const QJsonObject &line : lines) {
            values.append(line.value(QStringLiteral("value")).toDouble());
            shown.append(line.value(QStringLiteral("shown_ms")).toDouble());
        }
        std::sort(values.begin(), values.end());
        std::sort(shown.begin(), shown.end());
        const bool stall = lines.first().value(QStringLiteral("unit")).toString() == u"ms";
        QJsonObject line = lines.first();
        line.insert(QStringLiteral("value"), stall ? values.last() : values.at(values.size() / 2));
        line.insert(QStringLiteral("runs"), int(values.size()));
        line.insert(QStringLiteral("of_runs"),
                    stall ? QStringLiteral("longest") : QStringLiteral("median"));
        line.insert(QStringLiteral("min"), values.first());
        line.insert(QStringLiteral("max"), values.last());
        line.insert(QStringLiteral("met"), line.value(QStringLiteral("value")).toDouble() <=
                                               line.value(QStringLiteral("target")).toDouble());
        line.remove(QStringLiteral("peak_rss_growth_mb"));
        if (line.contains(QStringLiteral("shown_ms")))
            line.insert(QStringLiteral("shown_ms"), shown.at(shown.size() / 2)); // median
        BenchLine::printObject(line);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    qRegisterMetaType<CallRecord>();
    QTemporaryDir dir;
    QNetworkAccessManager nam;
    ApiClient client(&nam);
    PendingCall::Limits limits;
    limits.timeoutMs = 120000;
    client.setLimits(limits);
    ResponsePanel panel;
    panel.resize(900, 700);
    panel.show();

    const QList<qsizetype> sizes{1024,       16 * 1024,       128 * 1024,       300 * 1024,
                                 512 * 1024, 3 * 1024 * 1024, 30 * 1024 * 1024, 100 * 1024 * 1024};
    // Each case runs in a process of its own (this program again, told which), so that the
    // memory one case freed does not lower the next one's growth.
    const QString only = qEnvironmentVariable("BENCH_ONLY");
    if (only.isEmpty()) {
        QStringList cases;
        for (const bool error : {false, true})
            for (const qsizetype size : sizes)
                cases.append(QString::number(size) + (error ? QStringLiteral("e") : QString()));
        bool measured = true;
        for (const QString &which : std::as_const(cases)) {
            // Where the allocator finds room for a case's buffers (pages a case before it freed,
            // or new ones) moves its peak by up to a body's size from one process to the next:
            // each case runs five times, and prints the median peak and the longest stall.
            QList<QJsonObject> runs;
            for (int run = 0; run < repeats; ++run)
                measured = runCase(which, &runs) && measured;
            printAggregate(runs);
        }
        QList<QJsonObject> burst;
        measured = runCase(QStringLiteral("burst"), &burst) && measured;
        for (const QJsonObject &line : std::as_const(burst))
            BenchLine::printObject(line);
        return measured ? 0 : 1;
    }
    for (const bool error : {false, true}) {
        for (const qsizetype size : sizes) {
            if (only != QString::number(size) + (error ? QStringLiteral("e") : QString()))
                continue;
            const QString path = dir.filePath(QStringLiteral("body"));
            {
                QFile f(path);
                if (!f.open(QIODevice::WriteOnly))
                    return 1;
                f.write(error ? envelope(size) : jsonList(size));
            }
            QUrl url;
            const std::unique_ptr<QProcess> server = startServer(path, error ? "422" : "200", &url);
            if (!server)
                return 1;
            run(client, panel, url); // warm: connection open, panel drawn, body once shown
            panel.showCall({});
            const Result r = run(client, panel, url);
            stopServer(server.get());
            const double rssRatio = double(r.rssGrowthKb) * 1024.0 / double(size);
            const QString what = QStringLiteral("%1 of %2 bytes")
                                     .arg(error ? QStringLiteral("422 error envelope")
                                                : QStringLiteral("200 JSON list"))
                                     .arg(size);
            const QJsonObject details{{QStringLiteral("status"), r.status},
                                      {QStringLiteral("body_bytes"), double(size)},
                                      {QStringLiteral("shown_ms"), double(r.shownMs)}};
            BenchLine::print("stalls", what + QStringLiteral(": longest UI stall"),
                             double(r.stallMs), "ms", 50, details);
            // Memory against the body is a budget from 1 MB up; below, Qt's own is most of it.
            const QJsonObject rss{
                {QStringLiteral("peak_rss_growth_mb"), double(r.rssGrowthKb) / 1024.0}};
            if (size >= 1024 * 1024)
                BenchLine::print("stalls",
                                 what + QStringLiteral(": peak RSS growth against the body"),
                                 rssRatio, "ratio", 3.0, rss);
        }
    }
    if (only == QLatin1String("burst"))
        burst(client, panel, dir);
    return 0; // a missed budget is "met": false above
}
