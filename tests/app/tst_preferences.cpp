// Edit > Preferences... shows the history's size, compacts it, and sets retention, body cap and
// timeout, kept in the settings and in force at once.
#include "app/history/historypanel.h"
#include "app/preferences/preferencesdialog.h"
#include "core/history/historymodel.h"
#include "support/guidriver.h"
#include "support/privatesession.h"

#include <QLabel>
#include <QMenuBar>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

// Edit → Preferences… as a person uses it: retention and timeout set, applied at once, kept.
class TestPreferences : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!PrivateSession::require())
            return;
    }

    void handEditedValuesFallBackToTheDefaults()
    {
        QTemporaryDir dir;
        QSettings s(dir.filePath(QStringLiteral("p.conf")), QSettings::IniFormat);
        s.setValue(QStringLiteral("history/maxCalls"), QStringLiteral("50 000"));
        s.setValue(QStringLiteral("history/maxBytes"), QStringLiteral("500MB"));
        s.setValue(QStringLiteral("history/responseBodyCapBytes"), -5);
        s.setValue(QStringLiteral("network/timeoutSeconds"), QStringLiteral("30s"));
        s.setValue(QStringLiteral("history/maxAgeDays"), 7);
        const Preferences p = Preferences::load(s);
        const Preferences defaults;
        QCOMPARE(p.maxCalls, defaults.maxCalls); // never silently "no limit"
        QCOMPARE(p.maxBytes, defaults.maxBytes);
        QCOMPARE(p.responseBodyCap, defaults.responseBodyCap);
        QCOMPARE(p.timeoutSecs, defaults.timeoutSecs);
        QCOMPARE(p.maxAgeDays, 7);
    }

    void aBudgetUnderOneMegabyteIsNotShownAsNoLimit()
    {
        GuiDriver gui;
        QVERIFY(gui.start());
        Preferences small;
        small.maxBytes = 512 * 1024;
        PreferencesDialog dialog(small, gui.services()->history());
        QCOMPARE(dialog.findChild<QSpinBox *>(QStringLiteral("maxBytesSpin"))->value(), 1);
        QCOMPARE(dialog.preferences().maxBytes, 512 * 1024); // unchanged, kept as it was
    }

    void preferencesAreShownSetAndAppliedAtOnce()
    {
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        gui.compose("GET", QStringLiteral("/v1/ping"));
        for (int i = 0; i < 6; ++i)
            QVERIFY(gui.sendAndWait());
        QVERIFY(gui.services()->history()->flush(5000));

        auto *action = gui.window()->findChild<QAction *>(QStringLiteral("preferencesAction"));
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));
        QCOMPARE(action->text(), QStringLiteral("&Preferences…"));

        bool shown = false;
        QString sizeText;
        bool compacted = false;
        GuiDriver::onNextModal<PreferencesDialog>(
            [&](PreferencesDialog *dialog) {
                sizeText = dialog->findChild<QLabel *>(QStringLiteral("sizeLabel"))->text();
                QCOMPARE(dialog->findChild<QSpinBox *>(QStringLiteral("maxBytesSpin"))->value(),
                         1024); // 1 GB by default
                QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("compactButton")),
                                  Qt::LeftButton);
                compacted = QTest::qWaitFor(
                    [dialog] {
                        return dialog->findChild<QPushButton *>(QStringLiteral("compactButton"))
                            ->isEnabled();
                    },
                    20000);
                dialog->findChild<QSpinBox *>(QStringLiteral("maxCallsSpin"))->setValue(3);
                dialog->findChild<QSpinBox *>(QStringLiteral("timeoutSpin"))->setValue(7);
                dialog->findChild<QSpinBox *>(QStringLiteral("bodyCapSpin"))->setValue(2);
                dialog->accept();
            },
            &shown);
        action->trigger();
        QVERIFY(shown);
        QVERIFY2(sizeText.startsWith(QLatin1String("On disk now: ")), qPrintable(sizeText));
        QVERIFY(compacted);

        // Kept in the settings, and in force now: the timeout of the next call, the retention.
        const QSettings &s = gui.services()->settings();
        QCOMPARE(s.value(QStringLiteral("history/maxCalls")).toLongLong(), 3);
        QCOMPARE(s.value(QStringLiteral("network/timeoutSeconds")).toInt(), 7);
        QCOMPARE(s.value(QStringLiteral("history/responseBodyCapBytes")).toLongLong(), 2048);
        QCOMPARE(gui.services()->client()->limits().timeoutMs, 7000);
        QVERIFY(gui.services()->history()->flush(5000));
        const HistoryQuery &query =
            gui.find<HistoryPanel>(QStringLiteral("historyPanel"))->model()->query();
        const qint64 all = query.page({}, 0, 100000).size();
        const qint64 pinned =
            query.page(HistoryFilter::fromSearchText(QStringLiteral("pinned:")), 0, 100000).size();
        QCOMPARE(all - pinned, 3);
    }
};

QTEST_MAIN(TestPreferences)
#include "tst_preferences.moc"
