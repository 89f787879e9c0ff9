// Debugging a failed call against pi-sandbox: two calls selected and compared with Ctrl+D, the
// difference found by JSON path; the 409 card's Compare with original call, or saying the original
// is not in the history; Show differences on the edited-body warning; a replay compared with its
// original; a latency=1200 call showing its wait in the waiting phase (and in the report and HAR);
// the summary lines for 502 HTML, 429, 401 and a refused connection; a pinned call outliving a
// retention of five, listed by pinned:, opened as a template.
#include "app/compare/bodycomparisonview.h"
#include "app/compare/callcomparisondialog.h"
#include "app/history/historypanel.h"
#include "app/request/requestpanel.h"
#include "app/response/responsepanel.h"
#include "app/response/timingview.h"
#include "core/history/historyexport.h"
#include "core/history/historymodel.h"
#include "core/report/supportreport.h"
#include "support/guidriver.h"
#include "support/httpcall.h"
#include "support/privatesession.h"

#include <QClipboard>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QUuid>

// Debugging to the cause, as a person does it against a running pi-sandbox: two calls
// compared, a 409 explained by its original call, a slow call's wait, one-line summaries of
// failures, and pinned calls that outlive the retention.
class TestDebugging : public QObject
{
    Q_OBJECT

private:
    static CallComparisonDialog *openComparison(GuiDriver &gui)
    {
        CallComparisonDialog *dialog = nullptr;
        const auto found = [&gui, &dialog] {
            const auto all = gui.window()->findChildren<CallComparisonDialog *>();
            dialog = all.isEmpty() ? nullptr : all.last();
            return dialog && dialog->isVisible();
        };
        if (!QTest::qWaitFor(found, 10000))
            return nullptr;
        return QTest::qWaitFor([dialog] { return dialog->isReady(); }, 20000) ? dialog : nullptr;
    }

    static QStringList differences(CallComparisonDialog *dialog, const char *view)
    {
        QStringList out;
        const auto *list = dialog->findChild<BodyComparisonView *>(QLatin1String(view))
                               ->findChild<QListWidget *>();
        for (int i = 0; i < list->count(); ++i)
            out.append(list->item(i)->text());
        return out;
    }

    // The history id of the call the response panel shows, once the history has it.
    static qint64 shownId(GuiDriver &gui)
    {
        auto *panel = gui.find<ResponsePanel>(QStringLiteral("responsePanel"));
        gui.services()->history()->flush(5000);
        return QTest::qWaitFor([panel] { return panel->record().id > 0; }, 5000)
                   ? panel->record().id
                   : 0;
    }

    static QString summary(GuiDriver &gui)
    {
        return gui.find<QLabel>(QStringLiteral("summaryLabel"))->text();
    }

    static void sendWithKey(GuiDriver &gui, const QByteArray &key, const QString &body)
    {
        ApiRequest r;
        r.method = "POST";
        r.path = QStringLiteral("/v1/charges");
        r.body = body.toUtf8();
        r.idempotencyKey = key;
        gui.find<RequestPanel>(QStringLiteral("requestPanel"))->setRequest(r);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!PrivateSession::require())
            return;
    }

    void twoCallsAreComparedByJsonPath()
    {
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        gui.compose("POST", QStringLiteral("/v1/charges"),
                    QStringLiteral("{\"amount\": 10, \"currency\": \"eur\"}"));
        QVERIFY(gui.sendAndWait());
        gui.compose("POST", QStringLiteral("/v1/charges"),
                    QStringLiteral("{\n  \"currency\": \"eur\",\n  \"amount\": 12\n}"));
        QVERIFY(gui.sendAndWait());

        // Ctrl+click the two newest calls, then Ctrl+D.
        auto *view = gui.find<QTableView>(QStringLiteral("historyView"));
        QTRY_VERIFY(view->model()->rowCount() >= 2);
        const qint64 newest = shownId(gui);
        QTRY_COMPARE(view->model()->index(0, 0).data(HistoryModel::IdRole).toLongLong(), newest);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->visualRect(view->model()->index(0, 2)).center());
        QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier,
                          view->visualRect(view->model()->index(1, 2)).center());
        QCOMPARE(view->selectionModel()->selectedRows().size(), 2);
        QTest::keyClick(view, Qt::Key_D, Qt::ControlModifier);

        CallComparisonDialog *dialog = openComparison(gui);
        QVERIFY(dialog);
        QCOMPARE(dialog->accessibleName(), QStringLiteral("Call comparison"));
        const QStringList found = differences(dialog, "requestBodyView");
        // Key order and whitespace are not differences; the amount is, by path and line.
        QCOMPARE(found, QStringList({QStringLiteral("$.amount: 10 → 12 (line 2 | line 2)")}));
        const CallDiff &diff = dialog->diff();
        QVERIFY(diff.requestBody.json);
        QCOMPARE(diff.requestBody.linesB, QList<int>({2}));

        QApplication::clipboard()->clear();
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("copyTextButton")),
                          Qt::LeftButton);
        const QString text = QApplication::clipboard()->text();
        QCOMPARE(dialog->findChild<QPushButton *>(QStringLiteral("copyTextButton"))
                     ->accessibleDescription(),
                 QStringLiteral("Copied")); // said where the click was
        QVERIFY2(text.contains(QStringLiteral("$.amount: 10 → 12")), qPrintable(text));
        QVERIFY(text.contains(QLatin1String("Idempotency key")));
        QVERIFY(!text.contains(SandboxProcess::demoKey()));
        dialog->close();
    }

    void theConflictCardComparesWithTheOriginalCall()
    {
        GuiDriver gui;
        QVERIFY(gui.start());
        const QByteArray key = IdempotencyKeys::newUuid();
        sendWithKey(gui, key, QStringLiteral("{\"amount\": 10}"));
        QVERIFY(gui.sendAndWait());
        QCOMPARE(gui.text(QStringLiteral("statusEdit")), QStringLiteral("201 Created"));
        QVERIFY(!gui.find<QWidget>(QStringLiteral("summaryBar"))->isVisible());
        QVERIFY(shownId(gui) > 0); // the original is in the history before the 409

        sendWithKey(gui, key, QStringLiteral("{\"amount\": 11}"));
        QVERIFY(gui.sendAndWait());
        QCOMPARE(gui.text(QStringLiteral("statusEdit")), QStringLiteral("409 Conflict"));
        static const QRegularExpression line(QStringLiteral(
            "^409: key .{4}… was first used at \\d\\d:\\d\\d:\\d\\d with another body\\.$"));
        QVERIFY2(line.match(summary(gui)).hasMatch(), qPrintable(summary(gui)));
        QCOMPARE(gui.find<QPushButton>(QStringLiteral("summaryActionButton"))->text(),
                 QStringLiteral("Compare…"));

        auto *button = gui.find<QPushButton>(QStringLiteral("compareOriginalButton"));
        QVERIFY(button->isVisible());
        QCOMPARE(button->accessibleName(), QStringLiteral("Compare with original call"));
        QTest::mouseClick(button, Qt::LeftButton);
        CallComparisonDialog *dialog = openComparison(gui);
        QVERIFY(dialog);
        QCOMPARE(differences(dialog, "requestBodyView"),
                 QStringList({QStringLiteral("$.amount: 10 → 11 (line 2 | line 2)")}));
        auto *tabs = dialog->findChild<QTabWidget *>(QStringLiteral("tabs"));
        QCOMPARE(tabs->currentWidget()->objectName(), QStringLiteral("requestBodyView"));
        QCOMPARE(dialog->diff().fields.at(2).b, QStringLiteral("409")); // A the original, B the 409
        dialog->close();
    }

    void theOriginalIsTheCallPiStored()
    {
        // A first attempt Pi failed (503) was never stored; the 201 after it was. A 409 under
        // the same key is compared with the 201.
        GuiDriver gui;
        QVERIFY(gui.start());
        const QByteArray key = IdempotencyKeys::newUuid();
        sendWithKey(gui, key, QStringLiteral("{\"amount\": 10}"));
        gui.setFault(QStringLiteral("status=503"));
        QVERIFY(gui.sendAndWait());
        QCOMPARE(gui.text(QStringLiteral("statusEdit")), QStringLiteral("503 Service Unavailable"));
        QVERIFY(shownId(gui) > 0);
        sendWithKey(gui, key, QStringLiteral("{\"amount\": 11}"));
        QVERIFY(gui.sendAndWait());
        QCOMPARE(gui.text(QStringLiteral("statusEdit")), QStringLiteral("201 Created"));
        QVERIFY(shownId(gui) > 0);
        sendWithKey(gui, key, QStringLiteral("{\"amount\": 10}"));
        QVERIFY(gui.sendAndWait());
        QCOMPARE(gui.text(QStringLiteral("statusEdit")), QStringLiteral("409 Conflict"));
        QTest::mouseClick(gui.find<QPushButton>(QStringLiteral("compareOriginalButton")),
                          Qt::LeftButton);
        CallComparisonDialog *dialog = openComparison(gui);
        QVERIFY(dialog);
        QCOMPARE(differences(dialog, "requestBodyView"),
                 QStringList({QStringLiteral("$.amount: 11 → 10 (line 2 | line 2)")}));
        QCOMPARE(dialog->diff().fields.at(2).a, QStringLiteral("201"));
        dialog->close();
    }

    void aLongServerMessageDoesNotWidenTheWindow()
    {
        GuiDriver gui;
        QVERIFY(gui.start());
        const int width = gui.window()->width();
        CallRecord r;
        r.method = "GET";
        r.url = QUrl(QStringLiteral("http://127.0.0.1:1/v1/x"));
        r.status = 400;
        r.responseBody = "{}";
        r.envelope.kind = ErrorEnvelope::Kind::Envelope;
        r.envelope.type = QStringLiteral("invalid_request_error");
        r.envelope.code = QStringLiteral("invalid_json");
        r.envelope.message = QString(20'000, QLatin1Char('w')); // one unbreakable word
        gui.find<ResponsePanel>(QStringLiteral("responsePanel"))->showCall(r);
        QApplication::processEvents();
        QVERIFY2(gui.window()->minimumSizeHint().width() <= width,
                 qPrintable(QString::number(gui.window()->minimumSizeHint().width())));
        QCOMPARE(gui.window()->width(), width);
        QVERIFY(summary(gui).size() < 300);
    }

    void aConflictWithNoOriginalInTheHistorySaysSo()
    {
        GuiDriver gui;
        QVERIFY(gui.start());
        // The key's first use came from another tool: the history has never seen it.
        const QByteArray key = IdempotencyKeys::newUuid();
        HttpCall other;
        const HttpResult first = other.send(
            "POST", QUrl(gui.sandbox().baseUrl().toString() + QStringLiteral("/v1/charges")),
            HttpCall::bearer(SandboxProcess::demoKey(), {{"Idempotency-Key", key}}),
            "{\"amount\": 1}");
        QCOMPARE(first.status, 201);
        sendWithKey(gui, key, QStringLiteral("{\"amount\": 2}"));
        QVERIFY(gui.sendAndWait());
        QCOMPARE(gui.text(QStringLiteral("statusEdit")), QStringLiteral("409 Conflict"));
        QVERIFY2(summary(gui).contains(QLatin1String("not in this history")),
                 qPrintable(summary(gui)));
        QTest::mouseClick(gui.find<QPushButton>(QStringLiteral("compareOriginalButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(gui.find<QWidget>(QStringLiteral("banner"))->isVisible());
        QVERIFY(gui.find<QLabel>(QStringLiteral("bannerText"))
                    ->text()
                    .contains(QLatin1String("is not in the history")));
        QVERIFY(gui.window()->findChildren<CallComparisonDialog *>().isEmpty());
    }

    void theEditedBodyWarningShowsTheDifferences()
    {
        GuiDriver gui;
        QVERIFY(gui.start());
        gui.compose("POST", QStringLiteral("/v1/charges"), QStringLiteral("{\"amount\": 10}"));
        QVERIFY(gui.sendAndWait());
        gui.find<QPlainTextEdit>(QStringLiteral("bodyEdit"))
            ->setPlainText(QStringLiteral("{\"amount\": 10, \"note\": \"x\"}"));

        // Show differences: the comparison opens; closed, the warning asks again.
        bool warned = false;
        QStringList shown;
        GuiDriver::onNextModal<QMessageBox>(
            [&](QMessageBox *box) {
                GuiDriver::onNextModal<CallComparisonDialog>(
                    [&](CallComparisonDialog *dialog) {
                        QVERIFY(QTest::qWaitFor([dialog] { return dialog->isReady(); }, 20000));
                        shown = differences(dialog, "requestBodyView");
                        dialog->accept();
                        GuiDriver::onNextModal<QMessageBox>(
                            [](QMessageBox *again) { again->button(QMessageBox::Cancel)->click(); },
                            &warned);
                    },
                    &warned);
                box->findChild<QAbstractButton *>(QStringLiteral("showDifferencesButton"))->click();
            },
            &warned);
        QSignalSpy started(gui.services()->session(), &Session::callStarted);
        QTest::mouseClick(gui.find<QPushButton>(QStringLiteral("retryButton")), Qt::LeftButton);
        QTRY_VERIFY(warned);
        QCOMPARE(shown, QStringList({QStringLiteral("$.note: only in B, \"x\" (line 3)")}));
        QCOMPARE(started.count(), 0); // cancelled: nothing was sent
    }

    void aReplayOffersTheComparisonWithItsOriginal()
    {
        GuiDriver gui;
        QVERIFY(gui.start());
        gui.compose("POST", QStringLiteral("/v1/charges"), QStringLiteral("{\"amount\": 5}"));
        QVERIFY(gui.sendAndWait());
        QVERIFY(shownId(gui) > 0);
        QVERIFY(gui.clickAndWaitForCall(gui.find<QPushButton>(QStringLiteral("retryButton"))));
        auto *badge = gui.find<QLabel>(QStringLiteral("replayBadge"));
        QVERIFY(badge->isVisible());
        QVERIFY(badge->text().contains(QLatin1String("compare with it")));
        QVERIFY(shownId(gui) > 0);
        Q_EMIT badge->linkActivated(QStringLiteral("compare:x"));
        CallComparisonDialog *dialog = openComparison(gui);
        QVERIFY(dialog);
        QVERIFY(dialog->diff().requestBody.identical());  // a replay sends the same bytes
        QVERIFY(dialog->diff().responseBody.identical()); // and gets the stored answer back
        dialog->close();
    }

    void aSlowCallShowsItsWait()
    {
        GuiDriver gui;
        QVERIFY(gui.start());
        gui.compose("GET", QStringLiteral("/v1/ping"));
        gui.setFault(QStringLiteral("latency=1200"));
        QVERIFY(gui.sendAndWait());
        auto *timing = gui.find<TimingView>(QStringLiteral("timingView"));
        QCOMPARE(timing->accessibleName(), QStringLiteral("Timing"));
        static const QRegularExpression waiting(QStringLiteral("waiting for first byte (\\d+) ms"));
        const auto m = waiting.match(timing->accessibleDescription());
        QVERIFY2(m.hasMatch(), qPrintable(timing->accessibleDescription()));
        QVERIFY2(m.captured(1).toInt() >= 1150, qPrintable(timing->accessibleDescription()));
        // The wait is the phase that took the time, and the rest are small beside it.
        for (const CallTiming::Phase &p :
             gui.find<ResponsePanel>(QStringLiteral("responsePanel"))->record().timing.phases())
            if (p.kind != CallTiming::Phase::Kind::Waiting)
                QVERIFY2(p.durationMs < 1000, qPrintable(p.name));

        // Stored with the call: the support report and the HAR have it too.
        QVERIFY(shownId(gui) > 0);
        const CallRecord stored =
            gui.find<ResponsePanel>(QStringLiteral("responsePanel"))->record();
        const CallRecord back = gui.find<HistoryPanel>(QStringLiteral("historyPanel"))
                                    ->model()
                                    ->query()
                                    .load(stored.id);
        QCOMPARE(back.timing.firstByteMs, stored.timing.firstByteMs);
        QVERIFY(SupportReport::forRecord(back).contains(QLatin1String("waiting for first byte")));
        const QByteArray har = HistoryExport::toHar({back});
        QVERIFY(QRegularExpression(QStringLiteral("\"wait\": 1[12]\\d\\d"))
                    .match(QString::fromUtf8(har))
                    .hasMatch());
    }

    void summariesSayWhyInOneLine()
    {
        GuiDriver gui({QStringLiteral("--limit"), QStringLiteral("2"), QStringLiteral("--window"),
                       QStringLiteral("60")});
        QVERIFY(gui.start());
        auto *action = gui.find<QPushButton>(QStringLiteral("summaryActionButton"));

        // 502 from a proxy: an HTML page is not Pi.
        gui.compose("GET", QStringLiteral("/v1/ping"));
        gui.setFault(QStringLiteral("html"));
        QVERIFY(gui.sendAndWait());
        QCOMPARE(summary(gui), QStringLiteral("502 from a proxy, not from Pi: the body is an HTML "
                                              "page."));
        QCOMPARE(action->text(), QStringLiteral("Retry"));
        gui.setFault({});

        // 401: which key Pi rejected.
        const QString wrong = QStringLiteral("pi_test_notavalidkey_4f2d");
        gui.services()->session()->keys()->setSessionKey(
            gui.services()->session()->currentProfile().id, wrong);
        QVERIFY(gui.sendAndWait());
        QCOMPARE(summary(gui),
                 QStringLiteral("401 invalid_api_key: Pi rejected pi_…4f2d: revoked or mistyped."));
        QCOMPARE(action->text(), QStringLiteral("Test key…"));
        gui.services()->session()->keys()->setSessionKey(
            gui.services()->session()->currentProfile().id, SandboxProcess::demoKey());

        // 429: how many of how many, and when the window resets.
        while (!gui.services()->session()->currentTracker()->exhausted())
            QVERIFY(gui.sendAndWait());
        bool warned = false;
        GuiDriver::onNextModal<QMessageBox>(
            [](QMessageBox *box) {
                box->findChild<QAbstractButton *>(QStringLiteral("sendNowButton"))->click();
            },
            &warned);
        QVERIFY(gui.sendAndWait());
        QVERIFY(warned);
        QCOMPARE(gui.text(QStringLiteral("statusEdit")), QStringLiteral("429 Too Many Requests"));
        static const QRegularExpression limited(
            QStringLiteral("^429: this key has used 2 of 2 requests; the window resets at "
                           "\\d\\d:\\d\\d:\\d\\d \\(in [01]:\\d\\d\\)\\.$"));
        QVERIFY2(limited.match(summary(gui)).hasMatch(), qPrintable(summary(gui)));
        QCOMPARE(action->text(), QStringLiteral("Send at reset"));

        // Connection refused: by whom, and a hint.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        const Profile nowhere =
            gui.services()->openBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        gui.services()->session()->setCurrentProfile(nowhere.id);
        QVERIFY(gui.sendAndWait());
        QCOMPARE(summary(gui), QStringLiteral("Connection refused by 127.0.0.1:%1: is the server "
                                              "running?")
                                   .arg(port));
        QCOMPARE(action->text(), QStringLiteral("Profiles…"));
        QVERIFY(gui.find<QWidget>(QStringLiteral("summaryBar"))->isVisible());
    }

    void aPinnedCallSurvivesRetentionAndOpensAsATemplate()
    {
        GuiDriver gui;
        QVERIFY(gui.start());
        gui.compose("POST", QStringLiteral("/v1/charges"),
                    QStringLiteral("{\"amount\": 4200, \"currency\": \"eur\"}"));
        QVERIFY(gui.sendAndWait());
        const qint64 id = shownId(gui);
        auto *panel = gui.find<HistoryPanel>(QStringLiteral("historyPanel"));
        auto *view = gui.find<QTableView>(QStringLiteral("historyView"));
        QTRY_COMPARE(view->model()->index(0, 0).data(HistoryModel::IdRole).toLongLong(), id);
        view->selectRow(0);

        // Pin… asks for an optional name (unique here: the test's history outlives a run).
        const QString tag = QUuid::createUuid().toString(QUuid::Id128).left(8);
        bool asked = false;
        GuiDriver::onNextModal<QInputDialog>(
            [tag](QInputDialog *dialog) {
                dialog->setTextValue(QStringLiteral("Team plan charge ") + tag);
                dialog->accept();
            },
            &asked);
        QSignalSpy pinned(gui.services()->history(), &HistoryStore::pinChanged);
        panel->pinAction()->trigger();
        QVERIFY(asked);
        QVERIFY(pinned.wait(10000));
        QTRY_VERIFY(view->model()
                        ->index(0, int(HistoryModel::Column::Path))
                        .data()
                        .toString()
                        .startsWith(QStringLiteral("★ Team plan charge")));

        // Many calls later, with a retention of five, it is still there.
        gui.compose("GET", QStringLiteral("/v1/ping"));
        for (int i = 0; i < 8; ++i)
            QVERIFY(gui.sendAndWait());
        gui.services()->history()->setRetention({5, 0, 1024 * 1024});
        QVERIFY(gui.services()->history()->flush(10000));
        const HistoryQuery &query = panel->model()->query();
        QVERIFY(query.load(id).pinned);
        QCOMPARE(query.page({}, 0, 1000).size() -
                     query.page(HistoryFilter::fromSearchText(QStringLiteral("pinned:")), 0, 1000)
                         .size(),
                 5);

        // "pinned:" lists it; opening it puts it in the composer.
        auto *filter = gui.find<QLineEdit>(QStringLiteral("filterEdit"));
        filter->setText(QStringLiteral("pinned:") + tag);
        QTest::keyClick(filter, Qt::Key_Return);
        QTRY_COMPARE(view->model()->rowCount(), 1);
        QCOMPARE(view->model()->index(0, 0).data(HistoryModel::IdRole).toLongLong(), id);
        gui.compose("GET", QStringLiteral("/v1/other"));
        const QPoint row = view->visualRect(view->model()->index(0, 2)).center();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, row);
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, row);
        const ApiRequest composed =
            gui.find<RequestPanel>(QStringLiteral("requestPanel"))->request();
        QCOMPARE(composed.path, QStringLiteral("/v1/charges"));
        QCOMPARE(composed.body, QByteArray("{\"amount\": 4200, \"currency\": \"eur\"}"));
    }
};

QTEST_MAIN(TestDebugging)
#include "tst_debugging.moc"
