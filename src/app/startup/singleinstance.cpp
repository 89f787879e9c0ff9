#include "app/startup/singleinstance.h"

#include "app/common/logging.h"
#include "app/startup/commandline.h"
#include "common/platform/sockets.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace {

constexpr int claimMs = 3000;     // to take the lock or reach the one who holds it
constexpr int replyMs = 5000;     // for the first instance to answer a hand-over
constexpr int requestMs = 5000;   // for a connected second launch to say what it wants
constexpr qint64 maxLine = 65536; // a hand-over is one short line of JSON
// sockaddr_un holds 108 bytes; QLocalServer binds in a temporary folder beside the name.
constexpr qsizetype maxSocketPath = 90;

// Where the lock and socket live: the user's runtime folder ($XDG_RUNTIME_DIR, private to the
// user), else the app data folder.
QString instanceDirectory()
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return dir;
}

// One instance per user and settings: the same user with another XDG_CONFIG_HOME or
// XDG_DATA_HOME (a test's private home, say) is another instance.
QString instanceName()
{
    QByteArray identity;
#ifdef Q_OS_UNIX
    identity += QByteArray::number(::getuid());
#endif
    identity += '\0' + QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation).toUtf8();
    identity += '\0' + QStandardPaths::writableLocation(QStandardPaths::AppDataLocation).toUtf8();
    const QByteArray hash = QCryptographicHash::hash(identity, QCryptographicHash::Sha256);
    return QStringLiteral("pi-console-") + QString::fromLatin1(hash.toHex().left(16));
}

QString socketName(const QString &dir, const QString &name)
{
    const QString path = dir + QLatin1Char('/') + name + QStringLiteral(".socket");
    if (path.size() <= maxSocketPath)
        return path;
        // Too long for a socket address: a folder of this user's own in the temporary folder,
        // never the temporary folder itself, where anyone could make the socket first. A folder
        // of that name that is not this user's alone is not used: no socket then (a second
        // launch says it found no one), rather than one others can reach.
#ifdef Q_OS_UNIX
    const QString shortDir =
        QDir::tempPath() + QStringLiteral("/pi-console-") + QString::number(::getuid());
#else
    const QString shortDir = QDir::tempPath() + QStringLiteral("/pi-console");
#endif
    if (!Platform::privateFolder(shortDir)) {
        qCWarning(lcInstance, "%s is not a folder of this user's alone: not listening there",
                  qPrintable(shortDir));
        return {};
    }
    return shortDir + QLatin1Char('/') + name + QStringLiteral(".socket");
}

// The base URL of a hand-over, checked as the command line checks --base-url.
} // namespace

SingleInstance::SingleInstance(QObject *parent)
    : QObject(parent)
    , m_lockPath(instanceDirectory() + QLatin1Char('/') + instanceName() + QStringLiteral(".lock"))
    , m_serverName(socketName(QFileInfo(m_lockPath).absolutePath(), instanceName()))
    , m_lock(m_lockPath)
{
    // Held as long as the process lives: never stale by age, only when its process is gone.
    m_lock.setStaleLockTime(0);
}

SingleInstance::~SingleInstance()
{
    if (m_server)
        m_server->close(); // removes the socket file
    m_server.reset();
    // m_lock unlocks (and removes the lock file) as it goes.
}

SingleInstance::Claim SingleInstance::claim(const QUrl &baseUrl)
{
    QElapsedTimer elapsed;
    elapsed.start();
    QString lastError;
    while (true) {
        const bool leftBehind = QFileInfo::exists(m_lockPath);
        if (m_lock.tryLock(0)) {
            if (leftBehind)
                qCDebug(lcInstance, "took over the stale lock %s of a process that is gone",
                        qPrintable(m_lockPath));
            else
                qCDebug(lcInstance, "holds the lock %s", qPrintable(m_lockPath));
            listen();
            return {Role::First, {}};
        }
        if (m_lock.error() != QLockFile::LockFailedError) {
            return {Role::Failed,
                    tr("cannot create the lock %1 that keeps a second Pi Console from writing "
                       "the same settings; not starting.")
                        .arg(m_lockPath)};
        }
        QString reply;
        switch (handOver(baseUrl, &reply, &lastError)) {
        case HandOver::Done:
            return {Role::HandedOver, reply};
        case HandOver::NoResponse:
            break;
        case HandOver::NoAnswer:
            if (elapsed.elapsed() < claimMs) {
                // It may be starting (locked, not yet listening), or just quitting.
                QThread::msleep(100);
                continue;
            }
            break;
        }
        qint64 pid = 0;
        QString host;
        QString app;
        m_lock.getLockInfo(&pid, &host, &app);
        return {Role::Failed,
                tr("Pi Console is already running (process %1 holds %2) but does not answer on "
                   "%3: %4. Not starting a second one on the same settings.")
                    .arg(pid)
                    .arg(m_lockPath, m_serverName, lastError)};
    }
}

SingleInstance::HandOver SingleInstance::handOver(const QUrl &baseUrl, QString *reply,
                                                  QString *error)
{
    QLocalSocket socket;
    socket.connectToServer(m_serverName);
    if (!socket.waitForConnected(1000)) {
        *error = socket.errorString();
        return HandOver::NoAnswer;
    }
    // Only a Pi Console of this user's hears where to go.
    if (!Platform::peerIsThisUser(socket.socketDescriptor())) {
        *error = tr("the process listening on it is not this user's");
        return HandOver::NoResponse;
    }
    QJsonObject request{{QStringLiteral("op"), QStringLiteral("activate")}};
    if (!baseUrl.isEmpty())
        request.insert(QStringLiteral("baseUrl"), baseUrl.toString());
    socket.write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');

    QElapsedTimer waited;
    waited.start();
    while (!socket.canReadLine() && socket.bytesAvailable() < maxLine) {
        const qint64 left = replyMs - waited.elapsed();
        if (left <= 0 || (!socket.waitForReadyRead(int(left)) && !socket.canReadLine())) {
            *error = socket.error() == QLocalSocket::UnknownSocketError
                         ? tr("no reply in %1 s").arg(replyMs / 1000)
                         : socket.errorString();
            return HandOver::NoResponse;
        }
    }
    const QJsonObject answer = QJsonDocument::fromJson(socket.readLine(maxLine)).object();
    if (!answer.value(QStringLiteral("raised")).toBool()) {
        *error = tr("an answer it did not understand");
        return HandOver::NoResponse;
    }
    const QString opened = answer.value(QStringLiteral("baseUrl")).toString();
    *reply =
        opened.isEmpty()
            ? tr("Pi Console is already running: its window was raised.")
            : tr("Pi Console is already running: its window was raised and opened %1.").arg(opened);
    socket.disconnectFromServer();
    return HandOver::Done;
}

void SingleInstance::listen()
{
    if (m_serverName.isEmpty())
        return; // no folder of this user's alone to listen in (socketName() said why)
    m_server = std::make_unique<QLocalServer>();
    // Only this user may connect: the socket is made in a private folder, then moved.
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    // This process holds the lock: a socket file still there is a dead process's.
    QLocalServer::removeServer(m_serverName);
    if (!m_server->listen(m_serverName)) {
        // Still the only writer (the lock says so); a second launch will say it found no one.
        qCWarning(lcInstance, "cannot listen on %s: %s", qPrintable(m_serverName),
                  qPrintable(m_server->errorString()));
        m_server.reset();
        return;
    }
    connect(m_server.get(), &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection())
            serve(socket);
    });
    qCDebug(lcInstance, "listening on %s", qPrintable(m_server->fullServerName()));
}

void SingleInstance::serve(QLocalSocket *socket)
{
    connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
    if (!Platform::peerIsThisUser(socket->socketDescriptor())) {
        qCWarning(lcInstance, "a process of another user connected: dropped");
        socket->abort();
        return;
    }
    // A peer that says nothing, or too much, is dropped.
    QTimer::singleShot(requestMs, socket, [socket] { socket->abort(); });
    connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
        if (!socket->canReadLine()) {
            if (socket->bytesAvailable() > maxLine)
                socket->abort();
            return;
        }
        const QJsonObject request = QJsonDocument::fromJson(socket->readLine(maxLine)).object();
        if (request.value(QStringLiteral("op")).toString() != QLatin1String("activate")) {
            qCWarning(lcInstance, "a connection asked for something unknown: dropped");
            socket->abort();
            return;
        }
        const QString text = request.value(QStringLiteral("baseUrl")).toString();
        QString refused;
        const QUrl baseUrl = text.isEmpty() ? QUrl() : CommandLine::acceptedBaseUrl(text, &refused);
        if (!text.isEmpty() && baseUrl.isEmpty())
            qCWarning(lcInstance, "a second launch handed over a base URL it may not: ignored");
        qCDebug(lcInstance, "a second launch asked for the window%s%s",
                baseUrl.isEmpty() ? "" : " with --base-url ", qPrintable(baseUrl.toString()));
        Q_EMIT activationRequested(baseUrl);
        QJsonObject answer{{QStringLiteral("raised"), true}};
        if (!baseUrl.isEmpty())
            answer.insert(QStringLiteral("baseUrl"), baseUrl.toString());
        socket->write(QJsonDocument(answer).toJson(QJsonDocument::Compact) + '\n');
        socket->disconnectFromServer();
    });
}
