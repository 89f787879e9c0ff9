// Timing phases for new, reused, TLS and failed connections.
#include "core/net/calltiming.h"

#include <QTest>

// Where a call's time went, from the marks PendingCall records.
class TestCallTiming : public QObject
{
    Q_OBJECT

private:
    static QStringList names(const CallTiming &t)
    {
        QStringList out;
        for (const CallTiming::Phase &p : t.phases())
            out.append(p.name + QLatin1Char('=') + QString::number(p.durationMs));
        return out;
    }

private Q_SLOTS:
    void aNewConnectionPost()
    {
        const CallTiming t{2, -1, 5, 9, 1209, 1215};
        QCOMPARE(names(t), QStringList({QStringLiteral("queued=2"), QStringLiteral("connecting=3"),
                                        QStringLiteral("sending=4"),
                                        QStringLiteral("waiting for first byte=1200"),
                                        QStringLiteral("downloading=6")}));
        QVERIFY(t.describe().contains(QLatin1String("waiting for first byte 1200 ms")));
        QVERIFY(t.describe().endsWith(QLatin1String("new connection")));
    }

    void aReusedConnectionGet()
    {
        const CallTiming t{-1, -1, -1, 1, 40, 41};
        QCOMPARE(names(t), QStringList({QStringLiteral("queued=1"),
                                        QStringLiteral("waiting for first byte=39"),
                                        QStringLiteral("downloading=1")}));
        QVERIFY(t.describe().endsWith(QLatin1String("connection reused")));
    }

    void tlsIsPartOfConnecting()
    {
        const CallTiming t{1, 30, -1, 31, 60, 61};
        QCOMPARE(names(t).first(2), QStringList({QStringLiteral("queued=1"),
                                                 QStringLiteral("connecting and TLS=29")}));
    }

    void anAnswerBeforeTheBodyWasSentEndsTheSending()
    {
        // A 401 on the headers: the first byte came before requestSent.
        const CallTiming t{0, -1, 1, 50, 20, 21};
        qint64 sum = 0;
        for (const CallTiming::Phase &p : t.phases()) {
            QVERIFY(p.durationMs >= 0);
            sum += p.durationMs;
        }
        QCOMPARE(sum, 21);
    }

    void aCallThatNeverConnectedWasConnectingUntilItEnded()
    {
        const CallTiming t{0, -1, -1, -1, -1, 3000};
        QCOMPARE(names(t),
                 QStringList({QStringLiteral("queued=0"), QStringLiteral("connecting=3000")}));
    }

    void aRefusedCallHasNoPhases()
    {
        const CallTiming t{-1, -1, -1, -1, -1, 0};
        QVERIFY(t.phases().isEmpty());
        QCOMPARE(t.describe(), QStringLiteral("not sent"));
    }
};

QTEST_GUILESS_MAIN(TestCallTiming)
#include "tst_calltiming.moc"
