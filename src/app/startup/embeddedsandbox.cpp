#include "app/startup/embeddedsandbox.h"

#include "common/platform/process.h"
#include "core/secrets/redaction.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <cstdio>

EmbeddedSandbox::EmbeddedSandbox(QObject *parent)
    : QObject(parent)
    , m_program(executable())
    , m_environment(childEnvironment(QProcessEnvironment::systemEnvironment()))
{
    // Its own context: the handshake's connections to this object are dropped once it is read.
    connect(&m_process, &QProcess::readyReadStandardError, &m_errorRelay, [this] {
        const QByteArray text = Redaction::scrub(m_process.readAllStandardError());
        std::fwrite(text.constData(), 1, size_t(text.size()), stderr);
        std::fflush(stderr);
    });
}

EmbeddedSandbox::~EmbeddedSandbox()
{
    stop();
}

QString EmbeddedSandbox::executable()
{
    const QString dir = QCoreApplication::applicationDirPath();
    const QStringList candidates{dir + QStringLiteral("/pi-sandbox"),
                                 dir + QStringLiteral("/../sandbox/pi-sandbox")};
    for (const QString &candidate : candidates) {
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    }
    return QStandardPaths::findExecutable(QStringLiteral("pi-sandbox"));
}

QProcessEnvironment EmbeddedSandbox::childEnvironment(const QProcessEnvironment &from)
{
    // Only what a Qt command-line program needs to find its libraries and plugins, speak the
    // user's language and log: an inherited environment would hand the sandbox PI_API_KEY and
    // whatever else the shell holds (tokens, passwords), readable in its /proc/PID/environ
    // where pi-console's own is not (it is not dumpable). DISPLAY and the like are not needed:
    // pi-sandbox is a QCoreApplication.
    static const QStringList names{
        QStringLiteral("PATH"),    QStringLiteral("HOME"),   QStringLiteral("USER"),
        QStringLiteral("LOGNAME"), QStringLiteral("LANG"),   QStringLiteral("LANGUAGE"),
        QStringLiteral("TZ"),      QStringLiteral("TMPDIR"), QStringLiteral("LD_LIBRARY_PATH"),
    };
    static const QStringList prefixes{
        QStringLiteral("LC_"),  // locale
        QStringLiteral("XDG_"), // where QStandardPaths looks
        QStringLiteral("QT_"),  // QT_PLUGIN_PATH, QT_QPA_PLATFORM…
    };
    // The console's logging settings are not the sandbox's: its lines go to the console's
    // stderr without passing the console's redaction.
    static const QStringList logging{QStringLiteral("QT_LOGGING_RULES"),
                                     QStringLiteral("QT_LOGGING_CONF"),
                                     QStringLiteral("QT_MESSAGE_PATTERN")};
    QProcessEnvironment to;
    const QStringList keys = from.keys();
    for (const QString &name : keys) {
        const bool allowed = names.contains(name) ||
                             std::any_of(prefixes.cbegin(), prefixes.cend(),
                                         [&name](const QString &p) { return name.startsWith(p); });
        const QString value = from.value(name);
        // By the time the sandbox starts, PI_API_KEY is out of the environment, but the
        // redaction knows it (and every other key seen): a value holding one stays behind.
        if (allowed && !logging.contains(name) && !Redaction::holdsSecret(value))
            to.insert(name, value);
    }
    return to;
}

bool EmbeddedSandbox::launch()
{
    if (m_program.isEmpty()) {
        m_error = tr("pi-sandbox was not found beside pi-console or on PATH.");
        return false;
    }
    if (m_errorFile.isEmpty()) {
        // What it prints goes to this process's stderr through the redaction, as this
        // process's own log lines do: its Qt may be told to log more than it should (a
        // qtlogging.ini in the user's configuration, say).
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
    } else {
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.setStandardErrorFile(m_errorFile);
    }
    m_process.setProcessEnvironment(m_environment);
    // However pi-console ends, even killed, the sandbox ends with it.
    Platform::endWithParent(&m_process);
    m_process.start(m_program,
                    QStringList{QStringLiteral("--port"), QStringLiteral("0")} + m_arguments);
    return true;
}

void EmbeddedSandbox::fail(const QString &why)
{
    disconnect(&m_process, nullptr, this, nullptr);
    m_error = why;
    stop();
    Q_EMIT failed(why);
}

void EmbeddedSandbox::startInBackground(int timeoutMs)
{
    if (!launch()) {
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT failed(m_error); }, Qt::QueuedConnection);
        return;
    }
    auto *deadline = new QTimer(this);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [this, deadline] {
        deadline->deleteLater();
        if (m_baseUrl.isEmpty())
            fail(tr("pi-sandbox did not say where it listens."));
    });
    connect(&m_process, &QProcess::errorOccurred, this, [this] { fail(m_process.errorString()); });
    connect(&m_process, &QProcess::readyReadStandardOutput, this, [this, deadline] {
        if (!m_process.canReadLine())
            return;
        deadline->stop();
        deadline->deleteLater();
        disconnect(&m_process, nullptr, this, nullptr);
        if (readBaseUrl())
            Q_EMIT started(m_baseUrl);
        else
            fail(m_error);
    });
    deadline->start(timeoutMs);
}

bool EmbeddedSandbox::startAndWait(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    if (!launch())
        return false;
    if (!m_process.waitForStarted(int(deadline.remainingTime()))) {
        m_error = m_process.errorString();
        return false;
    }
    while (!m_process.canReadLine()) {
        if (deadline.hasExpired() || !m_process.waitForReadyRead(int(deadline.remainingTime()))) {
            m_error = tr("pi-sandbox did not say where it listens.");
            stop();
            return false;
        }
    }
    if (readBaseUrl())
        return true;
    stop();
    return false;
}

bool EmbeddedSandbox::readBaseUrl()
{
    const QUrl url(QString::fromUtf8(m_process.readLine().trimmed()), QUrl::StrictMode);
    const bool web =
        url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https");
    if (!url.isValid() || !web || url.port() <= 0) {
        m_error = tr("pi-sandbox printed no valid URL.");
        return false;
    }
    m_baseUrl = url;
    return true;
}

int EmbeddedSandbox::stop(int graceMs)
{
    if (m_process.state() == QProcess::NotRunning)
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    m_process.terminate();
    if (m_process.waitForFinished(graceMs))
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    m_process.kill();
    m_process.waitForFinished(3000);
    return -1;
}
