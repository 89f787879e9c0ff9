// Who is at the other end of a local socket, and whose a folder is: a peer of this user is
// spoken to and one of another user is not (SO_PEERCRED); a folder is private only when it is
// this user's, not a link, and closed to everyone else.
#include "common/platform/sockets.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

class TestLocalPeers : public QObject
{
    Q_OBJECT

private:
    // A listening Unix socket at path; -1 on failure.
    static int listenAt(const QByteArray &path)
    {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strncpy(address.sun_path, path.constData(), sizeof address.sun_path - 1);
        if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
            ::listen(fd, 1) != 0)
            return -1;
        return fd;
    }

    // Connects to path from a child process running as uid; returns the accepted descriptor.
    static int acceptFrom(int listener, const QByteArray &path, uid_t uid, pid_t *child)
    {
        *child = ::fork();
        if (*child == 0) {
            if (uid != ::getuid() && (::setgid(uid) != 0 || ::setuid(uid) != 0))
                ::_exit(2);
            const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
            sockaddr_un address{};
            address.sun_family = AF_UNIX;
            std::strncpy(address.sun_path, path.constData(), sizeof address.sun_path - 1);
            if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
                ::_exit(3);
            char byte = 0;
            const ssize_t got = ::read(fd, &byte, 1); // until the parent is done
            ::_exit(got < 0 ? 4 : 0);
        }
        return ::accept(listener, nullptr, nullptr);
    }

private Q_SLOTS:
    void aPeerOfThisUserIsSpokenToAndAnotherIsNot()
    {
        QTemporaryDir dir;
        QVERIFY(QFile::setPermissions(dir.path(), QFileDevice::Permissions(0x7777)));
        const QByteArray path = QFile::encodeName(dir.filePath(QStringLiteral("s")));
        const int listener = listenAt(path);
        QVERIFY(listener >= 0);
        QVERIFY(QFile::setPermissions(QFile::decodeName(path), QFileDevice::Permissions(0x7777)));

        pid_t child = 0;
        int peer = acceptFrom(listener, path, ::getuid(), &child);
        QVERIFY(peer >= 0);
        QVERIFY(Platform::peerIsThisUser(peer));
        ::close(peer);
        ::waitpid(child, nullptr, 0);

        if (::getuid() != 0) {
            ::close(listener);
            QSKIP("only root can start a process of another user here");
        }
        peer = acceptFrom(listener, path, 65534, &child); // nobody
        QVERIFY(peer >= 0);
        QVERIFY(!Platform::peerIsThisUser(peer));
        ::close(peer);
        int status = 0;
        ::waitpid(child, &status, 0);
        QCOMPARE(WEXITSTATUS(status), 0);
        ::close(listener);
    }

    void aPrivateFolderIsThisUsersAlone()
    {
        QTemporaryDir dir;
        const QString made = dir.filePath(QStringLiteral("made"));
        QVERIFY(Platform::privateFolder(made)); // made 0700
        QVERIFY(Platform::privateFolder(made)); // and found so
        const QString open = dir.filePath(QStringLiteral("open"));
        QVERIFY(QDir().mkpath(open));
        QVERIFY(QFile::setPermissions(open, QFileDevice::Permissions(0x7777)));
        QVERIFY(!Platform::privateFolder(open));
        const QString link = dir.filePath(QStringLiteral("link"));
        QVERIFY(QFile::link(made, link));
        QVERIFY(!Platform::privateFolder(link));
        const QString file = dir.filePath(QStringLiteral("file"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QVERIFY(!Platform::privateFolder(file));
    }
};

QTEST_GUILESS_MAIN(TestLocalPeers)
#include "tst_localpeers.moc"
