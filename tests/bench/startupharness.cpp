// Started by bench_startup: opens either a bare Qt Widgets window or Pi Console's main window
// (built as main() builds it), prints "painted <RSS KiB>" at its first paint and quits.
#include "startup/appservices.h"
#include "window/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QPaintEvent>
#include <QTimer>

#include <cstdio>

namespace {

qint64 rssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    return -1;
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
                std::printf("painted %lld\n", static_cast<long long>(rssKiB()));
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
