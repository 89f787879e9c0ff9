#pragma once

#include "app/startup/embeddedsandbox.h"

#include <QStringList>
#include <QUrl>

// A real pi-sandbox process on loopback for the duration of a test, started as the console
// starts its own (EmbeddedSandbox), from this build and in the test's whole environment.
class SandboxProcess final
{
public:
    // With an errorFile, its stderr goes there instead of the test's.
    explicit SandboxProcess(QStringList arguments = {}, const QString &errorFile = {});

    // Starts the process and waits for its base URL. False on failure.
    bool start();
    QUrl baseUrl() const { return m_sandbox.baseUrl(); }
    QUrl url(const QString &pathAndQuery) const;
    qint64 pid() const { return m_sandbox.processId(); }
    QString errorText() const { return m_sandbox.errorText(); }
    // Sends SIGTERM and waits; returns the exit code, or -1 when it did not exit cleanly.
    int terminate() { return m_sandbox.stop(10000); }

    static QString executable();
    static QString demoKey();

private:
    EmbeddedSandbox m_sandbox;
};
