#pragma once

#include <QDBusInterface>
#include <QDBusObjectPath>
#include <QProcess>
#include <QString>

// The private session's gnome-keyring, driven as a person would: locked over D-Bus, restarted
// and unlocked with the throwaway password, and read from a new process. For the tests that
// run in a keyring of their own (OWN_SESSION in tests/CMakeLists.txt).
namespace TestKeyring {

inline bool lockLogin()
{
    QDBusInterface service(QStringLiteral("org.freedesktop.secrets"),
                           QStringLiteral("/org/freedesktop/secrets"),
                           QStringLiteral("org.freedesktop.Secret.Service"));
    const QList<QDBusObjectPath> objects{
        QDBusObjectPath(QStringLiteral("/org/freedesktop/secrets/collection/login"))};
    const QDBusMessage reply = service.call(QStringLiteral("Lock"), QVariant::fromValue(objects));
    return reply.type() == QDBusMessage::ReplyMessage;
}

// A new daemon reads the keyring file from disk and unlocks it with the password: what it
// shows is what was really stored.
inline bool restartAndUnlock()
{
    QProcess daemon;
    daemon.start(QStringLiteral("gnome-keyring-daemon"),
                 {QStringLiteral("--replace"), QStringLiteral("--unlock"),
                  QStringLiteral("--components=secrets")});
    daemon.write("throwaway-test-password");
    daemon.closeWriteChannel();
    return daemon.waitForFinished(20000) && daemon.exitCode() == 0;
}

// Read in a new process: what the keychain really holds, whatever this process's session.
inline QString lookUpInNewProcess(const QString &service, const QString &profile)
{
    QProcess lookup;
    lookup.start(QStringLiteral("secret-tool"), {QStringLiteral("lookup"), QStringLiteral("server"),
                                                 service, QStringLiteral("user"), profile});
    lookup.waitForFinished(20000);
    return QString::fromUtf8(lookup.readAllStandardOutput());
}

} // namespace TestKeyring
