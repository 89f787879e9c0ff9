// The history filter box: HistoryFilter::fromSearchText reads what a person types (request
// ids, status:, code:, method:, key:, since:, until:, words), and HistoryQuery::ftsQuery makes
// the full-text query of the words. Any text: no crash.
#include "core/history/historyfilter.h"
#include "core/history/historyquery.h"
#include "fuzz/fuzzinput.h"

#include <QDateTime>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(
        QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)));
    static const QDateTime now = QDateTime::fromSecsSinceEpoch(1795000000, Qt::UTC);

    const HistoryFilter filter = HistoryFilter::fromSearchText(text, now);
    (void)filter.isEmpty();
    (void)HistoryQuery::ftsQuery(text);
    (void)HistoryQuery::ftsQuery(filter.text);
    return 0;
}
