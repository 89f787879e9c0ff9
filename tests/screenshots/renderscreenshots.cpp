// Renders the main states of the window into PNG files for the README and the AppStream
// metainfo: `make screenshots` (offscreen, against a real pi-sandbox).
#include "app/compare/callcomparisondialog.h"
#include "app/profiles/profilesdialog.h"
#include "app/request/requestpanel.h"
#include "support/guidriver.h"

#include <QApplication>
#include <QComboBox>
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

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x45, 0x47, 0x4c));
    p.setColor(QPalette::Midlight, QColor(0x3a, 0x3c, 0x40));
    p.setColor(QPalette::Mid, QColor(0x5a, 0x5c, 0x61));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x6f, 0xb4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    p.setColor(QPalette::LinkVisited, QColor(0xc5, 0x9b, 0xf2));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    return p;
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
    w->resize(1366, 768); // a laptop's screen, the smallest the window is made for
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
    gui.services()->history()->flush(5000);
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

    // A dark theme: every colour comes from the palette or from its dark shade.
    const QPalette light = QApplication::palette();
    QApplication::setPalette(darkPalette());
    gui.find<QComboBox>(QStringLiteral("idempotencyModeCombo"))->setCurrentIndex(0); // new UUID
    gui.compose("POST", QStringLiteral("/v1/charges"),
                QStringLiteral("{\n  \"amount\": 990,\n  \"currency\": \"eur\",\n  "
                               "\"description\": \"Night shift\"\n}"));
    ok = ok && gui.sendAndWait();
    ok = ok && save(w, out, "main-window-dark");
    QApplication::setPalette(light);

    // Profiles…, with a company's proxy and certificate authority.
    {
        Session *session = gui.services()->session();
        NetworkSettings office;
        office.proxy = NetworkSettings::Proxy::Own;
        office.proxyUrl = QUrl(QStringLiteral("http://proxy.corp.example:3128"));
        office.caFile = QStringLiteral("/etc/ssl/corp/company-ca.pem");
        const Profile staging = session->profiles()->upsert(
            {QString(), QStringLiteral("Staging (office)"),
             QUrl(QStringLiteral("https://staging.api.example-pi.dev")), false, false, office});
        const QString current = session->currentProfile().id;
        session->setCurrentProfile(staging.id);
        ProfilesDialog profiles(session, gui.services()->client(), w);
        profiles.show();
        ok = ok && save(&profiles, out, "profiles");
        profiles.close();
        session->setCurrentProfile(current);
    }

    while (ok && !gui.services()->session()->currentTracker()->exhausted())
        ok = gui.sendAndWait();
    ok = ok && save(w, out, "rate-limit");
    return ok ? 0 : 1;
}
