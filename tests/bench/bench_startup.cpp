// Warm start (the binaries run once first, so they are in the disk cache) to the first painted
// window, Pi Console against a bare Qt Widgets window, medians of 9 alternating runs (budget:
// ≤ 1.25×); and the resident memory 3 s after the first paint of Pi Console and its child,
// the embedded pi-sandbox (budget: ≤ 60 MB together). Each run is a new process with a fresh,
// private home, so Pi Console does its first-run work: it starts the embedded sandbox and
// creates its history. Prints JSON lines.
#include "bench/benchline.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

struct Run
{
    qint64 ms = -1;
    qint64 rssKiB = -1;
    qint64 childrenRssKiB = -1;
};

Run launch(const QString &which, int idleMs)
{
    QTemporaryDir home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    QProcess p;
    p.setProcessEnvironment(env);
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral(STARTUP_HARNESS_PATH), {which, QString::number(idleMs)});
    Run run;
    while (p.waitForReadyRead(20000)) {
        const QByteArray line = p.readLine();
        if (line.startsWith("painted")) {
            run.ms = t.elapsed();
            const QList<QByteArray> fields = line.mid(8).trimmed().split(' ');
            run.rssKiB = fields.value(0).toLongLong();
            run.childrenRssKiB = fields.value(1).toLongLong();
            break;
        }
    }
    p.waitForFinished(20000);
    return run;
}

qint64 median(std::vector<qint64> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    std::vector<qint64> bare;
    std::vector<qint64> console;
    std::vector<qint64> rss;
    std::vector<qint64> childRss;
    launch(QStringLiteral("bare"), 0); // warm the disk cache for both
    launch(QStringLiteral("console"), 0);
    for (int i = 0; i < 9; ++i) {
        bare.push_back(launch(QStringLiteral("bare"), 0).ms);
        console.push_back(launch(QStringLiteral("console"), 0).ms);
    }
    for (int i = 0; i < 3; ++i) {
        const Run run = launch(QStringLiteral("console"), 3000);
        rss.push_back(run.rssKiB + run.childrenRssKiB);
        childRss.push_back(run.childrenRssKiB);
    }
    const double ratio = double(median(console)) / double(std::max<qint64>(1, median(bare)));
    const double mb = double(median(rss)) / 1024.0;
    BenchLine::print(
        "startup",
        QStringLiteral("warm start to first paint against a bare Qt Widgets window, medians of 9"),
        ratio, "ratio", 1.25,
        {{QStringLiteral("console_ms"), double(median(console))},
         {QStringLiteral("bare_ms"), double(median(bare))}});
    BenchLine::print("startup",
                     QStringLiteral("RSS 3 s after first paint, with the embedded sandbox"), mb,
                     "MB", 60, {{QStringLiteral("sandbox_mb"), double(median(childRss)) / 1024.0}});
    return 0; // a missed budget is "met": false above
}
