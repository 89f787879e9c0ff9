// pi-sandbox's rate windows: a count down to zero then refusals, windows following from their
// origin, one window per key, the next one fresh.
#include "sandbox/api/ratewindow.h"

#include <QTest>

class TestRateWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsDownToZeroThenRefuses()
    {
        RateWindow window(3, 60);
        const qint64 t0 = 1'800'000'010'000; // 10 s into a window that starts at ...000 s
        QCOMPARE(window.take(QStringLiteral("k"), t0).remaining, 2);
        QCOMPARE(window.take(QStringLiteral("k"), t0).remaining, 1);
        const RateWindow::Decision last = window.take(QStringLiteral("k"), t0);
        QVERIFY(last.allowed);
        QCOMPARE(last.remaining, 0);
        const RateWindow::Decision refused = window.take(QStringLiteral("k"), t0 + 500);
        QVERIFY(!refused.allowed);
        QCOMPARE(refused.remaining, 0);
        QCOMPARE(refused.resetUnix, 1'800'000'060LL); // windows align on multiples of 60 s
        QCOMPARE(refused.retryAfterSecs, 50LL);       // 49.5 s, rounded up
    }

    void windowsFollowFromTheirOrigin()
    {
        // Origin 1,800,000,007 s: windows are [..007, ..067), [..067, ..127)…, also before it.
        RateWindow window(1, 60, 1'800'000'007);
        QCOMPARE(window.take(QStringLiteral("k"), 1'800'000'010'000).resetUnix, 1'800'000'067LL);
        QCOMPARE(window.take(QStringLiteral("k"), 1'800'000'066'999).resetUnix, 1'800'000'067LL);
        QVERIFY(window.take(QStringLiteral("k"), 1'800'000'067'000).allowed);
        QCOMPARE(window.windowStartUnix(1'800'000'000'000), 1'799'999'947LL);
    }

    void keysHaveTheirOwnWindows()
    {
        RateWindow window(1, 60);
        const qint64 t0 = 1'800'000'010'000;
        QVERIFY(window.take(QStringLiteral("a"), t0).allowed);
        QVERIFY(!window.take(QStringLiteral("a"), t0).allowed);
        QVERIFY(window.take(QStringLiteral("b"), t0).allowed);
    }

    void nextWindowStartsAfresh()
    {
        RateWindow window(1, 60);
        const qint64 t0 = 1'800'000'010'000;
        QVERIFY(window.take(QStringLiteral("k"), t0).allowed);
        QVERIFY(!window.take(QStringLiteral("k"), t0).allowed);
        QCOMPARE(window.used(QStringLiteral("k"), t0), 1);
        const RateWindow::Decision next = window.take(QStringLiteral("k"), t0 + 50'000);
        QVERIFY(next.allowed);
        QCOMPARE(next.resetUnix, 1'800'000'120LL);
    }
};

QTEST_GUILESS_MAIN(TestRateWindow)
#include "tst_ratewindow.moc"
