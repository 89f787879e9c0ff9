// Started by bench_startup: opens either a bare Qt Widgets window or Pi Console's main window
// (built as main() builds it), and idleMs after its first paint prints
// "painted <own RSS KiB> <children's RSS KiB>" (the children: the embedded pi-sandbox) and
// quits.
#include "app/startup/appservices.h"
#include "app/window/mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QPaintEvent>
#include <QTimer>

#include <cstdio>

namespace {

qint64 rssKiB(const QString &pid = QStringLiteral("self"))
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

// The resident memory of this process's children, from /proc.
qint64 childrenRssKiB()
{
    const QByteArray self = QByteArray::number(QCoreApplication::applicationPid());
    qint64 total = 0;
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &pid : pids) {
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (pid.toLongLong() <= 0 || !stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.value(1) == self)
            total += std::max<qint64>(0, rssKiB(pid));
    }
    return total;
}

class FirstPaint final : public QObject
{
public:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            // Idle memory is read a moment after the first paint, once start-up work settles.
            QTimer::singleShot(m_idleMs, [] {
                std::printf("painted %lld %lld\n", static_cast<long long>(rssKiB()),
                            static_cast<long long>(childrenRssKiB()));
                std::fflush(stdout);
                QApplication::quit();
            });
        }
        return QObject::eventFilter(watched, event);
    }
    int m_idleMs = 0;

private:
    bool m_done = false;
};

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("pi-console"));
    const bool console = app.arguments().value(1) == QLatin1String("console");
    FirstPaint watcher;
    watcher.m_idleMs = app.arguments().value(2).toInt();
    std::unique_ptr<AppServices> services;
    std::unique_ptr<QWidget> window;
    if (console) {
        QElapsedTimer t;
        t.start();
        services = std::make_unique<AppServices>(AppServices::Options{});
        if (qEnvironmentVariableIsSet("PI_STARTUP_TRACE"))
            std::fprintf(stderr, "services %lld ms\n", static_cast<long long>(t.elapsed()));
        window = std::make_unique<MainWindow>(services.get());
        if (qEnvironmentVariableIsSet("PI_STARTUP_TRACE"))
            std::fprintf(stderr, "window %lld ms\n", static_cast<long long>(t.elapsed()));
    } else {
        window = std::make_unique<QWidget>();
        window->resize(1180, 780);
    }
    window->installEventFilter(&watcher);
    window->show();
    return QApplication::exec();
}
