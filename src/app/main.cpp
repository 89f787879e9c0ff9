#include "appservices.h"
#include "commandline.h"
#include "mainwindow.h"
#include "quitonsignal.h"
#include "ratelimitgaugeaccessible.h"
#include "redaction.h"
#include "version.h"

#include <QAccessible>
#include <QApplication>
#include <QIcon>
#include <QTextStream>

#include <sys/prctl.h>
#include <sys/resource.h>

namespace {

// The key is in this process's memory: it must not end up in a core dump.
void forbidCoreDumps()
{
    const rlimit none{0, 0};
    setrlimit(RLIMIT_CORE, &none);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

} // namespace

int main(int argc, char *argv[])
{
    forbidCoreDumps();
    Redaction::installLogFilter(); // no log line of any category carries a key
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("pi-console"));
    QApplication::setApplicationDisplayName(QStringLiteral("Pi Console"));
    QApplication::setApplicationVersion(QStringLiteral(PICONSOLE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral(PICONSOLE_APP_ID));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/pi-console.svg")));
    QAccessible::installFactory(&RateLimitGaugeAccessible::factory);

    const CommandLine commandLine = CommandLine::parse(app);
    if (!commandLine.error.isEmpty()) {
        QTextStream(stderr) << "pi-console: " << commandLine.error << '\n';
        return 2;
    }

    AppServices::Options options;
    options.baseUrl = commandLine.baseUrl;
    options.environmentKey = qEnvironmentVariable("PI_API_KEY");
    QuitOnSignal quitOnSignal; // SIGTERM and SIGINT close the window and stop the sandbox
    AppServices services(options);
    MainWindow window(&services);
    window.show();
    return QApplication::exec();
}
