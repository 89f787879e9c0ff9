// A console as main() builds one (QuitOnSignal, AppServices, the window) that sends one POST
// as it starts, prints its idempotency key, and runs until a signal ends it. tst_appservices
// sends it SIGTERM while the POST is on its way.
// Usage: quit-session BASE_URL HISTORY_PATH
#include "app/startup/appservices.h"
#include "app/window/mainwindow.h"
#include "common/platform/quitonsignal.h"
#include "core/net/pendingcall.h"
#include "support/sandboxprocess.h"

#include <QApplication>
#include <QTextStream>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc != 3)
        return 2;
    QuitOnSignal quitOnSignal;
    AppServices::Options options;
    options.startSandbox = false;
    options.baseUrl = QUrl(QString::fromLocal8Bit(argv[1]));
    options.historyPath = QString::fromLocal8Bit(argv[2]);
    AppServices services(options);
    services.session()->keys()->setSessionKey(services.session()->currentProfile().id,
                                              SandboxProcess::demoKey());
    MainWindow window(&services);
    window.show();
    services.openHistory();
    ApiRequest charge;
    charge.method = "POST";
    charge.path = QStringLiteral("/v1/charges");
    charge.body = "{\"amount\": 1250, \"currency\": \"eur\"}";
    charge.headers = {{"Pi-Sandbox-Fault", "latency=20000"}};
    services.session()->send(charge, [](PendingCall *call) {
        QTextStream(stdout) << "SENT " << call->record().idempotencyKey << Qt::endl;
    });
    return QApplication::exec();
}
