// The composer fills from a pasted curl command or a recorded call without changing what will
// be sent: any method the client can send is shown as it is (HEAD, OPTIONS, any token) and one
// that is no token is refused; the body's bytes stay exactly as recorded until a person edits
// them; a request without an idempotency key does not keep a key typed for another.
#include "app/common/translations.h"
#include "app/request/requestpanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTabWidget>
#include <QTest>

class TestRequestPanel : public QObject
{
    Q_OBJECT

private:
    template <typename T>
    static T *child(RequestPanel &panel, const char *name)
    {
        return panel.findChild<T *>(QLatin1String(name));
    }

private Q_SLOTS:
    void everyMethodTheClientSendsIsShown_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QByteArray>("method");
        QTest::addRow("-I") << QStringLiteral("curl -I https://h.example/v1/ping")
                            << QByteArray("HEAD");
        QTest::addRow("OPTIONS") << QStringLiteral("curl -X OPTIONS https://h.example/v1/ping")
                                 << QByteArray("OPTIONS");
        QTest::addRow("a token") << QStringLiteral("curl -X PURGE https://h.example/v1/ping")
                                 << QByteArray("PURGE");
    }

    void everyMethodTheClientSendsIsShown()
    {
        QFETCH(QString, command);
        QFETCH(QByteArray, method);
        RequestPanel panel;
        child<QComboBox>(panel, "methodCombo")->setCurrentText(QStringLiteral("DELETE"));
        QCOMPARE(panel.request().method, QByteArray("DELETE"));
        panel.pasteCurl(command);
        QCOMPARE(panel.request().method, method);
        QCOMPARE(child<QComboBox>(panel, "methodCombo")->currentText(),
                 QString::fromLatin1(method));
    }

    void aMethodThatIsNoTokenIsRefusedWholly()
    {
        RequestPanel panel;
        child<QComboBox>(panel, "methodCombo")->setCurrentText(QStringLiteral("DELETE"));
        ApiRequest r;
        r.method = "GE T";
        r.path = QStringLiteral("/v1/other");
        const QString refused = panel.setRequest(r);
        QVERIFY2(refused.contains(QLatin1String("GE T")), qPrintable(refused));
        QCOMPARE(panel.request().method, QByteArray("DELETE"));
        QVERIFY(panel.request().path != r.path);
    }

    void aRecordedBodyIsSentByteForByte_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addRow("no-break space") << QByteArray("{\"note\": \"a\xc2\xa0"
                                                      "b\"}");
        QTest::addRow("line separator") << QByteArray("{\"note\": \"a\xe2\x80\xa8"
                                                      "b\"}");
        QTest::addRow("lone CR") << QByteArray("{\"a\": 1,\r\"b\": 2}");
        QTest::addRow("CRLF") << QByteArray("{\"a\": 1,\r\n\"b\": 2}\r\n");
        QTest::addRow("not UTF-8") << QByteArray("{\"note\": \"\xff\xfe\"}");
    }

    void aRecordedBodyIsSentByteForByte()
    {
        QFETCH(QByteArray, body);
        RequestPanel panel;
        ApiRequest r;
        r.method = "POST";
        r.path = QStringLiteral("/v1/charges");
        r.body = body;
        QCOMPARE(panel.setRequest(r), QString());
        QCOMPARE(panel.request().body, body);
        // A person's edit is an edit: from then on the text as it stands is sent.
        auto *editor = child<QPlainTextEdit>(panel, "bodyEdit");
        editor->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor, QStringLiteral(" "));
        QCOMPARE(panel.request().body, editor->toPlainText().toUtf8());
        QVERIFY(panel.request().body != body);
    }

    void aRequestWithoutKeyDropsAKeyTypedForAnother()
    {
        RequestPanel panel;
        child<QComboBox>(panel, "methodCombo")->setCurrentText(QStringLiteral("POST"));
        child<QComboBox>(panel, "idempotencyModeCombo")->setCurrentIndex(2); // by hand
        child<QLineEdit>(panel, "idempotencyKeyEdit")->setText(QStringLiteral("typed-by-hand"));
        QCOMPARE(panel.request().idempotencyKey, QByteArray("typed-by-hand"));
        panel.pasteCurl(QStringLiteral("curl https://h.example/v1/charges -d '{\"amount\": 1}'"));
        QCOMPARE(panel.request().method, QByteArray("POST"));
        QCOMPARE(panel.request().idempotencyMode, IdempotencyMode::RandomUuid);
        QVERIFY(!panel.request().idempotencyKey.isEmpty());
        QVERIFY(panel.request().idempotencyKey != "typed-by-hand");
        // A command that carries its key keeps it.
        panel.pasteCurl(QStringLiteral("curl https://h.example/v1/charges -H 'Idempotency-Key: "
                                       "k-1' -d '{}'"));
        QCOMPARE(panel.request().idempotencyKey, QByteArray("k-1"));
    }

    // A GET went out with the JSON body left from a POST. A method that takes no body sends
    // none; the text is kept and said not to be sent; DELETE sends one only when chosen; the
    // charge example is a placeholder only where a body is expected.
    void aMethodWithoutBodySendsNone()
    {
        RequestPanel panel;
        auto *method = child<QComboBox>(panel, "methodCombo");
        auto *editor = child<QPlainTextEdit>(panel, "bodyEdit");
        auto *check = child<QLabel>(panel, "jsonStatusLabel");
        auto *sendBody = child<QCheckBox>(panel, "sendBodyCheck");
        method->setCurrentText(QStringLiteral("POST"));
        editor->setPlainText(QStringLiteral("{\"amount\": 1250, \"currency\": \"eur\"}"));
        QVERIFY(!panel.request().body.isEmpty());
        QVERIFY(!editor->placeholderText().isEmpty());

        for (const QString &m : {QStringLiteral("GET"), QStringLiteral("HEAD")}) {
            method->setCurrentText(m);
            QVERIFY2(panel.request().body.isEmpty(), qPrintable(m));
            QVERIFY2(check->text().startsWith(QLatin1String("Not sent")),
                     qPrintable(check->text()));
            QVERIFY(!editor->toPlainText().isEmpty()); // kept
            QVERIFY(editor->placeholderText().isEmpty());
            QVERIFY(sendBody->isHidden());
        }
        method->setCurrentText(QStringLiteral("DELETE"));
        QVERIFY(!sendBody->isHidden());
        QVERIFY(panel.request().body.isEmpty());
        sendBody->setChecked(true);
        QCOMPARE(panel.request().body, editor->toPlainText().toUtf8());
        QVERIFY(!check->text().startsWith(QLatin1String("Not sent")));
    }

    // Where a request goes is shown before its path, and a server that is not on this machine
    // is marked, so that production never looks like the sandbox.
    void theTargetIsShownAndARemoteOneMarked()
    {
        RequestPanel panel;
        auto *target = child<QLabel>(panel, "targetLabel");
        panel.setTarget(QUrl(QStringLiteral("http://127.0.0.1:8089")));
        QCOMPARE(target->text(), QStringLiteral("http://127.0.0.1:8089"));
        QVERIFY(!target->font().bold());
        panel.setTarget(QUrl(QStringLiteral("https://api.example-pi.dev/")));
        QCOMPARE(target->accessibleName(),
                 QStringLiteral("https://api.example-pi.dev (not this machine)"));
        QVERIFY(target->text().endsWith(QLatin1String(" (not this machine)")));
        QVERIFY(target->font().bold());
        // A long one gives way in its middle, never the path field, and keeps its mark.
        panel.resize(640, 400);
        panel.setTarget(QUrl(QStringLiteral("https://api.eu-west-1.staging.example-pi.dev")));
        QVERIFY(target->text().contains(QChar(0x2026)));
        QVERIFY(target->text().endsWith(QLatin1String(" (not this machine)")));
        QVERIFY(target->sizeHint().width() <= 640 / 3 + 2);
        QVERIFY(target->toolTip().contains(QLatin1String("real account")));
    }

    // From the keyboard: Tab leaves the body editor (it inserted tab characters), and a new
    // header row takes what is typed next in its name cell.
    void theKeyboardMovesThroughTheComposer()
    {
        RequestPanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *editor = child<QPlainTextEdit>(panel, "bodyEdit");
        editor->setPlainText(QStringLiteral("{}"));
        editor->setFocus();
        QTRY_VERIFY(editor->hasFocus());
        QTest::keyClick(editor, Qt::Key_Tab);
        QCOMPARE(editor->toPlainText(), QStringLiteral("{}"));
        QVERIFY(!editor->hasFocus());

        child<QTabWidget>(panel, "tabs")->setCurrentIndex(1);
        auto *add = child<QPushButton>(panel, "addHeaderButton");
        QTest::mouseClick(add, Qt::LeftButton);
        auto *table = child<QTableWidget>(panel, "headersTable");
        // The name cell's editor has the focus.
        QTRY_VERIFY(qobject_cast<QLineEdit *>(QApplication::focusWidget()) &&
                    table->isAncestorOf(QApplication::focusWidget()));
        auto *cell = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QTest::keyClicks(cell, QStringLiteral("X-Trace"));
        QCOMPARE(cell->text(), QStringLiteral("X-Trace"));
        QTest::keyClick(cell, Qt::Key_Tab); // to the value cell, the name kept
        QCOMPARE(table->item(table->rowCount() - 1, 0)->text(), QStringLiteral("X-Trace"));
    }

    // Counts read as English does: "1 byte", "2 bytes", never "byte(s)".
    void countsAreSaidInTheirOwnNumber()
    {
        Translations::install(QCoreApplication::instance());
        RequestPanel panel;
        child<QComboBox>(panel, "methodCombo")->setCurrentText(QStringLiteral("POST"));
        auto *editor = child<QPlainTextEdit>(panel, "bodyEdit");
        auto *check = child<QLabel>(panel, "jsonStatusLabel");
        editor->setPlainText(QStringLiteral("[]"));
        QTRY_COMPARE(check->text(), QStringLiteral("Valid JSON, 2 bytes"));
        QCOMPARE(QCoreApplication::translate("RequestPanel", "Valid JSON, %n byte(s)", nullptr, 1),
                 QStringLiteral("Valid JSON, 1 byte"));
        QCOMPARE(QCoreApplication::translate(
                     "RequestTab", "%n call(s) in flight · %1 s · %2 received", nullptr, 1),
                 QStringLiteral("1 call in flight · %1 s · %2 received"));
    }
};

QTEST_MAIN(TestRequestPanel)
#include "tst_requestpanel.moc"
