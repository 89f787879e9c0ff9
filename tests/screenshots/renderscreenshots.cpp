// Renders the main states of the window into PNG files for the README and the AppStream
// metainfo: `make screenshots` (offscreen, against a real pi-sandbox).
#include "compare/callcomparisondialog.h"
#include "request/requestpanel.h"
#include "support/guidriver.h"

#include <QApplication>
#include <QDir>
#include <QTableWidget>
#include <QTemporaryDir>

#include <cstdio>

namespace {

bool save(QWidget *window, const QString &dir, const char *name)
{
    QTest::qWait(300); // let formatting and the gauge settle
    const QString path = dir + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".png");
    const bool ok = window->grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "FAILED", qPrintable(path));
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    // A private home: the renderer must not touch the user's settings or history.
    QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("pi-console"));
    const QString out = app.arguments().value(1, QStringLiteral("."));
    QDir().mkpath(out);

    GuiDriver gui({QStringLiteral("--limit"), QStringLiteral("10"), QStringLiteral("--window"),
                   QStringLiteral("60")});
    if (!gui.start()) {
        std::fprintf(stderr, "cannot start: %s\n", qPrintable(gui.errorText()));
        return 1;
    }
    MainWindow *w = gui.window();
    bool ok = true;

    gui.compose("POST", QStringLiteral("/v1/charges"),
                QStringLiteral("{\n  \"amount\": 1250,\n  \"currency\": \"eur\",\n  "
                               "\"description\": \"Team plan\"\n}"));
    ok = ok && gui.sendAndWait();
    ok = ok && gui.clickAndWaitForCall(gui.find<QPushButton>(QStringLiteral("retryButton")));
    ok = ok && save(w, out, "main-window");

    gui.compose("GET", QStringLiteral("/v1/nowhere"));
    ok = ok && gui.sendAndWait();
    ok = ok && save(w, out, "error-card");

    gui.compose("GET", QStringLiteral("/v1/ping"));
    gui.setFault(QStringLiteral("html"));
    ok = ok && gui.sendAndWait();
    gui.setFault({});
    ok = ok && save(w, out, "not-an-envelope");

    // Where the time went: a call the sandbox answers after 1.2 s.
    gui.compose("GET", QStringLiteral("/v1/ping"));
    gui.setFault(QStringLiteral("latency=1200"));
    ok = ok && gui.sendAndWait();
    gui.setFault({});
    auto *tabs = gui.find<QTabWidget>(QStringLiteral("tabs"));
    QWidget *timingTab = gui.find<QWidget>(QStringLiteral("timingTab"));
    for (QTabWidget *t : w->findChildren<QTabWidget *>())
        if (t->indexOf(timingTab) >= 0)
            tabs = t;
    tabs->setCurrentWidget(timingTab);
    ok = ok && save(w, out, "timing");
    tabs->setCurrentIndex(0);

    // A 409 explained: the same key with another body, compared with the first call.
    ApiRequest charge;
    charge.method = "POST";
    charge.path = QStringLiteral("/v1/charges");
    charge.idempotencyKey = "7f3e2a90-5c1b-4d7e-9a44-0b6f2c1d8e35";
    charge.body = "{\n  \"amount\": 1250,\n  \"currency\": \"eur\",\n  \"customer\": "
                  "\"cus_8812\",\n  \"description\": \"Team plan\"\n}";
    auto *composer = gui.find<RequestPanel>(QStringLiteral("requestPanel"));
    composer->setRequest(charge);
    ok = ok && gui.sendAndWait();
    gui.services()->history->flush(5000);
    QTest::qWait(200);
    charge.body = "{\n  \"amount\": 1500,\n  \"currency\": \"eur\",\n  \"customer\": "
                  "\"cus_8812\",\n  \"description\": \"Team plan, yearly\"\n}";
    composer->setRequest(charge);
    ok = ok && gui.sendAndWait();
    ok = ok && save(w, out, "conflict-summary");
    QTest::mouseClick(gui.find<QPushButton>(QStringLiteral("compareOriginalButton")),
                      Qt::LeftButton);
    CallComparisonDialog *comparison = nullptr;
    ok = ok && QTest::qWaitFor([&] {
             comparison = w->findChild<CallComparisonDialog *>();
             return comparison && comparison->isReady();
         });
    if (comparison) {
        comparison->resize(1100, 720);
        ok = ok && save(comparison, out, "call-comparison");
        comparison->close();
    }

    while (ok && !gui.services()->session->currentTracker()->exhausted())
        ok = gui.sendAndWait();
    ok = ok && save(w, out, "rate-limit");
    return ok ? 0 : 1;
}
