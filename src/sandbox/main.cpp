#include "common/platform/process.h"
#include "common/platform/quitonsignal.h"
#include "common/version.h"
#include "sandbox/server/sandboxcommandline.h"
#include "sandbox/server/sandboxserver.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>

namespace {

int fail(const QString &message)
{
    QTextStream(stderr) << "pi-sandbox: " << message << '\n';
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pi-sandbox"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PICONSOLE_VERSION));

    SandboxCommandLine commandLine = SandboxCommandLine::parse(QCoreApplication::arguments());
    if (!commandLine.error.isEmpty())
        return fail(commandLine.error);
    if (commandLine.verbose)
        QLoggingCategory::setFilterRules(QStringLiteral("pi.sandbox.*.debug=true"));
    const QHostAddress &address = commandLine.address;
    GuardedTcpServer::Limits &limits = commandLine.limits;

    // Keep descriptors in reserve (the listener, refusals in flight, stdio), so a full house
    // is answered 503 instead of leaving accept() failing.
    const qint64 descriptors = Platform::raiseDescriptorLimit();
    const qint64 usable = descriptors > 64 ? descriptors - 64 : 1;
    if (limits.maxConnections > usable) {
        QTextStream(stderr) << "pi-sandbox: --max-connections lowered to " << qulonglong(usable)
                            << " by the descriptor limit\n";
        limits.maxConnections = int(usable);
    }

    QuitOnSignal quitOnSignal;
    SandboxServer server(commandLine.api, limits);
    if (commandLine.tls.enabled()) {
        QString why;
        const QSslConfiguration tls = SandboxTls::load(commandLine.tls, &why);
        if (tls.isNull())
            return fail(why);
        server.setTls(tls);
    }
    const quint16 bound = server.listen(address, commandLine.port);
    if (!bound)
        return fail(
            QStringLiteral("cannot listen on %1:%2").arg(address.toString()).arg(commandLine.port));

    const QString hostText = address.protocol() == QAbstractSocket::IPv6Protocol
                                 ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                                 : address.toString();
    std::printf("%s://%s:%u\n", commandLine.tls.enabled() ? "https" : "http", qPrintable(hostText),
                unsigned(bound));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
