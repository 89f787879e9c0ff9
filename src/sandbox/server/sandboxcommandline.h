#pragma once

#include "sandbox/api/sandboxapi.h"
#include "sandbox/server/connectionguard.h"
#include "sandbox/server/sandboxtls.h"

#include <QHostAddress>
#include <QStringList>

// What pi-sandbox was asked to do on its command line, read and checked: a bad value is an
// error that names its option and the range it must be in.
struct SandboxCommandLine
{
    QHostAddress address;
    quint16 port = 0;
    bool verbose = false;
    SandboxApi::Options api;
    GuardedTcpServer::Limits limits;
    SandboxTls::Files tls; // none: plain http
    QString error;         // empty when every option was acceptable

    // arguments as QCoreApplication::arguments(); --help and --version are answered (and the
    // process ends) as QCommandLineParser::process does.
    static SandboxCommandLine parse(const QStringList &arguments);
};
