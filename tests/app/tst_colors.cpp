// Every colour the window draws with is readable (3:1) on light and dark palettes.
#include "app/common/colors.h"

#include <QTest>

#include <cmath>

// Each colour the window draws outside the palette's roles reads on the palette it is drawn
// on, light or dark: a WCAG contrast of at least 3:1 against the base colour.
class TestColors final : public QObject
{
    Q_OBJECT

    static double luminance(const QColor &c)
    {
        const auto channel = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) +
               0.0722 * channel(c.blueF());
    }

    static double contrast(const QColor &a, const QColor &b)
    {
        const double la = luminance(a);
        const double lb = luminance(b);
        return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
    }

    static QPalette withBase(const QColor &base)
    {
        QPalette palette;
        palette.setColor(QPalette::Base, base);
        palette.setColor(QPalette::Window, base);
        return palette;
    }

private Q_SLOTS:
    void everyRoleReadsOnLightAndDark_data()
    {
        QTest::addColumn<QColor>("base");
        QTest::newRow("white") << QColor(Qt::white);
        QTest::newRow("light grey") << QColor(0xef, 0xef, 0xef);
        QTest::newRow("dark grey") << QColor(0x2b, 0x2d, 0x31);
        QTest::newRow("black") << QColor(Qt::black);
    }

    void everyRoleReadsOnLightAndDark()
    {
        QFETCH(QColor, base);
        const QPalette palette = withBase(base);
        using Colors::Role;
        for (const Role role :
             {Role::Error, Role::Success, Role::Warning, Role::Caution, Role::JsonKey,
              Role::JsonString, Role::JsonNumber, Role::JsonLiteral}) {
            const double ratio = contrast(Colors::of(role, palette), base);
            QVERIFY2(ratio >= 3.0, qPrintable(QStringLiteral("role %1 on %2: %3:1")
                                                  .arg(int(role))
                                                  .arg(base.name())
                                                  .arg(ratio, 0, 'f', 2)));
        }
    }

    void theShadeFollowsThePalette()
    {
        const QColor onLight = Colors::of(Colors::Role::Error, withBase(Qt::white));
        const QColor onDark = Colors::of(Colors::Role::Error, withBase(Qt::black));
        QVERIFY(onLight != onDark);
        QVERIFY(onDark.lightness() > onLight.lightness());
    }
};

QTEST_MAIN(TestColors)
#include "tst_colors.moc"
