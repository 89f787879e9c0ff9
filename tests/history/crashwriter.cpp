// Records calls through HistoryStore, the app's own path (its writer thread, one commit per
// call), as fast as it can, and prints the id of each one once the store reports it written,
// until it is killed. tst_historycrash kills it at random moments.
#include "core/history/historydatabase.h"
#include "core/history/historystore.h"
#include "support/samplecalls.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const HistoryDatabase::Opened db = HistoryDatabase::prepare(app.arguments().value(1));
    if (!db.ok || db.inMemory) {
        std::fprintf(stderr, "cannot open: %s\n", qPrintable(db.message));
        return 1;
    }
    HistoryStore store(db);
    int n = 0;
    const auto recordMore = [&] {
        // A batch at a time, so the writer always has calls queued when the kill comes.
        for (int i = 0; i < 20; ++i, ++n) {
            CallRecord r =
                SampleCalls::make(n, n % 3 ? 200 : 429, QStringLiteral("rate_limit_exceeded"));
            r.responseBody += QByteArray(n % 5000, 'p'); // rows of varied size
            store.record(r);
        }
    };
    int pending = 0;
    QObject::connect(&store, &HistoryStore::stored, &app, [&](const CallRecord &stored) {
        std::printf("%lld\n", stored.id);
        std::fflush(stdout);
        if (--pending == 0) {
            recordMore();
            pending = 20;
        }
    });
    QObject::connect(&store, &HistoryStore::failed, &app, [](const QString &message) {
        std::fprintf(stderr, "%s\n", qPrintable(message));
        std::exit(2);
    });
    recordMore();
    pending = 20;
    return QCoreApplication::exec();
}
