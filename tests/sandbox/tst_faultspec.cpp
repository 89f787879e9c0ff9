// pi-sandbox's faults: every one parsed, an unknown one refused, padding generated piece by piece,
// the header winning over the flag.
#include "sandbox/api/faultspec.h"
#include "sandbox/api/sandboxreply.h"

#include <QJsonDocument>
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

    void paddingIsGeneratedPieceByPiece_data()
    {
        QTest::addColumn<qint64>("size");
        QTest::addColumn<qint64>("piece");
        QTest::newRow("below the frame") << qint64(2) << qint64(1);
        QTest::newRow("frame minus one") << qint64(29) << qint64(4);
        QTest::newRow("exactly the frame") << qint64(30) << qint64(7);
        QTest::newRow("one over") << qint64(31) << qint64(30);
        QTest::newRow("a megabyte in odd pieces") << qint64(1024 * 1024 + 3) << qint64(65521);
    }

    void paddingIsGeneratedPieceByPiece()
    {
        QFETCH(qint64, size);
        QFETCH(qint64, piece);
        QByteArray whole;
        for (qint64 at = 0; at < size; at += piece)
            whole += SandboxReply::paddingBytes(size, at, piece);
        QCOMPARE(whole.size(), size);
        QCOMPARE(SandboxReply::paddingBytes(size, 0, size), whole);
        if (size < 30) { // below the frame: spaces and a bare 0, as ever
            QCOMPARE(whole, QByteArray(qsizetype(size - 1), ' ') + '0');
        } else {
            QJsonParseError error{};
            QJsonDocument::fromJson(whole, &error);
            QCOMPARE(error.error, QJsonParseError::NoError);
            QVERIFY(whole.startsWith("{\"object\":\"padding\",\"data\":\""));
        }
        QVERIFY(SandboxReply::paddingBytes(size, size, 10).isEmpty());
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
