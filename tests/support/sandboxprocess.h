#pragma once

#include <QProcess>
#include <QStringList>
#include <QUrl>

// A real pi-sandbox process on loopback for the duration of a test.
class SandboxProcess final
{
public:
    explicit SandboxProcess(QStringList arguments = {});
    ~SandboxProcess();

    // Starts the process and waits for its first line, the base URL. False on failure.
    bool start();
    QUrl baseUrl() const { return m_baseUrl; }
    QUrl url(const QString &pathAndQuery) const;
    qint64 pid() const { return m_process.processId(); }
    QString errorText() const { return m_error; }
    // Sends SIGTERM and waits; returns the exit code, or -1 when it did not exit cleanly.
    int terminate();

    static QString executable();
    static QString demoKey();

private:
    QProcess m_process;
    QStringList m_arguments;
    QUrl m_baseUrl;
    QString m_error;
};
