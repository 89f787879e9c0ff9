#include "support/tinyproxyprocess.h"

#include <QDir>
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>

TinyproxyProcess::TinyproxyProcess(QString user, QString password, QString folder)
    : m_user(std::move(user))
    , m_password(std::move(password))
    , m_folder(folder.isEmpty() ? m_temporary.path() : std::move(folder))
{
    QDir().mkpath(m_folder);
}

TinyproxyProcess::~TinyproxyProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QUrl TinyproxyProcess::address() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

QByteArray TinyproxyProcess::log() const
{
    QFile file(path(QStringLiteral("tinyproxy.log")));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool TinyproxyProcess::start()
{
    // tinyproxy takes a fixed port: one the kernel just handed out and took back.
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost)) {
            m_error = QStringLiteral("no free port");
            return false;
        }
        m_port = probe.serverPort();
    }
    QByteArray config = "Port " + QByteArray::number(m_port) +
                        "\nListen 127.0.0.1\nTimeout 30\nMaxClients 20\nLogLevel Info\n"
                        "LogFile \"" +
                        path(QStringLiteral("tinyproxy.log")).toUtf8() +
                        "\"\nAllow 127.0.0.1\nDisableViaHeader Yes\n";
    if (!m_user.isEmpty())
        config += "BasicAuth " + m_user.toUtf8() + ' ' + m_password.toUtf8() + '\n';
    QFile file(path(QStringLiteral("tinyproxy.conf")));
    if (!file.open(QIODevice::WriteOnly) || file.write(config) != config.size()) {
        m_error = QStringLiteral("cannot write the configuration");
        return false;
    }
    file.close();
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    // Gone with the test, even one ended by SIGKILL (the canary session is).
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
    m_process.start(QStringLiteral("tinyproxy"),
                    {QStringLiteral("-d"), QStringLiteral("-c"), file.fileName()});
    if (!m_process.waitForStarted(10000)) {
        m_error = QStringLiteral("tinyproxy did not start: %1 (installer/deps-debian.sh "
                                 "installs tinyproxy-bin)")
                      .arg(m_process.errorString());
        return false;
    }
    const bool listening = QTest::qWaitFor(
        [this] {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, m_port);
            return s.waitForConnected(200);
        },
        10000);
    if (!listening)
        m_error = QStringLiteral("tinyproxy does not listen on port %1").arg(m_port);
    return listening;
}
