// Cold start to first painted window, Pi Console against a bare Qt Widgets window (budget:
// ≤ 1.5×), and Pi Console's resident memory after start (budget: ≤ 80 MB). Each run is a new
// process with a fresh, private home, so Pi Console does its first-run work: it starts the
// embedded sandbox and creates its history.
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
            run.rssKiB = line.mid(8).trimmed().toLongLong();
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
    launch(QStringLiteral("bare"), 0); // warm the disk cache for both
    launch(QStringLiteral("console"), 0);
    for (int i = 0; i < 9; ++i) {
        bare.push_back(launch(QStringLiteral("bare"), 0).ms);
        console.push_back(launch(QStringLiteral("console"), 0).ms);
    }
    for (int i = 0; i < 3; ++i)
        rss.push_back(launch(QStringLiteral("console"), 1000).rssKiB);
    const double ratio = double(median(console)) / double(std::max<qint64>(1, median(bare)));
    const double mb = double(median(rss)) / 1024.0;
    std::printf("cold start to first paint (offscreen, fresh home, medians of 9)\n");
    std::printf("  bare Qt Widgets window %5lld ms\n", static_cast<long long>(median(bare)));
    std::printf("  Pi Console             %5lld ms   ratio %.2f (budget 1.50) %s\n",
                static_cast<long long>(median(console)), ratio, ratio <= 1.5 ? "ok" : "OVER");
    std::printf("  Pi Console RSS 1 s after first paint: %.1f MB (budget 80 MB) %s\n", mb,
                mb <= 80 ? "ok" : "OVER");
    return ratio <= 1.5 && mb <= 80 ? 0 : 1;
}
