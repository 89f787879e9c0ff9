// One Pi Console session with a canary key, through everything a key could leak by: calls
// that succeed and fail, calls refused for holding the key, a server echoing the key, a
// retry, every copy action, the exports, comparisons copied as text, a pin named with the key,
// debug logging of every category. It prints what the
// clipboard held, then "CANARY-KILL" while history writes are still queued, and waits to be
// killed. tst_canary looks for the key in everything it left behind.
#include "app/common/clipboard.h"
#include "app/history/historypanel.h"
#include "app/request/requestpanel.h"
#include "app/response/responsepanel.h"
#include "app/startup/appservices.h"
#include "app/window/mainwindow.h"
#include "core/compare/calldiff.h"
#include "core/curl/curlexport.h"
#include "core/history/historymodel.h"
#include "core/report/supportreport.h"
#include "core/secrets/redaction.h"
#include "support/recordingserver.h"
#include "support/sandboxprocess.h"
#include "support/tinyproxyprocess.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QEventLoop>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QTextStream>

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

struct Console
{
    AppServices *services;
    MainWindow *window;

    template <typename T>
    T *find(const char *name) const
    {
        T *found = window->findChild<T *>(QLatin1String(name));
        if (!found) {
            out() << "no widget " << name << Qt::endl;
            std::exit(6);
        }
        return found;
    }

    void compose(const QByteArray &method, const QString &path, const QByteArray &body = {},
                 const HttpHeaders &headers = {})
    {
        ApiRequest r;
        r.method = method;
        r.path = path;
        r.body = body;
        r.headers = headers;
        find<RequestPanel>("requestPanel")->setRequest(r);
    }

    CallRecord click(const char *button)
    {
        QSignalSpy finished(services->session(), &Session::callFinished);
        QTest::mouseClick(find<QPushButton>(button), Qt::LeftButton);
        if (finished.isEmpty() && !finished.wait(20000))
            return {};
        return finished.first().first().value<CallRecord>();
    }

    CallRecord send() { return click("sendButton"); }

    void copyWith(const char *button)
    {
        QTest::mouseClick(find<QAbstractButton>(button), Qt::LeftButton);
        out() << "clipboard(" << button << "): " << QApplication::clipboard()->text() << Qt::endl;
    }
};

bool saveKey(AppServices &services, const QString &profileId, const QString &key)
{
    QEventLoop loop;
    bool ok = false;
    services.session()->keys()->saveKey(profileId, key, [&](const KeyVault::Result &r) {
        ok = r.ok();
        loop.quit();
    });
    loop.exec();
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("pi-console")); // the app's own folders
    Redaction::installLogFilter();
    if (argc < 3)
        return 2;
    const QString key = QString::fromLatin1(argv[1]);
    const QString exportDir = QString::fromLocal8Bit(argv[2]);
    qRegisterMetaType<CallRecord>();

    // The sandbox is the server here, not the app: with every category on it would print the
    // requests it receives, Authorization included, as any server's debug log does.
    qunsetenv("QT_LOGGING_RULES");
    SandboxProcess sandbox({QStringLiteral("--key"), key});
    if (!sandbox.start()) {
        out() << "sandbox: " << sandbox.errorText() << Qt::endl;
        return 3;
    }
    RecordingServer echo;
    echo.listenOn(QHostAddress(QStringLiteral("127.0.0.1")));
    const QByteArray k = key.toUtf8();
    echo.setResponse(401, {{"Content-Type", "application/json"}, {"X-Echo", "Bearer " + k}},
                     "{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\","
                     "\"message\":\"The key " +
                         k + " (" + QByteArray(k + ':').toBase64() +
                         ") is revoked\",\"request_id\":\"req_pi_echo\"}}");

    AppServices::Options options;
    options.startSandbox = false;
    options.keychainService = QStringLiteral("Pi Console canary");
    AppServices services(options);
    const Profile canary = services.session()->profiles()->upsert(
        {QString(), QStringLiteral("Canary"), sandbox.baseUrl(), false});
    const Profile echoing = services.session()->profiles()->upsert(
        {QString(), QStringLiteral("Echo"), echo.url({}), false});
    if (!saveKey(services, canary.id, key) || !saveKey(services, echoing.id, key)) {
        out() << "the keychain refused the key\n";
        return 4;
    }
    services.session()->setCurrentProfile(canary.id);
    MainWindow window(&services);
    window.show();
    Console c{&services, &window};
    int calls = 0;
    const auto expect = [&calls](const CallRecord &r, CallRecord::Outcome outcome, int status) {
        ++calls;
        out() << "call " << calls << ": " << int(r.outcome) << ' ' << r.status << ' ' << r.errorText
              << Qt::endl;
        if (r.outcome != outcome || r.status != status) {
            out() << "UNEXPECTED" << Qt::endl;
            out().flush();
            std::exit(5);
        }
    };

    c.compose("GET", QStringLiteral("/v1/ping"));
    expect(c.send(), CallRecord::Outcome::Completed, 200);
    c.compose("POST", QStringLiteral("/v1/charges"), "{\"amount\":1250,\"currency\":\"eur\"}");
    const CallRecord charge = c.send();
    expect(charge, CallRecord::Outcome::Completed, 201);
    c.compose("GET", QStringLiteral("/v1/nowhere"));
    expect(c.send(), CallRecord::Outcome::Completed, 404);
    c.compose("GET", QStringLiteral("/v1/ping"), {}, {{"Pi-Sandbox-Fault", "status=503"}});
    expect(c.send(), CallRecord::Outcome::Completed, 503);

    // Refused: the key in the query, a header and the body, as typed and encoded.
    QByteArray everyCharEncoded;
    for (const char ch : k)
        everyCharEncoded += '%' + QByteArray(1, ch).toHex();
    c.compose("GET", QStringLiteral("/v1/ping?api_key=") + key);
    expect(c.send(), CallRecord::Outcome::Refused, 0);
    c.compose("GET", QStringLiteral("/v1/ping?k=") + QString::fromLatin1(everyCharEncoded));
    expect(c.send(), CallRecord::Outcome::Refused, 0);
    c.compose("GET", QStringLiteral("/v1/ping"), {}, {{"X-Debug", k}});
    expect(c.send(), CallRecord::Outcome::Refused, 0);
    c.compose("GET", QStringLiteral("/v1/ping"), {},
              {{"X-Auth", "Basic " + QByteArray(k + ':').toBase64()}});
    expect(c.send(), CallRecord::Outcome::Refused, 0);
    c.compose("POST", QStringLiteral("/v1/charges"), "{\"note\":\"" + k + "\"}");
    expect(c.send(), CallRecord::Outcome::Refused, 0);

    // A server that echoes the key in its error message and a header.
    services.session()->setCurrentProfile(echoing.id);
    c.compose("GET", QStringLiteral("/v1/ping"));
    expect(c.send(), CallRecord::Outcome::Completed, 401);
    c.copyWith("copySupportButton");
    services.session()->setCurrentProfile(canary.id);

    // A proxy that asks for a password, and the password is the canary: asked for once,
    // kept in the keychain, and found nowhere else. The proxy's own files are outside the
    // folders searched (its configuration holds the password, as any proxy's does).
    TinyproxyProcess proxy(QStringLiteral("canary"), key,
                           qEnvironmentVariable("PI_PRIVATE_ROOT") + QStringLiteral("/proxy"));
    if (!proxy.start()) {
        out() << "proxy: " << proxy.errorText() << Qt::endl;
        return 6;
    }
    NetworkSettings viaProxy;
    viaProxy.proxy = NetworkSettings::Proxy::Own;
    viaProxy.proxyUrl = proxy.address();
    const Profile proxied = services.session()->profiles()->upsert(
        {QString(), QStringLiteral("Proxied"), sandbox.baseUrl(), false, false, viaProxy});
    services.session()->keys()->setSessionKey(proxied.id, key);
    int asked = 0;
    services.proxyAuth()->setAsk(
        [&asked, key](const QString &, bool, ProxyAuth::Credentials *given) {
            ++asked;
            *given = {QStringLiteral("canary"), key};
            return true;
        });
    services.session()->setCurrentProfile(proxied.id);
    c.compose("GET", QStringLiteral("/v1/ping"));
    expect(c.send(), CallRecord::Outcome::Completed, 200);
    out() << "proxy asked " << asked << Qt::endl;
    c.copyWith("copySupportButton");
    services.session()->setCurrentProfile(canary.id);

    // A retry of the charge, from the response panel, then every copy action on it.
    c.find<ResponsePanel>("responsePanel")->showCall(charge);
    c.compose("POST", QStringLiteral("/v1/charges"), charge.requestBody);
    expect(c.click("retryButton"), CallRecord::Outcome::Completed, 201);
    for (const char *button : {"copyRequestIdButton", "copySupportButton", "copyCurlButton"})
        c.copyWith(button);

    // The same from the history: every call, read back from the database.
    services.history()->flush();
    auto *history = c.find<HistoryPanel>("historyPanel");
    for (int waited = 0; history->model()->rowCount() < calls && waited < 10000; waited += 50)
        QTest::qWait(50);
    c.find<QTableView>("historyView")->selectAll();
    const QList<CallRecord> stored = history->selectedCalls();
    out() << "history holds " << stored.size() << " calls\n";
    for (const CallRecord &r : stored) {
        for (const QString &text : {QString::fromLatin1(r.requestId()), SupportReport::forRecord(r),
                                    CurlExport::fromRecord(r)}) {
            Clipboard::copy(text);
            out() << "clipboard(history): " << QApplication::clipboard()->text() << Qt::endl;
        }
    }
    for (const bool har : {true, false}) {
        const QString path =
            exportDir + (har ? QStringLiteral("/calls.har") : QStringLiteral("/calls.jsonl"));
        const QString error = HistoryPanel::exportTo(path, stored, har);
        out() << "exported " << path << ' ' << error << Qt::endl;
    }

    // Every pair compared and copied as text; a call pinned under a name that holds the key.
    for (qsizetype i = 1; i < stored.size(); ++i) {
        Clipboard::copy(CallDiff::compare(stored.at(i - 1), stored.at(i)).toText());
        out() << "clipboard(comparison): " << QApplication::clipboard()->text() << Qt::endl;
    }
    if (!stored.isEmpty())
        services.history()->setPinned(stored.first().id, true, QStringLiteral("pinned ") + key);
    services.history()->flush();

    // Killed with writes still queued: nothing half-written may hold the key either.
    for (int i = 0; i < 20; ++i) {
        c.compose("GET", QStringLiteral("/v1/ping?api_key=") + key);
        services.session()->send(c.find<RequestPanel>("requestPanel")->request());
    }
    QTest::qWait(20);
    out() << "calls " << calls << "\nCANARY-KILL" << Qt::endl;
    return app.exec();
}
