// Renders the main states of the window into PNG files for the README and the AppStream
// metainfo: `make screenshots` (offscreen, against a real pi-sandbox).
#include "guidriver.h"

#include <QApplication>
#include <QDir>
#include <QTableWidget>
#include <QTemporaryDir>

#include <cstdio>

namespace {

bool save(MainWindow *window, const QString &dir, const char *name)
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

    GuiDriver gui({QStringLiteral("--limit"), QStringLiteral("6"), QStringLiteral("--window"),
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

    while (ok && !gui.services()->session->currentTracker()->exhausted())
        ok = gui.sendAndWait();
    ok = ok && save(w, out, "rate-limit");
    return ok ? 0 : 1;
}
