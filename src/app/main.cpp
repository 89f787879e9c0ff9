#include "app/common/logging.h"
#include "app/common/translations.h"
#include "app/ratelimit/ratelimitgaugeaccessible.h"
#include "app/startup/appservices.h"
#include "app/startup/commandline.h"
#include "app/startup/singleinstance.h"
#include "app/window/mainwindow.h"
#include "common/platform/process.h"
#include "common/platform/quitonsignal.h"
#include "common/version.h"
#include "core/secrets/redaction.h"

#include <QAccessible>
#include <QApplication>
#include <QIcon>
#include <QTextStream>

int main(int argc, char *argv[])
{
    Platform::forbidCoreDumps();   // the key is in this memory
    Redaction::installLogFilter(); // no log line of any category carries a key
    QCoreApplication::setApplicationName(QStringLiteral("pi-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PICONSOLE_VERSION));

    // Before QApplication, which needs a display: --help, --version and a bad --base-url are
    // answered on a terminal with none, like any command-line tool's.
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const CommandLine commandLine = CommandLine::parse(arguments);
    switch (commandLine.action) {
    case CommandLine::Action::ShowHelp:
    case CommandLine::Action::ShowVersion:
        QTextStream(stdout) << commandLine.output;
        return 0;
    case CommandLine::Action::Fail:
        QTextStream(stderr) << "pi-console: " << commandLine.error << '\n';
        return 2;
    case CommandLine::Action::Run:
        break;
    }
    if (commandLine.verbose)
        Logging::enableVerbose();

    QApplication app(argc, argv);
    Translations::install(&app);
    QApplication::setApplicationDisplayName(QStringLiteral("Pi Console"));
    QApplication::setDesktopFileName(QStringLiteral(PICONSOLE_APP_ID));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/pi-console.svg")));
    QAccessible::installFactory(&RateLimitGaugeAccessible::factory);

    // QApplication has taken its own options (-platform, -style…): what is left must be ours.
    const QString unknown = CommandLine::unknownOptions(QCoreApplication::arguments());
    if (!unknown.isEmpty()) {
        QTextStream(stderr) << "pi-console: " << unknown << '\n';
        return 2;
    }

    AppServices::Options options;
    options.baseUrl = commandLine.baseUrl;
    options.environmentKey = qEnvironmentVariable("PI_API_KEY");
    // Read once, then out of the environment that every child process would inherit.
    qunsetenv("PI_API_KEY");
    // A base URL is logged, shown and handed over to a running window, which does not know
    // this key: one that holds it is refused.
    Redaction::rememberSecret(options.environmentKey);
    if (Redaction::holdsSecret(commandLine.baseUrl.toString())) {
        QTextStream(stderr) << "pi-console: --base-url holds the API key given in PI_API_KEY; "
                               "the key goes only in the Authorization header.\n";
        return 2;
    }

    // SIGTERM and SIGINT close the window and stop the sandbox; from here on, so that one that
    // comes as soon as the first instance listens still ends it cleanly.
    QuitOnSignal quitOnSignal;

    // One window per user and settings, before anything reads or writes them: a second launch
    // raises the first, hands over its --base-url (never its PI_API_KEY) and goes.
    SingleInstance instance;
    const SingleInstance::Claim claim = instance.claim(commandLine.baseUrl);
    switch (claim.role) {
    case SingleInstance::Role::HandedOver:
        QTextStream(stdout) << claim.message << '\n';
        if (!options.environmentKey.isEmpty())
            QTextStream(stderr) << "pi-console: PI_API_KEY was not passed to the running "
                                   "window; give it the key there.\n";
        return 0;
    case SingleInstance::Role::Failed:
        QTextStream(stderr) << "pi-console: " << claim.message << '\n';
        return 1;
    case SingleInstance::Role::First:
        break;
    }

    AppServices services(options);
    MainWindow window(&services);
    QObject::connect(&instance, &SingleInstance::activationRequested, &window,
                     &MainWindow::bringToFront);
    window.show();
    return QApplication::exec();
}
