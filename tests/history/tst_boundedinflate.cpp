// The history's inflate trusts nothing it reads: a stream comes out whole up to the limit and
// no further, whatever length it declares, and a cut, damaged or empty one says so.
#include "core/history/boundedinflate.h"

#include <QRandomGenerator>
#include <QTest>

class TestBoundedInflate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aStreamComesBackWhole()
    {
        QByteArray body(200'000, Qt::Uninitialized);
        QRandomGenerator random(7);
        for (char &c : body)
            c = char('a' + random.bounded(4));
        const BoundedInflate::Result r = BoundedInflate::inflate(qCompress(body), 1 << 20);
        QVERIFY(r.ok);
        QVERIFY(!r.cut);
        QCOMPARE(r.bytes, body);
    }

    void exactlyTheLimitIsNotACut()
    {
        const QByteArray body(4096, 'x');
        const BoundedInflate::Result r = BoundedInflate::inflate(qCompress(body), body.size());
        QVERIFY(r.ok);
        QVERIFY(!r.cut);
        QCOMPARE(r.bytes, body);
    }

    void pastTheLimitOnlyTheStartComesOut_data()
    {
        QTest::addColumn<quint32>("declared");
        QTest::addRow("declared truly") << quint32(10'000'000);
        QTest::addRow("declared small") << quint32(16);
        QTest::addRow("declared huge") << quint32(0xffffffff);
    }

    void pastTheLimitOnlyTheStartComesOut()
    {
        QFETCH(quint32, declared);
        QByteArray packed = qCompress(QByteArray(10'000'000, 'z'), 9);
        packed[0] = char(declared >> 24);
        packed[1] = char(declared >> 16);
        packed[2] = char(declared >> 8);
        packed[3] = char(declared);
        const BoundedInflate::Result r = BoundedInflate::inflate(packed, 100'000);
        QVERIFY(r.ok);
        QVERIFY(r.cut);
        QCOMPARE(r.bytes, QByteArray(100'000, 'z'));
    }

    void damagedCutOrEmptyStreamsAreNotOk_data()
    {
        QTest::addColumn<QByteArray>("packed");
        const QByteArray whole = qCompress(QByteArray(50'000, 'q'));
        QTest::addRow("empty") << QByteArray();
        QTest::addRow("a length alone") << QByteArray("\0\0\0\x10", 4);
        QTest::addRow("garbage") << QByteArray("\0\0\0\x10"
                                               "deadbeef",
                                               12);
        QTest::addRow("cut short") << whole.left(whole.size() / 2);
    }

    void damagedCutOrEmptyStreamsAreNotOk()
    {
        QFETCH(QByteArray, packed);
        const BoundedInflate::Result r = BoundedInflate::inflate(packed, 1 << 20);
        QVERIFY(!r.ok);
        QVERIFY(r.bytes.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBoundedInflate)
#include "tst_boundedinflate.moc"
