#include "support/sandboxprocess.h"

#include "common/sandbox/demokey.h"

SandboxProcess::SandboxProcess(QStringList arguments, const QString &errorFile)
{
    m_sandbox.setErrorFile(errorFile);
    m_sandbox.setProgram(executable());
    m_sandbox.setArguments(arguments);
    m_sandbox.setEnvironment(QProcessEnvironment::systemEnvironment());
}

QString SandboxProcess::executable()
{
    return QStringLiteral(PI_SANDBOX_PATH);
}

QString SandboxProcess::demoKey()
{
    return Sandbox::demoKey();
}

bool SandboxProcess::start()
{
    return m_sandbox.startAndWait(15000);
}

QUrl SandboxProcess::url(const QString &pathAndQuery) const
{
    return QUrl(baseUrl().toString() + pathAndQuery);
}
