// A whole session (canary-session) with a unique key, also the password of a proxy it goes
// through once: calls that succeed and fail, refused calls
// with the key in the query, a header and the body, a server echoing it, a retry, every copy
// action, HAR and JSON lines exports, debug logging of every category, then SIGKILL with writes
// queued; every file under the private home, XDG and temp folders (the history with its -wal and
// -shm) and all it printed hold neither the key nor its base64 or percent-encoding.
#include "core/secrets/secretpattern.h"
#include "support/privatesession.h"

#include <QDirIterator>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

// A whole session with a canary key (canary-session), killed at the end with writes queued:
// then every file under the private home, XDG folders and temp folder, the history with its
// -wal and -shm, the exports, and all the session printed with every log category on are
// searched for the key, as written and in base64 and percent-encoding. Zero hits.
class TestCanary : public QObject
{
    Q_OBJECT

private:
    QByteArray m_key;

    QStringList holdersIn(const QStringList &roots, const SecretPattern &pattern) const
    {
        const QByteArray base64 = m_key.toBase64();
        const QByteArray percent = m_key.toPercentEncoding({}, "_");
        QStringList hits;
        for (const QString &root : roots) {
            QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                if (path.contains(QLatin1String("/keyrings/")))
                    continue; // the Secret Service's own encrypted store: where the key belongs
                QFile f(path);
                if (!f.open(QIODevice::ReadOnly))
                    continue;
                const QByteArray bytes = f.readAll();
                if (pattern.occursIn(bytes) || bytes.contains(base64) || bytes.contains(percent))
                    hits.append(path);
            }
        }
        return hits;
    }

    static QStringList privateRoots()
    {
        QStringList roots;
        for (const char *name : {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                                 "XDG_STATE_HOME", "XDG_RUNTIME_DIR"}) {
            const QString dir = qEnvironmentVariable(name);
            if (!dir.isEmpty() && QFileInfo(dir).isDir() && !roots.contains(dir))
                roots.append(dir);
        }
        return roots;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Refuses to run outside the private session: it writes a key into the keychain.
        if (!PrivateSession::require())
            return;
        QByteArray random;
        for (int i = 0; i < 24; ++i)
            random += "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                [QRandomGenerator::global()->bounded(62)];
        m_key = "pi_canary_" + random;
    }

    void theKeyIsFoundNowhere()
    {
        QTemporaryDir temp(qEnvironmentVariable("PI_PRIVATE_ROOT") + QStringLiteral("/tmp-XXXXXX"));
        QVERIFY(temp.isValid());
        const QString exports = temp.filePath(QStringLiteral("exports"));
        QVERIFY(QDir().mkpath(exports));

        QProcess session;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
        env.insert(QStringLiteral("TMPDIR"), temp.path());
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        session.setProcessEnvironment(env);
        session.setProcessChannelMode(QProcess::MergedChannels);
        session.start(QStringLiteral(PI_CANARY_SESSION_PATH),
                      {QString::fromLatin1(m_key), exports});
        QByteArray printed;
        QDeadlineTimer deadline(180000);
        while (!printed.contains("CANARY-KILL") && session.state() != QProcess::NotRunning &&
               !deadline.hasExpired()) {
            session.waitForReadyRead(1000);
            printed += session.readAll();
        }
        QVERIFY2(printed.contains("CANARY-KILL"), printed.right(3000).constData());
        session.kill(); // SIGKILL, with history writes still queued
        QVERIFY(session.waitForFinished(10000));
        printed += session.readAll();

        // It went everywhere it was meant to.
        QVERIFY2(printed.contains("calls 12"), printed.right(2000).constData());
        QVERIFY(printed.contains("proxy asked 1")); // the canary was the proxy's password
        QVERIFY(printed.contains("pi.core.net"));   // debug logging was on
        QVERIFY(printed.contains("[redacted]"));    // and saw text that held the key
        QVERIFY(printed.contains("clipboard(comparison): Pi Console: call comparison"));
        QVERIFY(QFileInfo(exports + QStringLiteral("/calls.har")).size() > 1000);
        QVERIFY(QFileInfo(exports + QStringLiteral("/calls.jsonl")).size() > 1000);
        const QString history =
            qEnvironmentVariable("XDG_DATA_HOME") + QStringLiteral("/pi-console/history.sqlite");
        QVERIFY2(QFileInfo(history).size() > 0, qPrintable(history));

        const SecretPattern pattern(m_key);
        const SecretPattern::Match inOutput = pattern.find(printed);
        QVERIFY2(!inOutput.found(),
                 printed.mid(std::max<qsizetype>(0, inOutput.at - 300), 600).constData());
        QStringList roots = privateRoots();
        roots.append(temp.path());
        const QStringList hits = holdersIn(roots, pattern);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char(' '))));

        // The search can fail: a planted base64 of "key:" is found.
        QFile planted(temp.filePath(QStringLiteral("planted")));
        QVERIFY(planted.open(QIODevice::WriteOnly));
        planted.write("Authorization: Basic " + QByteArray(m_key + ':').toBase64());
        planted.close();
        QCOMPARE(holdersIn({temp.path()}, pattern), QStringList{planted.fileName()});
    }
};

QTEST_GUILESS_MAIN(TestCanary)
#include "tst_canary.moc"
