#pragma once

#include <QDir>
#include <QFileInfo>
#include <QString>
#include <QTest>

// The tests that touch the keychain run only inside tests/private-session.sh (what `make test`
// and CI use): a throwaway HOME, D-Bus session and unlocked keyring, announced by
// PI_PRIVATE_ROOT. Run by hand outside it, they would write into the developer's own keyring,
// so they fail at once instead, saying how to run them.
namespace PrivateSession {

// Empty inside the private session; otherwise what is wrong and how to run the test.
inline QString problem()
{
    const QString how = QStringLiteral(
        "this test uses the keychain and runs only in the private test session: use `make "
        "test`, or tests/private-session.sh ctest --test-dir build -R <test> "
        "--output-on-failure");
    const QString root = qEnvironmentVariable("PI_PRIVATE_ROOT");
    if (root.isEmpty())
        return QStringLiteral("PI_PRIVATE_ROOT is not set: ") + how;
    const QString canonicalRoot = QFileInfo(root).canonicalFilePath();
    if (canonicalRoot.isEmpty() || !QFileInfo(canonicalRoot).isDir())
        return QStringLiteral("PI_PRIVATE_ROOT (%1) is not a folder: ").arg(root) + how;
    const QString home = QFileInfo(QDir::homePath()).canonicalFilePath();
    if (!home.startsWith(canonicalRoot + QLatin1Char('/')))
        return QStringLiteral("HOME (%1) is not inside PI_PRIVATE_ROOT (%2): ")
                   .arg(QDir::homePath(), root) +
               how;
    return {};
}

// For initTestCase: outside the private session, fails there (so no test function runs) and
// returns false. Use as: if (!PrivateSession::require()) return;
inline bool require()
{
    const QString why = problem();
    if (why.isEmpty())
        return true;
    QTest::qFail(qPrintable(why), __FILE__, __LINE__);
    return false;
}

} // namespace PrivateSession
