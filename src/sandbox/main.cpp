#include "api/faultspec.h"
#include "platform/process.h"
#include "platform/quitonsignal.h"
#include "sandbox/demokey.h"
#include "server/sandboxserver.h"
#include "version.h"

#include <QCommandLineParser>
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

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A local server that answers like the Pi API: Bearer keys, rate-limit "
                       "headers, error envelopes, idempotency keys and injectable faults.\n"
                       "Demo key: %1")
            .arg(Sandbox::demoKey()));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption host(QStringLiteral("host"),
                                  QStringLiteral("Address to bind (loopback only)."),
                                  QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Port to bind; 0 picks a free one."),
                                  QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption limit(QStringLiteral("limit"),
                                   QStringLiteral("Requests per window and key."),
                                   QStringLiteral("n"), QStringLiteral("20"));
    const QCommandLineOption window(QStringLiteral("window"),
                                    QStringLiteral("Rate-limit window in seconds."),
                                    QStringLiteral("seconds"), QStringLiteral("60"));
    const QCommandLineOption windowStart(
        QStringLiteral("window-start"),
        QStringLiteral("Unix time (seconds) a window begins at; the others follow it. Default: "
                       "windows aligned on multiples of their length."),
        QStringLiteral("seconds"), QStringLiteral("0"));
    const QCommandLineOption key(QStringLiteral("key"),
                                 QStringLiteral("A valid API key (repeatable). Without any, the "
                                                "demo key is valid."),
                                 QStringLiteral("key"));
    const QCommandLineOption revoked(QStringLiteral("revoked"),
                                     QStringLiteral("A revoked API key (repeatable)."),
                                     QStringLiteral("key"));
    const QCommandLineOption latency(QStringLiteral("latency-ms"),
                                     QStringLiteral("Latency added to every response."),
                                     QStringLiteral("ms"), QStringLiteral("0"));
    const QCommandLineOption fault(
        QStringLiteral("fault"),
        QStringLiteral("Fault for every authenticated response, as in the Pi-Sandbox-Fault "
                       "header: latency=MS, status=5xx, html, drop, size=BYTES, bad-ratelimit."),
        QStringLiteral("spec"));
    const QCommandLineOption maxConnections(
        QStringLiteral("max-connections"),
        QStringLiteral("Connections open at once; past it a new one is answered 503."),
        QStringLiteral("n"), QStringLiteral("512"));
    const QCommandLineOption headerTimeout(
        QStringLiteral("header-timeout-ms"),
        QStringLiteral("Time a client has to send a request's whole head."), QStringLiteral("ms"),
        QStringLiteral("10000"));
    const QCommandLineOption idleTimeout(
        QStringLiteral("idle-timeout-ms"),
        QStringLiteral("Time a kept-alive connection may sit idle, or a body stall."),
        QStringLiteral("ms"), QStringLiteral("30000"));
    const QCommandLineOption verbose(
        QStringLiteral("verbose"),
        QStringLiteral("Log each request, answer and refusal (categories pi.sandbox.*) on "
                       "stderr. No header value is logged."));
    parser.addOptions({verbose, host, port, limit, window, windowStart, key, revoked, latency,
                       fault, maxConnections, headerTimeout, idleTimeout});
    parser.process(app);
    if (parser.isSet(verbose))
        QLoggingCategory::setFilterRules(QStringLiteral("pi.sandbox.*.debug=true"));

    const QHostAddress address(parser.value(host));
    if (address.isNull() || !address.isLoopback())
        return fail(QStringLiteral("--host must be a loopback address, not \"%1\"")
                        .arg(parser.value(host)));

    bool ok = false;
    SandboxApi::Options options;
    const uint portNumber = parser.value(port).toUInt(&ok);
    if (!ok || portNumber > 65535)
        return fail(QStringLiteral("--port must be 0 to 65535"));
    options.limit = parser.value(limit).toInt(&ok);
    if (!ok || options.limit < 1)
        return fail(QStringLiteral("--limit must be a positive number"));
    options.windowSeconds = parser.value(window).toInt(&ok);
    if (!ok || options.windowSeconds < 1)
        return fail(QStringLiteral("--window must be a positive number of seconds"));
    options.windowOriginUnix = parser.value(windowStart).toLongLong(&ok);
    if (!ok || options.windowOriginUnix < 0)
        return fail(QStringLiteral("--window-start must be a unix time in seconds"));
    options.validKeys = parser.values(key);
    options.revokedKeys = parser.values(revoked);
    if (parser.isSet(fault)) {
        QString error;
        if (!FaultSpec::parse(parser.value(fault), &options.fault, &error))
            return fail(QStringLiteral("--fault: ") + error);
    }
    const int latencyMs = parser.value(latency).toInt(&ok);
    if (!ok || latencyMs < 0 || latencyMs > 60000)
        return fail(QStringLiteral("--latency-ms must be 0 to 60000"));
    if (latencyMs)
        options.fault.latencyMs = latencyMs;

    GuardedTcpServer::Limits limits;
    limits.maxConnections = parser.value(maxConnections).toInt(&ok);
    if (!ok || limits.maxConnections < 1 || limits.maxConnections > 100000)
        return fail(QStringLiteral("--max-connections must be 1 to 100000"));
    limits.headerTimeoutMs = parser.value(headerTimeout).toInt(&ok);
    if (!ok || limits.headerTimeoutMs < 10 || limits.headerTimeoutMs > 3600000)
        return fail(QStringLiteral("--header-timeout-ms must be 10 to 3600000"));
    limits.idleTimeoutMs = parser.value(idleTimeout).toInt(&ok);
    if (!ok || limits.idleTimeoutMs < 10 || limits.idleTimeoutMs > 3600000)
        return fail(QStringLiteral("--idle-timeout-ms must be 10 to 3600000"));
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
    SandboxServer server(options, limits);
    const quint16 bound = server.listen(address, quint16(portNumber));
    if (!bound)
        return fail(
            QStringLiteral("cannot listen on %1:%2").arg(address.toString()).arg(portNumber));

    const QString hostText = address.protocol() == QAbstractSocket::IPv6Protocol
                                 ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                                 : address.toString();
    std::printf("http://%s:%u\n", qPrintable(hostText), unsigned(bound));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
