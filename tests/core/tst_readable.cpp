// Sizes and Unix times as the window writes them: one unit system (powers of 1,024 with the
// names "kB", "MB", "GB", as the Preferences fields), and a date beside every Unix time.
#include "app/common/translations.h"
#include "core/base/readable.h"

#include <QTest>

class TestReadable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { Translations::install(QCoreApplication::instance()); }

    void sizesUseOneUnitSystem()
    {
        QCOMPARE(Readable::size(512), QStringLiteral("512 bytes"));
        QCOMPARE(Readable::size(1), QStringLiteral("1 byte"));
        QCOMPARE(Readable::size(48 * 1024), QStringLiteral("48.0 kB"));
        QCOMPARE(Readable::size(3 * 1024 * 1024 + 200 * 1024), QStringLiteral("3.2 MB"));
        QVERIFY(!Readable::size(5LL << 30).contains(QLatin1String("iB")));
    }

    void unixTimesGetADate()
    {
        QCOMPARE(Readable::unixTime(1765138500), QStringLiteral("2025-12-07 20:15:00 UTC"));
        // A count of seconds (Retry-After style) or garbage is not a time.
        QVERIFY(Readable::unixTime(60).isEmpty());
        QVERIFY(Readable::unixTime(-1).isEmpty());
        QVERIFY(Readable::unixTime(std::numeric_limits<qint64>::max()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestReadable)
#include "tst_readable.moc"
