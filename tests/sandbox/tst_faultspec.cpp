#include "faultspec.h"

#include <QTest>

class TestFaultSpec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesEveryFault()
    {
        FaultSpec spec;
        QString error;
        QVERIFY(FaultSpec::parse(
            QStringLiteral("latency=250, status=503,html,drop,size=1024,bad-ratelimit"), &spec,
            &error));
        QCOMPARE(spec.latencyMs, 250);
        QCOMPARE(spec.status, 503);
        QVERIFY(spec.htmlPage);
        QVERIFY(spec.dropMidBody);
        QCOMPARE(spec.bodySize, 1024);
        QVERIFY(spec.badRateLimitHeaders);
    }

    void refusesWhatItDoesNotKnow_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("unknown") << QStringLiteral("explode");
        QTest::newRow("status not 5xx") << QStringLiteral("status=404");
        QTest::newRow("size too big") << QStringLiteral("size=104857601");
        QTest::newRow("latency not a number") << QStringLiteral("latency=soon");
        QTest::newRow("value on a flag") << QStringLiteral("drop=1");
    }

    void refusesWhatItDoesNotKnow()
    {
        QFETCH(QString, text);
        FaultSpec spec;
        spec.status = 500;
        QString error;
        QVERIFY(!FaultSpec::parse(text, &spec, &error));
        QVERIFY(error.contains(QLatin1String("unknown or out-of-range")));
        QCOMPARE(spec.status, 500); // untouched on failure
    }

    void headerWinsOverFlag()
    {
        FaultSpec fromFlag;
        fromFlag.latencyMs = 100;
        fromFlag.status = 500;
        FaultSpec fromHeader;
        fromHeader.status = 503;
        fromFlag.mergeFrom(fromHeader);
        QCOMPARE(fromFlag.status, 503);
        QCOMPARE(fromFlag.latencyMs, 100);
    }
};

QTEST_GUILESS_MAIN(TestFaultSpec)
#include "tst_faultspec.moc"
