#pragma once

#include <QLockFile>
#include <QLoggingCategory>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

class QLocalServer;
class QLocalSocket;

// One Pi Console per user and settings. The profiles are written whole from memory, so two
// processes on the same settings file would undo each other's changes: the first pi-console
// takes a lock file and listens on a local socket, both named after the user and the
// settings and data folders (another XDG_CONFIG_HOME or XDG_DATA_HOME is another instance);
// a second launch hands its --base-url over through the socket and exits.
class SingleInstance final : public QObject
{
    Q_OBJECT

public:
    enum class Role
    {
        First,      // this process holds the lock (and listens if it could): run
        HandedOver, // another one holds it and took the request: print message, exit 0
        Failed,     // another one holds it and did not answer, or no lock: message, exit 1
    };
    struct Claim
    {
        Role role = Role::Failed;
        QString message; // one line: for stdout when HandedOver, for stderr when Failed
    };

    // Names the lock and the socket from QStandardPaths: QCoreApplication::applicationName()
    // must be set.
    explicit SingleInstance(QObject *parent = nullptr);
    ~SingleInstance() override;

    // Takes the lock (a lock left by a process that is gone is taken over) and listens; or,
    // if a live process holds it, hands baseUrl (may be empty) to it. Blocks for a few seconds
    // at most.
    Claim claim(const QUrl &baseUrl);

    QString lockPath() const { return m_lockPath; }
    QString serverName() const { return m_serverName; }

Q_SIGNALS:
    // A second launch asked for this window; baseUrl is its --base-url, empty when none.
    void activationRequested(const QUrl &baseUrl);

private:
    enum class HandOver
    {
        Done,
        NoAnswer,   // nobody listens (yet): try the lock again
        NoResponse, // connected, but no reply in time
    };
    HandOver handOver(const QUrl &baseUrl, QString *reply, QString *error);
    void listen();
    void serve(QLocalSocket *socket);

    QString m_lockPath;
    QString m_serverName;
    QLockFile m_lock;
    std::unique_ptr<QLocalServer> m_server;
};
