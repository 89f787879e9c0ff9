#include "support/sandboxprocess.h"

#include <QDeadlineTimer>

SandboxProcess::SandboxProcess(QStringList arguments)
    : m_arguments(std::move(arguments))
{}

SandboxProcess::~SandboxProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString SandboxProcess::executable()
{
    return QStringLiteral(PI_SANDBOX_PATH);
}

QString SandboxProcess::demoKey()
{
    return QStringLiteral("pi_sandbox_demo_key_0123456789");
}

bool SandboxProcess::start()
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(executable(),
                    QStringList{QStringLiteral("--port"), QStringLiteral("0")} + m_arguments);
    if (!m_process.waitForStarted(10000)) {
        m_error = m_process.errorString();
        return false;
    }
    QDeadlineTimer deadline(15000);
    while (!m_process.canReadLine()) {
        if (deadline.hasExpired() || !m_process.waitForReadyRead(int(deadline.remainingTime()))) {
            m_error = QStringLiteral("pi-sandbox printed no base URL");
            return false;
        }
    }
    m_baseUrl = QUrl(QString::fromUtf8(m_process.readLine().trimmed()));
    return m_baseUrl.isValid() && m_baseUrl.port() > 0;
}

QUrl SandboxProcess::url(const QString &pathAndQuery) const
{
    return QUrl(m_baseUrl.toString() + pathAndQuery);
}

int SandboxProcess::terminate()
{
    m_process.terminate();
    if (!m_process.waitForFinished(10000))
        return -1;
    return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
}
