// Writes calls to a history file as fast as it can and prints the id of each one after its
// commit, until it is killed. tst_historycrash kills it at random moments.
#include "historycodec.h"
#include "historydatabase.h"
#include "historyschema.h"
#include "samplecalls.h"

#include <QCoreApplication>
#include <QSqlQuery>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QString path = app.arguments().value(1);
    QString error;
    QSqlDatabase db = HistoryDatabase::connect(path, QStringLiteral("crash-writer"), &error);
    if (!db.isOpen() || !HistorySchema::migrate(db, &error)) {
        std::fprintf(stderr, "cannot open: %s\n", qPrintable(error));
        return 1;
    }
    QSqlQuery q(db);
    q.prepare(HistoryCodec::insertSql());
    for (int n = 0;; ++n) {
        CallRecord r =
            SampleCalls::make(n, n % 3 ? 200 : 429, QStringLiteral("rate_limit_exceeded"));
        r.responseBody += QByteArray(n % 5000, 'p'); // rows of varied size, some over a page
        HistoryCodec::bind(q, r, 1024 * 1024);
        if (!q.exec())
            return 2;
        std::printf("%lld\n", q.lastInsertId().toLongLong());
        std::fflush(stdout);
    }
}
