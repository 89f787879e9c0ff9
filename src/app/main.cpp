#include "commandline.h"
#include "mainwindow.h"
#include "version.h"

#include <QApplication>
#include <QIcon>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("pi-console"));
    QApplication::setApplicationDisplayName(QStringLiteral("Pi Console"));
    QApplication::setOrganizationName(QStringLiteral("pi-console"));
    QApplication::setApplicationVersion(QStringLiteral(PICONSOLE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral(PICONSOLE_APP_ID));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/pi-console.svg")));

    const CommandLine commandLine = CommandLine::parse(app);
    if (!commandLine.error.isEmpty()) {
        QTextStream(stderr) << "pi-console: " << commandLine.error << '\n';
        return 2;
    }

    MainWindow window;
    window.show();
    return QApplication::exec();
}
