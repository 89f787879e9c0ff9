#include "sandbox/server/sandboxcommandline.h"

#include "common/sandbox/demokey.h"

#include <QCommandLineParser>

#include <algorithm>

namespace {

// The whole-number options, each with its default and range.
struct Number
{
    const char *name;
    const char *valueName;
    const char *help;
    qint64 defaultValue;
    qint64 min;
    qint64 max;
};

constexpr Number portOption{"port", "port", "Port to bind; 0 picks a free one.", 0, 0, 65535};
constexpr Number limitOption{"limit", "n", "Requests per window and key.", 20, 1, 1'000'000'000};
constexpr Number windowOption{"window", "seconds", "Rate-limit window in seconds.",
                              60,       1,         31'536'000};
constexpr Number windowStartOption{"window-start",
                                   "seconds",
                                   "Unix time (seconds) a window begins at; the others follow it. "
                                   "Default: windows aligned on multiples of their length.",
                                   0,
                                   0,
                                   253'402'300'799};
constexpr Number latencyOption{"latency-ms", "ms", "Latency added to every response.", 0, 0, 60000};
constexpr Number maxConnectionsOption{
    "max-connections",
    "n",
    "Connections open at once; past it a new one is answered 503.",
    512,
    1,
    100000};
constexpr Number headerTimeoutOption{"header-timeout-ms",
                                     "ms",
                                     "Time a client has to send a request's whole head.",
                                     10000,
                                     10,
                                     3'600'000};
constexpr Number idleTimeoutOption{"idle-timeout-ms",
                                   "ms",
                                   "Time a kept-alive connection may sit idle, or a body stall.",
                                   30000,
                                   10,
                                   3'600'000};
constexpr const Number *numbers[] = {&portOption,          &limitOption,      &windowOption,
                                     &windowStartOption,   &latencyOption,    &maxConnectionsOption,
                                     &headerTimeoutOption, &idleTimeoutOption};

QCommandLineOption optionFor(const Number &n)
{
    return QCommandLineOption(QLatin1String(n.name), QString::fromUtf8(n.help),
                              QLatin1String(n.valueName), QString::number(n.defaultValue));
}

} // namespace

SandboxCommandLine SandboxCommandLine::parse(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A local server that answers like the Pi API: Bearer keys, rate-limit "
                       "headers, error envelopes, idempotency keys and injectable faults.\n"
                       "Demo key: %1")
            .arg(Sandbox::demoKey()));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption host(QStringLiteral("host"),
                                  QStringLiteral("Address to bind (loopback only)."),
                                  QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption key(QStringLiteral("key"),
                                 QStringLiteral("A valid API key (repeatable). Without any, the "
                                                "demo key is valid."),
                                 QStringLiteral("key"));
    const QCommandLineOption revoked(QStringLiteral("revoked"),
                                     QStringLiteral("A revoked API key (repeatable)."),
                                     QStringLiteral("key"));
    const QCommandLineOption fault(
        QStringLiteral("fault"),
        QStringLiteral("Fault for every authenticated response, as in the Pi-Sandbox-Fault "
                       "header: latency=MS, status=5xx, html, drop, size=BYTES, bad-ratelimit."),
        QStringLiteral("spec"));
    const QCommandLineOption verbose(
        QStringLiteral("verbose"),
        QStringLiteral("Log each request, answer and refusal (categories pi.sandbox.*) on "
                       "stderr. No header value is logged."));
    const QCommandLineOption tlsCert(
        QStringLiteral("tls-cert"),
        QStringLiteral("Serve https with this certificate (PEM; the chain may follow it)."),
        QStringLiteral("file"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"),
                                    QStringLiteral("The certificate's private key (PEM)."),
                                    QStringLiteral("file"));
    const QCommandLineOption clientCa(
        QStringLiteral("client-ca"),
        QStringLiteral("Require a client certificate issued by these authorities (PEM)."),
        QStringLiteral("file"));
    parser.addOptions({verbose, host, key, revoked, fault, tlsCert, tlsKey, clientCa});
    for (const Number *n : numbers)
        parser.addOption(optionFor(*n));
    // "-key=pi_…" is one mistyped option, not k, e, y… each named in the error.
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    SandboxCommandLine out;
    // Not process(): a mistyped option is an error like a bad value, exit code 2. An unknown
    // option is not repeated: it may be a key typed in the wrong place.
    if (!parser.parse(arguments)) {
        out.error = parser.unknownOptionNames().isEmpty()
                        ? parser.errorText()
                        : QStringLiteral("an option is not known; pi-sandbox --help lists them");
        return out;
    }
    if (parser.isSet(help) || parser.isSet(QStringLiteral("help-all")))
        parser.showHelp(0);
    if (parser.isSet(version))
        parser.showVersion();

    out.verbose = parser.isSet(verbose);
    out.address = QHostAddress(parser.value(host));
    if (out.address.isNull() || !out.address.isLoopback()) {
        out.error =
            QStringLiteral("--host must be a loopback address, not \"%1\"").arg(parser.value(host));
        return out;
    }
    const auto number = [&](const Number &n) {
        bool ok = false;
        const qint64 value = parser.value(QLatin1String(n.name)).toLongLong(&ok);
        if (ok && value >= n.min && value <= n.max)
            return value;
        if (out.error.isEmpty())
            out.error = QStringLiteral("--%1 must be %2 to %3")
                            .arg(QLatin1String(n.name))
                            .arg(n.min)
                            .arg(n.max);
        return n.defaultValue;
    };
    out.port = quint16(number(portOption));
    out.api.limit = int(number(limitOption));
    out.api.windowSeconds = int(number(windowOption));
    out.api.windowOriginUnix = number(windowStartOption);
    out.api.validKeys = parser.values(key);
    out.api.revokedKeys = parser.values(revoked);
    const QStringList given = out.api.validKeys + out.api.revokedKeys;
    if (out.error.isEmpty() &&
        !std::all_of(given.cbegin(), given.cend(), &SandboxApi::isWellFormedKey))
        out.error = QStringLiteral("--key and --revoked take keys as Pi issues them: pi_ and 8 "
                                   "to 200 letters, digits or underscores");
    if (parser.isSet(fault) && out.error.isEmpty()) {
        QString why;
        if (!FaultSpec::parse(parser.value(fault), &out.api.fault, &why))
            out.error = QStringLiteral("--fault: ") + why;
    }
    if (const qint64 ms = number(latencyOption))
        out.api.fault.latencyMs = int(ms);
    out.tls = {parser.value(tlsCert), parser.value(tlsKey), parser.value(clientCa)};
    if (out.error.isEmpty() && out.tls.certificate.isEmpty() != out.tls.key.isEmpty())
        out.error = QStringLiteral("--tls-cert and --tls-key go together");
    if (out.error.isEmpty() && !out.tls.clientCa.isEmpty() && !out.tls.enabled())
        out.error = QStringLiteral("--client-ca needs --tls-cert and --tls-key");
    out.limits.maxConnections = int(number(maxConnectionsOption));
    out.limits.headerTimeoutMs = int(number(headerTimeoutOption));
    out.limits.idleTimeoutMs = int(number(idleTimeoutOption));
    return out;
}
