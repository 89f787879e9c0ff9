// The window against pi-sandbox: send, 401 card, replay badge, the 409 warning, copy request ID,
// gauge countdown to exhausted, Send at reset moving to the next key and refusing a wait of years,
// a retry going to its call's profile (or, when that is gone, nothing sent), server HTML shown as
// text, a header with CR/LF not sent, the whole status message, history jump by request ID, every
// accessible name.
#include "app/ratelimit/ratelimitgauge.h"
#include "app/ratelimit/ratelimitgaugeaccessible.h"
#include "app/request/requestpanel.h"
#include "app/response/bodyview.h"
#include "app/response/responsepanel.h"
#include "core/history/historymodel.h"
#include "core/report/supportreport.h"
#include "support/guidriver.h"
#include "support/httpcall.h"
#include "support/privatesession.h"
#include "support/recordingserver.h"
#include "support/testclock.h"

#include <QAccessible>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QShortcut>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabBar>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <QToolTip>

// The window as a person uses it, on the offscreen platform, against a running pi-sandbox.
class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    // Runs `act` on the next modal dialog, while the code under test waits in exec().
    static void onNextModal(std::function<void(QMessageBox *)> act, bool *seen)
    {
        GuiDriver::onNextModal<QMessageBox>(std::move(act), seen);
    }

    // Clicks Send and answers the rate-limit warning with "Send at reset".
    static void clickSendAtResetOnTheWarning(GuiDriver &gui)
    {
        bool seen = false;
        onNextModal(
            [](QMessageBox *box) {
                box->findChild<QAbstractButton *>(QStringLiteral("sendAtResetButton"))->click();
            },
            &seen);
        QTest::mouseClick(gui.find<QAbstractButton>(QStringLiteral("sendButton")), Qt::LeftButton);
        QTRY_VERIFY(seen);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!PrivateSession::require())
            return;
        QAccessible::installFactory(&RateLimitGaugeAccessible::factory);
    }

    void everyDocumentedAccessibleNameExists()
    {
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        QStringList names;
        for (const QWidget *w : gui.window()->findChildren<QWidget *>())
            names.append(w->accessibleName());
        for (const char *name : {"Profile",
                                 "Method",
                                 "Path",
                                 "Request headers",
                                 "Request body",
                                 "Idempotency key",
                                 "Send",
                                 "Cancel request",
                                 "Response status",
                                 "Response body",
                                 "Response headers",
                                 "Request ID",
                                 "Copy request ID",
                                 "Error code",
                                 "Error message",
                                 "Copy support details",
                                 "Copy as cURL",
                                 "Retry with same idempotency key",
                                 "Rate limit",
                                 "History",
                                 "History filter"})
            QVERIFY2(names.contains(QLatin1String(name)), name);
    }

    void sendShowsStatusAndRequestIdAndCopiesIt()
    {
        GuiDriver gui;
        QVERIFY(gui.start());
        gui.compose("GET", QStringLiteral("/v1/ping"));
        QVERIFY(gui.sendAndWait());
        QCOMPARE(gui.text(QStringLiteral("statusEdit")), QStringLiteral("200 OK"));
        const QString requestId = gui.text(QStringLiteral("requestIdEdit"));
        QVERIFY(requestId.startsWith(QLatin1String("req_pi_")));
        QVERIFY(!gui.find<QWidget>(QStringLiteral("errorCard"))->isVisible());

        QApplication::clipboard()->clear();
        QTest::mouseClick(gui.find<QAbstractButton>(QStringLiteral("copyRequestIdButton")),
                          Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), requestId);
        // It says so where the click was, and to a screen reader.
        auto *copy = gui.find<QAbstractButton>(QStringLiteral("copyRequestIdButton"));
        QCOMPARE(QToolTip::text(), QStringLiteral("Copied"));
        QCOMPARE(copy->accessibleDescription(), QStringLiteral("Copied"));
        QTRY_VERIFY_WITH_TIMEOUT(copy->accessibleDescription() != QLatin1String("Copied"), 5000);
    }

    void unauthorizedShowsTheErrorCard()
    {
        GuiDriver gui;
        QVERIFY(gui.start());
        gui.services()->session()->keys()->setSessionKey(
            gui.services()->session()->currentProfile().id,
            QStringLiteral("pi_not_a_valid_key_1234"));
        gui.compose("GET", QStringLiteral("/v1/ping"));
        QVERIFY(gui.sendAndWait());
        QCOMPARE(gui.text(QStringLiteral("statusEdit")), QStringLiteral("401 Unauthorized"));
        QVERIFY(gui.find<QWidget>(QStringLiteral("errorCard"))->isVisible());
        QCOMPARE(gui.text(QStringLiteral("errorCodeEdit")), QStringLiteral("invalid_api_key"));
        QVERIFY(!gui.text(QStringLiteral("errorMessageEdit")).isEmpty());
        QVERIFY(!gui.find<QLabel>(QStringLiteral("errorHint"))->text().isEmpty());
    }

    void htmlErrorIsFlaggedAsNotAnEnvelope()
    {
        GuiDriver gui;
        QVERIFY(gui.start());
        gui.compose("GET", QStringLiteral("/v1/ping"));
        gui.setFault(QStringLiteral("html"));
        QVERIFY(gui.sendAndWait());
        QVERIFY(gui.find<QLabel>(QStringLiteral("errorTitle"))
                    ->text()
                    .contains(QLatin1String("Not a Pi error envelope")));
        QTRY_VERIFY(gui.find<BodyView>(QStringLiteral("bodyView"))
                        ->shownText()
                        .startsWith("<!DOCTYPE html>"));
    }

    void retryReplaysWithTheSameKeyAndBytes()
    {
        GuiDriver gui;
        QVERIFY(gui.start());
        const QString body = QStringLiteral("{ \"amount\" : 4200,\n  \"currency\": \"usd\" }");
        gui.compose("POST", QStringLiteral("/v1/charges"), body);
        const QString key = gui.text(QStringLiteral("idempotencyKeyEdit"));
        QVERIFY(!key.isEmpty());
        QVERIFY(gui.sendAndWait());
        QCOMPARE(gui.text(QStringLiteral("statusEdit")), QStringLiteral("201 Created"));
        const QString firstId = gui.text(QStringLiteral("requestIdEdit"));

        QVERIFY(gui.clickAndWaitForCall(gui.find<QAbstractButton>(QStringLiteral("retryButton"))));
        QCOMPARE(gui.text(QStringLiteral("requestIdEdit")), firstId); // Pi's replay keeps the id
        QVERIFY(gui.find<QLabel>(QStringLiteral("replayBadge"))->isVisible());
        // The sandbox replays only the same key with the same bytes, and billed once.
        const CallRecord shown = gui.window()->findChild<ResponsePanel *>()->record();
        QCOMPARE(shown.idempotencyKey, key.toLatin1());
        QCOMPARE(shown.requestBody, body.toUtf8());
        HttpCall http;
        const HttpResult usage = http.get(gui.sandbox().url(QStringLiteral("/v1/usage")),
                                          HttpCall::bearer(SandboxProcess::demoKey()));
        QCOMPARE(usage.json().value(QLatin1String("billable_units")).toInt(), 1);

        // The badge leads to the original call in the history.
        auto *badge = gui.find<QLabel>(QStringLiteral("replayBadge"));
        const QString link = badge->text().section(QLatin1Char('"'), 1, 1);
        QVERIFY(link.startsWith(QLatin1String("original:")));
        auto *view = gui.find<QTableView>(QStringLiteral("historyView"));
        // Followed once the history thread has written the original call.
        QTRY_VERIFY(QMetaObject::invokeMethod(badge, "linkActivated", Q_ARG(QString, link)) &&
                    view->currentIndex().isValid() &&
                    view->model()->index(view->currentIndex().row(), 4).data().toString() ==
                        firstId);
        const QModelIndex current = view->currentIndex();
        QVERIFY(current.isValid());
        const QAbstractItemModel *model = view->model();
        QCOMPARE(model->index(current.row(), 3).data().toString(),
                 QStringLiteral("201")); // not "(replay)"
        QCOMPARE(model->index(current.row(), 4).data().toString(), firstId);
    }

    void editedBodyWarnsOf409()
    {
        GuiDriver gui;
        QVERIFY(gui.start());
        gui.compose("POST", QStringLiteral("/v1/charges"), QStringLiteral("{\"amount\": 10}"));
        QVERIFY(gui.sendAndWait());
        gui.find<QPlainTextEdit>(QStringLiteral("bodyEdit"))
            ->setPlainText(QStringLiteral("{\"amount\": 11}"));

        bool seen = false;
        QString text;
        onNextModal(
            [&text](QMessageBox *box) {
                text = box->text();
                box->findChild<QAbstractButton *>(QStringLiteral("sendOriginalButton"))->click();
            },
            &seen);
        QVERIFY(gui.clickAndWaitForCall(gui.find<QAbstractButton>(QStringLiteral("retryButton"))));
        QVERIFY(seen);
        QVERIFY(text.contains(QLatin1String("409")));
        // "Send the original" resent the recorded bytes: a replay, not a 409.
        QCOMPARE(gui.text(QStringLiteral("statusEdit")), QStringLiteral("201 Created"));
        QVERIFY(gui.find<QLabel>(QStringLiteral("replayBadge"))->isVisible());
    }

    void serverTextIsShownAsPlainText()
    {
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        RecordingServer hostile;
        QVERIFY(hostile.listenOn(QHostAddress(QStringLiteral("127.0.0.1"))));
        const QByteArray html = "<h1><font color=red>Pwned</font></h1>";
        hostile.setResponse(400,
                            {{"Content-Type", "application/json"}, {"X-Request-Id", "<b>r</b>"}},
                            "{\"error\":{\"type\":\"" + html +
                                "\",\"code\":\"<i>c</i>\",\"message\":\"<a href='x'>m</a>\","
                                "\"request_id\":\"<b>q</b>\"}}");
        AppServices *app = gui.services();
        const Profile p = app->session()->profiles()->upsert(
            {QString(), QStringLiteral("<b>Hostile</b>"), hostile.url(QStringLiteral("/")), true});
        app->session()->keys()->setSessionKey(p.id, SandboxProcess::demoKey());
        app->session()->setCurrentProfile(p.id);
        gui.compose("GET", QStringLiteral("/v1/ping"));
        QVERIFY(gui.sendAndWait());

        auto *title = gui.find<QLabel>(QStringLiteral("errorTitle"));
        QVERIFY2(title->text().contains(QString::fromLatin1(html)), qPrintable(title->text()));
        QCOMPARE(title->textFormat(), Qt::PlainText);
        QVERIFY(gui.find<QLabel>(QStringLiteral("problemsLabel"))->isVisible());
        // Every label that can show server or user text draws it as text, never as HTML.
        const QList<QLabel *> labels = gui.window()->findChildren<QLabel *>();
        QVERIFY(labels.size() > 10);
        for (const QLabel *label : labels) {
            if (label->objectName() == QLatin1String("replayBadge"))
                continue; // its own link, with nothing from the server in it
            QVERIFY2(label->textFormat() == Qt::PlainText, qPrintable(label->objectName()));
        }
    }

    void theStatusLineShowsTheWholeMessage()
    {
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        AppServices *app = gui.services();
        const Profile remote = app->session()->profiles()->upsert(
            {QString(), QStringLiteral("Remote"), QUrl(QStringLiteral("http://api.pi.example")),
             true});
        app->session()->setCurrentProfile(remote.id);
        gui.compose("GET", QStringLiteral("/v1/ping"));
        QVERIFY(gui.sendAndWait());
        auto *status = gui.find<QLineEdit>(QStringLiteral("statusEdit"));
        // "…except to this machine (127.0.0.1, ::1, localhost). Use https:// for api.pi.example."
        QVERIFY2(
            status->text().contains(QLatin1String("(127.0.0.1, ::1, localhost). Use https://")),
            qPrintable(status->text()));
        QVERIFY(status->text().endsWith(QLatin1String("api.pi.example.")));
        QCOMPARE(status->accessibleDescription(), status->text());
        QVERIFY(status->toolTip().contains(QLatin1String("api.pi.example.")));
    }

    void aHeaderWithALineBreakIsNotSent()
    {
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        gui.compose("GET", QStringLiteral("/v1/ping"));
        auto *headers = gui.find<QTableWidget>(QStringLiteral("headersTable"));
        headers->setRowCount(2);
        headers->setItem(0, 0, new QTableWidgetItem(QStringLiteral("X-Fine")));
        headers->setItem(0, 1, new QTableWidgetItem(QStringLiteral("yes")));
        headers->setItem(1, 0, new QTableWidgetItem(QStringLiteral("X-Note")));
        headers->setItem(
            1, 1,
            new QTableWidgetItem(QStringLiteral("hi\r\nAuthorization: Bearer pi_other_key_1")));
        QSignalSpy started(gui.services()->session(), &Session::callStarted);
        QTest::mouseClick(gui.find<QPushButton>(QStringLiteral("sendButton")), Qt::LeftButton);
        QTest::qWait(100);
        QCOMPARE(started.count(), 0);
        const QString said = gui.find<QLabel>(QStringLiteral("progressLabel"))->text();
        QVERIFY2(said.contains(QLatin1String("\"X-Note\"")) &&
                     said.contains(QLatin1String("row 2")),
                 qPrintable(said));
        QCOMPARE(headers->currentRow(), 1);

        // The same header from a pasted curl command is refused, and the composer kept as it was.
        bool seen = false;
        QString boxText;
        onNextModal(
            [&boxText](QMessageBox *box) {
                boxText = box->text();
                QCOMPARE(box->textFormat(), Qt::PlainText);
                box->button(QMessageBox::Ok)->click();
            },
            &seen);
        gui.find<RequestPanel>(QStringLiteral("requestPanel"))
            ->pasteCurl(QStringLiteral("curl -H \"X-Note: hi\r\nAuthorization: Bearer "
                                       "pi_other_key_1\" http://127.0.0.1:1/v1/ping"));
        QTRY_VERIFY(seen);
        QVERIFY2(boxText.contains(QLatin1String("\"X-Note\"")), qPrintable(boxText));
        QCOMPARE(headers->rowCount(), 2);
        QCOMPARE(headers->item(0, 0)->text(), QStringLiteral("X-Fine"));
    }

    void aRetryGoesToTheProfileTheCallWentTo()
    {
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        AppServices *app = gui.services();
        const Profile sandbox = app->session()->currentProfile();
        gui.compose("POST", QStringLiteral("/v1/charges"), QStringLiteral("{\"amount\": 7}"));
        QVERIFY(gui.sendAndWait());
        QCOMPARE(gui.text(QStringLiteral("statusEdit")), QStringLiteral("201 Created"));
        const CallRecord charge =
            gui.find<ResponsePanel>(QStringLiteral("responsePanel"))->record();
        QCOMPARE(charge.profileId, sandbox.id);
        QVERIFY(SupportReport::forRecord(charge).contains(QLatin1String("Profile: Sandbox")));

        // Another account's profile is selected now: it must see nothing of the retry.
        RecordingServer other;
        QVERIFY(other.listenOn(QHostAddress(QStringLiteral("127.0.0.1"))));
        other.setResponse(201, {{"Content-Type", "application/json"}}, "{}");
        const Profile live = app->session()->profiles()->upsert(
            {QString(), QStringLiteral("Live"), other.url({}), true});
        app->session()->keys()->setSessionKey(live.id, QStringLiteral("pi_another_account_key_1"));
        app->session()->setCurrentProfile(live.id);
        auto *retry = gui.find<QPushButton>(QStringLiteral("retryButton"));
        QVERIFY(gui.clickAndWaitForCall(retry));
        QCOMPARE(gui.text(QStringLiteral("requestIdEdit")),
                 QString::fromLatin1(charge.requestId()));
        QVERIFY(gui.find<QLabel>(QStringLiteral("replayBadge"))->isVisible());
        QCOMPARE(other.requests().size(), 0);

        // The history names the profile of each call.
        auto *view = gui.find<QTableView>(QStringLiteral("historyView"));
        const int column = int(HistoryModel::Column::Profile);
        QCOMPARE(view->model()->headerData(column, Qt::Horizontal).toString(),
                 QStringLiteral("Profile"));
        QTRY_COMPARE(view->model()->index(0, column).data().toString(), QStringLiteral("Sandbox"));

        // Its profile gone, or pointing elsewhere: the app says so and sends nothing.
        QSignalSpy started(app->session(), &Session::callStarted);
        app->session()->profiles()->remove(sandbox.id);
        QTest::mouseClick(retry, Qt::LeftButton);
        auto *banner = gui.find<QLabel>(QStringLiteral("bannerText"));
        QVERIFY2(banner->text().contains(QLatin1String("which is gone")),
                 qPrintable(banner->text()));
        app->session()->profiles()->upsert({sandbox.id, QStringLiteral("Sandbox"),
                                            QUrl(QStringLiteral("http://127.0.0.1:9/elsewhere")),
                                            true});
        QTest::mouseClick(retry, Qt::LeftButton);
        QVERIFY2(banner->text().contains(QLatin1String("now points at")),
                 qPrintable(banner->text()));
        QTest::qWait(50);
        QCOMPARE(started.count(), 0);
        QCOMPARE(other.requests().size(), 0);
    }

    // "Use a new key" on the edited-body warning sends the edited call to the profile the
    // retried call went to, with a new key, never to the profile selected now.
    void useANewKeyGoesToTheCallsOwnProfile()
    {
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        AppServices *app = gui.services();
        gui.compose("POST", QStringLiteral("/v1/charges"), QStringLiteral("{\"amount\": 7}"));
        QVERIFY(gui.sendAndWait());
        const CallRecord charge =
            gui.find<ResponsePanel>(QStringLiteral("responsePanel"))->record();
        QCOMPARE(charge.status, 201);

        RecordingServer other;
        QVERIFY(other.listenOn(QHostAddress(QStringLiteral("127.0.0.1"))));
        other.setResponse(201, {{"Content-Type", "application/json"}}, "{}");
        const Profile live = app->session()->profiles()->upsert(
            {QString(), QStringLiteral("Live"), other.url({}), true});
        app->session()->keys()->setSessionKey(live.id, QStringLiteral("pi_another_account_key_1"));
        app->session()->setCurrentProfile(live.id);
        gui.find<QPlainTextEdit>(QStringLiteral("bodyEdit"))
            ->setPlainText(QStringLiteral("{\"amount\": 8}"));

        bool seen = false;
        onNextModal(
            [](QMessageBox *box) {
                box->findChild<QAbstractButton *>(QStringLiteral("useNewKeyButton"))->click();
            },
            &seen);
        QVERIFY(gui.clickAndWaitForCall(gui.find<QAbstractButton>(QStringLiteral("retryButton"))));
        QVERIFY(seen);
        const CallRecord sent = gui.find<ResponsePanel>(QStringLiteral("responsePanel"))->record();
        QCOMPARE(sent.profileId, charge.profileId);
        QCOMPARE(sent.url.port(), charge.url.port());
        QCOMPARE(sent.requestBody, QByteArray("{\"amount\": 8}"));
        QVERIFY(!sent.idempotencyKey.isEmpty());
        QVERIFY(sent.idempotencyKey != charge.idempotencyKey);
        QCOMPARE(sent.status, 201);
        QCOMPARE(other.requests().size(), 0);
    }

    // A second launch's --base-url arriving while Profiles… is open does not change the
    // current profile under the dialog: it is opened once the dialog is closed.
    void aHandOverWaitsForAnOpenDialog()
    {
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        AppServices *app = gui.services();
        const QString before = app->session()->currentProfile().id;
        const QUrl handedOver(QStringLiteral("http://127.0.0.1:7/"));
        bool seen = false;
        QString during;
        GuiDriver::onNextModal<QDialog>(
            [&](QDialog *dialog) {
                gui.window()->bringToFront(handedOver);
                during = app->session()->currentProfile().id;
                dialog->reject();
            },
            &seen);
        QTest::mouseClick(gui.find<QAbstractButton>(QStringLiteral("manageProfilesButton")),
                          Qt::LeftButton);
        QVERIFY(seen);
        QCOMPARE(during, before);
        QTRY_COMPARE(app->session()->currentProfile().baseUrl, handedOver);
    }

    // A pasted command's host is not dropped without a word: the window says where calls go
    // and offers a profile of the command's origin (as --base-url would make).
    void aPastedCommandForAnotherHostSaysWhereCallsGo()
    {
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        AppServices *app = gui.services();
        const QString sandboxId = app->session()->currentProfile().id;
        auto *panel = gui.find<RequestPanel>(QStringLiteral("requestPanel"));
        auto *banner = gui.find<QLabel>(QStringLiteral("bannerText"));
        const QUrl own =
            app->session()->currentProfile().baseUrl.resolved(QUrl(QStringLiteral("/v1/ping")));
        panel->pasteCurl(QStringLiteral("curl ") + own.toString());
        QVERIFY(!banner->isVisible() || !banner->text().contains(QLatin1String("pasted")));

        panel->pasteCurl(QStringLiteral("curl https://staging.example-pi.dev/v1/charges?limit=3"));
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QLatin1String("https://staging.example-pi.dev")),
                 qPrintable(banner->text()));
        QCOMPARE(app->session()->currentProfile().id, sandboxId); // nothing switched silently
        QTest::mouseClick(gui.find<QAbstractButton>(QStringLiteral("bannerAction")),
                          Qt::LeftButton);
        QCOMPARE(app->session()->currentProfile().baseUrl.host(),
                 QStringLiteral("staging.example-pi.dev"));
        QVERIFY(app->session()->currentProfile().sessionOnly);
        QVERIFY(gui.find<QLabel>(QStringLiteral("targetLabel"))
                    ->text()
                    .contains(QLatin1String("not this machine")));
    }

    // After a send, the history selects the new call's row: an older row never stays
    // selected beside a response it does not show.
    void aNewCallSelectsItsRow()
    {
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        auto *view = gui.find<QTableView>(QStringLiteral("historyView"));
        for (int i = 0; i < 2; ++i) {
            QVERIFY(gui.sendAndWait());
            const QByteArray shown =
                gui.find<ResponsePanel>(QStringLiteral("responsePanel"))->record().requestId();
            QTRY_VERIFY(view->currentIndex().isValid());
            const int column = int(HistoryModel::Column::RequestId);
            QTRY_COMPARE(view->model()
                             ->index(view->currentIndex().row(), column)
                             .data(Qt::DisplayRole)
                             .toString()
                             .left(20),
                         QString::fromLatin1(shown).left(20));
        }
        // Filtered out, the new call leaves no other row selected beside it.
        gui.compose("GET", QStringLiteral("/v1/nowhere"));
        QVERIFY(gui.sendAndWait());
        auto *filter = gui.find<QLineEdit>(QStringLiteral("filterEdit"));
        filter->setText(QStringLiteral("status:4xx"));
        QTest::keyClick(filter, Qt::Key_Return);
        QTRY_VERIFY(view->model()->rowCount() >= 1);
        view->selectRow(0);
        gui.compose("GET", QStringLiteral("/v1/ping"));
        QVERIFY(gui.sendAndWait());
        QTRY_VERIFY(!view->selectionModel()->hasSelection());
    }

    // A call opened in the composer from another profile says where Send goes now and
    // offers that profile; the notice goes once the profile changes.
    void aCallFromAnotherProfileSaysWhereSendGoes()
    {
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        Session *session = gui.services()->session();
        const Profile sandbox = session->currentProfile();
        QVERIFY(gui.sendAndWait());
        const QString sent = QString::fromLatin1(
            gui.find<ResponsePanel>(QStringLiteral("responsePanel"))->record().requestId());
        const Profile other = session->profiles()->upsert(
            {QString(), QStringLiteral("Other"), sandbox.baseUrl, false});
        session->setCurrentProfile(other.id);
        auto *view = gui.find<QTableView>(QStringLiteral("historyView"));
        QTRY_COMPARE(view->model()
                         ->index(0, int(HistoryModel::Column::RequestId))
                         .data(Qt::DisplayRole)
                         .toString(),
                     sent);
        view->setFocus();
        view->setCurrentIndex(view->model()->index(0, 0));
        QTest::keyClick(view, Qt::Key_Return);
        auto *banner = gui.find<QLabel>(QStringLiteral("bannerText"));
        QTRY_VERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QLatin1String("\"Sandbox\"")) &&
                     banner->text().contains(QLatin1String("\"Other\"")),
                 qPrintable(banner->text()));
        auto *action = gui.find<QAbstractButton>(QStringLiteral("bannerAction"));
        QCOMPARE(action->text(), QStringLiteral("Use profile \"Sandbox\""));
        QTest::mouseClick(action, Qt::LeftButton);
        QCOMPARE(session->currentProfile().id, sandbox.id);

        QTest::keyClick(view, Qt::Key_Return); // from its own profile: nothing to say
        QVERIFY(!banner->isVisible());
        session->setCurrentProfile(other.id);
        QTest::keyClick(view, Qt::Key_Return);
        QTRY_VERIFY(banner->isVisible());
        session->setCurrentProfile(sandbox.id); // out of date: gone
        QVERIFY(!banner->isVisible());
    }

    // Every Alt+letter of the window does one thing: no two labels, buttons, tabs or menus
    // share a mnemonic (Alt+S focused the history filter, then Send, never the History menu).
    void noTwoMnemonicsCollide()
    {
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        QMap<QChar, QString> owners;
        QStringList clashes;
        const auto take = [&](const QString &text, const QString &who) {
            static const QRegularExpression mnemonic(QStringLiteral("(?<!&)&([^&])"));
            const QRegularExpressionMatch m = mnemonic.match(text);
            if (!m.hasMatch())
                return;
            const QChar key = m.captured(1).at(0).toUpper();
            if (owners.contains(key))
                clashes.append(QStringLiteral("%1: %2 and %3").arg(key).arg(owners[key], who));
            owners.insert(key, who);
        };
        for (QAction *menu : gui.window()->menuBar()->actions())
            take(menu->text(), menu->text());
        for (QWidget *w : gui.window()->findChildren<QWidget *>()) {
            if (auto *label = qobject_cast<QLabel *>(w); label && label->buddy())
                take(label->text(), label->objectName());
            else if (auto *button = qobject_cast<QAbstractButton *>(w))
                take(button->text(), button->objectName());
            else if (auto *bar = qobject_cast<QTabBar *>(w))
                for (int i = 0; i < bar->count(); ++i)
                    take(bar->tabText(i), bar->tabText(i));
        }
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QStringLiteral("; "))));
        QVERIFY(owners.size() >= 10);
    }

    // Screen readers hear what changed, not only the fixed names: the summary, the hint, the
    // body check and the key status carry their text as accessible description; the status
    // of a response that arrives too; and the path's clear button has a name.
    void whatChangedIsSpokenNotOnlyTheName()
    {
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        gui.services()->session()->keys()->setSessionKey(
            gui.services()->session()->currentProfile().id,
            QStringLiteral("pi_revoked_or_wrong_key_0000"));
        QVERIFY(gui.sendAndWait());
        for (const char *name : {"summaryLabel", "errorHint", "keyStatusLabel"}) {
            auto *label = gui.find<QLabel>(QLatin1String(name));
            QVERIFY2(!label->text().isEmpty(), name);
            QCOMPARE(label->accessibleDescription(), label->text());
        }
        auto *status = gui.find<QLineEdit>(QStringLiteral("statusEdit"));
        QCOMPARE(status->accessibleDescription(), status->text());
        gui.compose("POST", QStringLiteral("/v1/charges"), QStringLiteral("{oops"));
        auto *check = gui.find<QLabel>(QStringLiteral("jsonStatusLabel"));
        QTRY_VERIFY(check->text().startsWith(QLatin1String("Invalid JSON")));
        QCOMPARE(check->accessibleDescription(), check->text());
        auto *path = gui.find<QLineEdit>(QStringLiteral("pathEdit"));
        QTRY_VERIFY(path->isClearButtonEnabled());
        const QList<QToolButton *> clear = path->findChildren<QToolButton *>();
        QVERIFY(!clear.isEmpty());
        QCOMPARE(clear.first()->accessibleName(), QStringLiteral("Clear path"));
    }

    // Help → Keyboard shortcuts and Help → Filter language say what the keys and the
    // filter's terms do.
    void helpSaysTheKeysAndTheFilterLanguage()
    {
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        const QList<std::pair<const char *, QString>> helps{
            {"keyboardShortcutsAction", QStringLiteral("Send the request")},
            {"filterLanguageAction", QStringLiteral("status:4xx")}};
        for (const auto &[action, expected] : helps) {
            bool seen = false;
            QString text;
            GuiDriver::onNextModal<QDialog>(
                [&text](QDialog *dialog) {
                    text = dialog->findChild<QPlainTextEdit *>(QStringLiteral("helpText"))
                               ->toPlainText();
                    dialog->reject();
                },
                &seen);
            gui.window()->findChild<QAction *>(QLatin1String(action))->trigger();
            QVERIFY(seen);
            QVERIFY2(text.contains(expected), qPrintable(text));
        }
    }

    // At 1366×705 an error card was seen taking the history's place. Here the history keeps
    // the height the person gave it, and the card folds to its one-line summary.
    void theErrorCardLeavesTheHistoryItsPlace()
    {
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        gui.window()->resize(1366, 705);
        gui.window()->show();
        QVERIFY(QTest::qWaitForWindowExposed(gui.window()));
        auto *history = gui.find<QWidget>(QStringLiteral("historyPanel"));
        // The person gave the history most of the height.
        gui.find<QSplitter>(QStringLiteral("verticalSplitter"))->setSizes({250, 400});
        QVERIFY(gui.sendAndWait()); // a 200: no card
        QCoreApplication::processEvents();
        const int before = history->height();
        gui.services()->session()->keys()->setSessionKey(
            gui.services()->session()->currentProfile().id,
            QStringLiteral("pi_revoked_or_wrong_key_0000"));
        QVERIFY(gui.sendAndWait()); // a 401: the card
        auto *card = gui.find<QWidget>(QStringLiteral("errorCard"));
        QTRY_VERIFY(card->isVisible());
        QCoreApplication::processEvents();
        QCOMPARE(history->height(), before);
        auto *fold = gui.find<QAbstractButton>(QStringLiteral("foldErrorButton"));
        QVERIFY(fold->isVisible());
        QTest::mouseClick(fold, Qt::LeftButton);
        QVERIFY(card->isHidden());
        QVERIFY(gui.find<QWidget>(QStringLiteral("summaryBar"))->isVisible());
        QTest::mouseClick(fold, Qt::LeftButton);
        QVERIFY(card->isVisible());
    }

    // Every shortcut of the window is in a menu, where it can be found; Ctrl+L goes to the
    // path from anywhere.
    void everyShortcutIsInAMenu()
    {
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        QList<QKeySequence> inMenus;
        const std::function<void(QMenu *)> walk = [&](QMenu *menu) {
            for (QAction *action : menu->actions()) {
                inMenus += action->shortcuts();
                if (action->menu())
                    walk(action->menu());
            }
        };
        for (QAction *top : gui.window()->menuBar()->actions())
            if (top->menu())
                walk(top->menu());
        for (const QKeySequence &key :
             {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::Key_Escape),
              QKeySequence(Qt::CTRL | Qt::Key_L), QKeySequence(QKeySequence::Find),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V), QKeySequence(Qt::CTRL | Qt::Key_D),
              QKeySequence(Qt::CTRL | Qt::Key_Comma), QKeySequence(QKeySequence::Quit)})
            QVERIFY2(key.isEmpty() || inMenus.contains(key), // a standard key: maybe none here
                     qPrintable(key.toString()));
        QVERIFY(gui.window()->findChildren<QShortcut *>().isEmpty()); // none outside them

        gui.find<QPlainTextEdit>(QStringLiteral("bodyEdit"))->setFocus();
        QTest::keyClick(gui.window(), Qt::Key_L, Qt::ControlModifier);
        QTRY_VERIFY(gui.find<QLineEdit>(QStringLiteral("pathEdit"))->hasFocus());
    }

    void invalidJsonIsShownAndNeedsConfirmation()
    {
        GuiDriver gui;
        QVERIFY(gui.start());
        gui.compose("POST", QStringLiteral("/v1/charges"),
                    QStringLiteral("{\n  \"amount\": 12,\n  oops\n}"));
        auto *check = gui.find<QLabel>(QStringLiteral("jsonStatusLabel"));
        QTRY_VERIFY2(check->text().contains(QLatin1String("line 3, column 3")),
                     qPrintable(check->text()));

        // Declined: nothing is sent.
        bool seen = false;
        onNextModal([](QMessageBox *box) { box->button(QMessageBox::Cancel)->click(); }, &seen);
        QSignalSpy finished(gui.services()->session(), &Session::callFinished);
        QTest::mouseClick(gui.find<QAbstractButton>(QStringLiteral("sendButton")), Qt::LeftButton);
        QVERIFY(seen);
        QVERIFY(!finished.wait(500));

        // Accepted: sent as typed, and Pi's answer is shown.
        seen = false;
        onNextModal(
            [](QMessageBox *box) {
                box->findChild<QAbstractButton *>(QStringLiteral("sendAnywayButton"))->click();
            },
            &seen);
        QVERIFY(gui.sendAndWait());
        QVERIFY(seen);
        QCOMPARE(gui.text(QStringLiteral("errorCodeEdit")), QStringLiteral("invalid_json"));
    }

    void escapeCancelsACallInFlight()
    {
        GuiDriver gui;
        QVERIFY(gui.start());
        gui.compose("GET", QStringLiteral("/v1/ping"));
        gui.setFault(QStringLiteral("latency=5000"));
        QSignalSpy finished(gui.services()->session(), &Session::callFinished);
        QTest::mouseClick(gui.find<QAbstractButton>(QStringLiteral("sendButton")), Qt::LeftButton);
        auto *cancel = gui.find<QAbstractButton>(QStringLiteral("cancelButton"));
        QTRY_VERIFY(cancel->isEnabled());
        QTRY_VERIFY(gui.find<QLabel>(QStringLiteral("progressLabel"))
                        ->text()
                        .contains(QLatin1String("in flight")));
        QTest::keyClick(gui.window(), Qt::Key_Escape);
        QVERIFY(finished.count() > 0 || finished.wait(3000));
        QCOMPARE(finished.first().first().value<CallRecord>().outcome,
                 CallRecord::Outcome::Cancelled);
        QVERIFY(!cancel->isEnabled());
    }

    void gaugeCountsDownToExhaustedAndSendWarns()
    {
        // The sandbox's window starts now and lasts 100 s, so the budget below is spent in
        // one; the countdown runs on the test's clock.
        TestClock clock;
        GuiDriver gui({QStringLiteral("--limit"), QStringLiteral("3"), QStringLiteral("--window"),
                       QStringLiteral("100"), QStringLiteral("--window-start"),
                       QString::number(QDateTime::currentSecsSinceEpoch())},
                      &clock);
        QVERIFY(gui.start());
        auto *gauge = gui.find<RateLimitGauge>(QStringLiteral("rateLimitGauge"));
        gui.compose("GET", QStringLiteral("/v1/ping"));
        QVERIFY(gui.sendAndWait());
        QAccessibleInterface *a11y = QAccessible::queryAccessibleInterface(gauge);
        QVERIFY(a11y && a11y->valueInterface());
        QCOMPARE(a11y->text(QAccessible::Name), QStringLiteral("Rate limit"));
        QCOMPARE(a11y->valueInterface()->maximumValue().toInt(), 3);
        QCOMPARE(a11y->valueInterface()->currentValue().toInt(), 2);
        static const QRegularExpression described(
            QStringLiteral("^2 of 3 left, resets in 1:[34]\\d$"));
        QVERIFY2(described.match(gauge->text()).hasMatch(), qPrintable(gauge->text()));
        QCOMPARE(a11y->text(QAccessible::Description), gauge->text());

        // The reset is a Unix time; the headers and the support report put the date beside it.
        const CallRecord first = gui.find<ResponsePanel>(QStringLiteral("responsePanel"))->record();
        const QString reset = QDateTime::fromSecsSinceEpoch(first.rateLimit.resetUnix, Qt::UTC)
                                  .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
        const QString headers =
            gui.find<QPlainTextEdit>(QStringLiteral("headersView"))->toPlainText();
        QVERIFY2(headers.contains(QStringLiteral("X-RateLimit-Reset: %1    (%2)")
                                      .arg(first.rateLimit.resetUnix)
                                      .arg(reset)),
                 qPrintable(headers));
        QVERIFY(SupportReport::forRecord(first).contains(
            QStringLiteral("reset at %1 (%2)").arg(first.rateLimit.resetUnix).arg(reset)));

        const qint64 before = gui.services()->session()->currentTracker()->msUntilReset();
        clock.advanceMs(1100);
        QCOMPARE(gui.services()->session()->currentTracker()->msUntilReset(), before - 1100);

        QVERIFY(gui.sendAndWait());
        QVERIFY(gui.sendAndWait());
        QVERIFY(gui.services()->session()->currentTracker()->exhausted());
        QCOMPARE(a11y->valueInterface()->currentValue().toInt(), 0);
        QVERIFY(a11y->text(QAccessible::Description).contains(QLatin1String("429")));
        // Spent, the bar is an error-coloured warning, not an empty grey track.
        const QImage bar = gauge->grab().toImage();
        const QColor middle =
            bar.pixelColor(bar.width() / 3, 3 + gauge->fontMetrics().height() / 3);
        QVERIFY2(middle.red() - middle.green() > 20, qPrintable(middle.name()));

        clickSendAtResetOnTheWarning(gui);
        QVERIFY(gui.services()->session()->hasQueuedSend());
        gui.services()->session()->cancelQueuedSend();
    }

    // The warnings before a send that would cost money default to what spends nothing:
    // Enter on the rate-limit warning neither queues nor sends.
    void enterOnTheRateLimitWarningSpendsNothing()
    {
        GuiDriver gui({QStringLiteral("--limit"), QStringLiteral("1"), QStringLiteral("--window"),
                       QStringLiteral("60")});
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        QVERIFY(gui.sendAndWait());
        QVERIFY(gui.services()->session()->currentTracker()->exhausted());
        QSignalSpy started(gui.services()->session(), &Session::callStarted);
        bool seen = false;
        onNextModal([](QMessageBox *box) { QTest::keyClick(box, Qt::Key_Return); }, &seen);
        QTest::mouseClick(gui.find<QAbstractButton>(QStringLiteral("sendButton")), Qt::LeftButton);
        QTRY_VERIFY(seen);
        QVERIFY(!gui.services()->session()->hasQueuedSend());
        QTest::qWait(100);
        QCOMPARE(started.count(), 0);
    }

    void aQueuedSendMovesTheComposerToTheNextKey()
    {
        GuiDriver gui({QStringLiteral("--limit"), QStringLiteral("1"), QStringLiteral("--window"),
                       QStringLiteral("2")});
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        RateLimitTracker *tracker = gui.services()->session()->currentTracker();
        gui.compose("POST", QStringLiteral("/v1/charges"), QStringLiteral("{\"amount\": 5}"));
        // Spend the budget early enough in a window to queue the next send.
        for (int i = 0; i < 4 && !(tracker->exhausted() && tracker->msUntilReset() >= 1000); ++i) {
            if (tracker->exhausted())
                QTRY_VERIFY_WITH_TIMEOUT(!tracker->exhausted(), 5000);
            QVERIFY(gui.sendAndWait());
        }
        QVERIFY(tracker->exhausted());
        const QString queuedKey = gui.text(QStringLiteral("idempotencyKeyEdit"));
        QSignalSpy finished(gui.services()->session(), &Session::callFinished);
        clickSendAtResetOnTheWarning(gui);
        QVERIFY(gui.services()->session()->hasQueuedSend());
        // In sight apart from the progress line, with a working Cancel.
        auto *queued = gui.find<QLabel>(QStringLiteral("queuedLabel"));
        QVERIFY2(queued->text().startsWith(QLatin1String("Queued: POST /v1/charges")),
                 qPrintable(queued->text()));
        QVERIFY(queued->isVisible());
        QVERIFY(gui.find<QAbstractButton>(QStringLiteral("cancelButton"))->isEnabled());
        QVERIFY(gui.text(QStringLiteral("idempotencyKeyEdit")) != queuedKey);
        QVERIFY(finished.wait(5000));
        const auto record = finished.first().first().value<CallRecord>();
        QCOMPARE(record.idempotencyKey, queuedKey.toLatin1());
        QCOMPARE(record.status, 201);
        QVERIFY(!gui.services()->session()->hasQueuedSend());
        QVERIFY(queued->isHidden());
        // The next Send, in the next window, is a new charge: not a replay, not a 409.
        QTRY_VERIFY_WITH_TIMEOUT(!tracker->exhausted(), 5000);
        QVERIFY(gui.sendAndWait());
        QCOMPARE(gui.text(QStringLiteral("statusEdit")), QStringLiteral("201 Created"));
        QVERIFY(gui.find<QLabel>(QStringLiteral("replayBadge"))->isHidden());
    }

    // Two sends queued: both stay in sight, neither replaces the other, a Send meanwhile
    // hides neither, and Cancel cancels them, so nothing goes out at the reset.
    void queuedSendsStayInSightUntilSentOrCancelled()
    {
        GuiDriver gui({QStringLiteral("--limit"), QStringLiteral("1"), QStringLiteral("--window"),
                       QStringLiteral("60")});
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        gui.compose("GET", QStringLiteral("/v1/ping"));
        QVERIFY(gui.sendAndWait());
        QVERIFY(gui.services()->session()->currentTracker()->exhausted());
        clickSendAtResetOnTheWarning(gui);
        gui.compose("GET", QStringLiteral("/v1/usage"));
        clickSendAtResetOnTheWarning(gui);
        auto *queued = gui.find<QLabel>(QStringLiteral("queuedLabel"));
        QCOMPARE(gui.services()->session()->queuedSends().size(), 2);
        QVERIFY2(queued->text().contains(QLatin1String("/v1/ping")) &&
                     queued->text().contains(QLatin1String("/v1/usage")),
                 qPrintable(queued->text()));
        // A Send now (answered 429) leaves both in sight.
        bool seen = false;
        onNextModal(
            [](QMessageBox *box) {
                box->findChild<QAbstractButton *>(QStringLiteral("sendNowButton"))->click();
            },
            &seen);
        QVERIFY(gui.clickAndWaitForCall(gui.find<QAbstractButton>(QStringLiteral("sendButton"))));
        QVERIFY(seen);
        QCOMPARE(gui.services()->session()->queuedSends().size(), 2);
        QVERIFY(queued->text().contains(QLatin1String("/v1/usage")));
        // Cancel (Esc) cancels them both.
        QSignalSpy started(gui.services()->session(), &Session::callStarted);
        QTest::mouseClick(gui.find<QAbstractButton>(QStringLiteral("cancelButton")),
                          Qt::LeftButton);
        QVERIFY(!gui.services()->session()->hasQueuedSend());
        QVERIFY(queued->isHidden());
        QVERIFY(!gui.find<QAbstractButton>(QStringLiteral("cancelButton"))->isEnabled());
        QCOMPARE(started.count(), 0);
    }

    void aWaitOfYearsIsNotQueued()
    {
        GuiDriver gui;
        QVERIFY2(gui.start(), qPrintable(gui.errorText()));
        RecordingServer limited;
        QVERIFY(limited.listenOn(QHostAddress(QStringLiteral("127.0.0.1"))));
        limited.setResponse(429,
                            {{"Content-Type", "application/json"},
                             {"Retry-After", "Wed, 21 Oct 2037 07:28:00 GMT"},
                             {"X-Request-Id", "req_pi_00000000-0000-4000-8000-000000000000"}},
                            "{\"error\":{\"type\":\"rate_limit_error\",\"code\":"
                            "\"rate_limit_exceeded\",\"message\":\"Too many\",\"request_id\":"
                            "\"req_pi_00000000-0000-4000-8000-000000000000\"}}");
        AppServices *app = gui.services();
        const Profile p = app->session()->profiles()->upsert(
            {QString(), QStringLiteral("Limited"), limited.url(QStringLiteral("/")), true});
        app->session()->keys()->setSessionKey(p.id, SandboxProcess::demoKey());
        app->session()->setCurrentProfile(p.id);
        gui.compose("GET", QStringLiteral("/v1/ping"));
        QVERIFY(gui.sendAndWait());
        QVERIFY(app->session()->currentTracker()->exhausted());
        clickSendAtResetOnTheWarning(gui);
        QVERIFY(!app->session()->hasQueuedSend());
        const QString said = gui.find<QLabel>(QStringLiteral("progressLabel"))->text();
        QVERIFY2(said.contains(QLatin1String("longer than the 15 minutes")), qPrintable(said));
    }

    void historyFilterByRequestIdFindsTheCall()
    {
        GuiDriver gui;
        QVERIFY(gui.start());
        gui.compose("GET", QStringLiteral("/v1/ping"));
        QVERIFY(gui.sendAndWait());
        const QString wanted = gui.text(QStringLiteral("requestIdEdit"));
        for (int i = 0; i < 4; ++i)
            QVERIFY(gui.sendAndWait());
        QVERIFY(gui.text(QStringLiteral("requestIdEdit")) != wanted);

        auto *filter = gui.find<QLineEdit>(QStringLiteral("filterEdit"));
        filter->setFocus();
        QApplication::clipboard()->setText(wanted);
        QTest::keySequence(filter, QKeySequence::Paste);
        QTest::keyClick(filter, Qt::Key_Return);
        auto *view = gui.find<QTableView>(QStringLiteral("historyView"));
        QTRY_COMPARE(view->model()->rowCount(), 1);
        QCOMPARE(view->currentIndex().row(), 0);
        QTRY_COMPARE(gui.text(QStringLiteral("requestIdEdit")),
                     wanted); // shown in the response panel
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
