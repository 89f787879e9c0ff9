#pragma once

#include "core/history/historycodec.h"
#include "core/history/historyfilter.h"
#include "core/history/historyrow.h"
#include "core/net/callrecord.h"

#include <QList>
#include <QStringList>

// Reads of the history on one connection: pages of rows newest first (keyset paging, so a
// million rows cost what one page costs), whole records, and chains of retries.
class HistoryQuery final
{
public:
    explicit HistoryQuery(QString connectionName);

    // Rows matching the filter with id < beforeId (0: from the newest), newest first.
    QList<HistoryRow> page(const HistoryFilter &filter, qint64 beforeId, int limit) const;
    // The full record, or a record with id 0 when there is none.
    CallRecord load(qint64 id) const;
    // The same with its bodies as stored, for HistoryCodec::unpack() on another thread.
    HistoryCodec::Packed loadPacked(qint64 id) const;
    // Every call that used this idempotency key, oldest first.
    QList<HistoryRow> chain(const QByteArray &idempotencyKey) const;
    QString lastError() const { return m_lastError; }

    // The FTS5 query for what a person typed: each word a quoted prefix term.
    static QString ftsQuery(const QString &text);

private:
    QString m_connection;
    mutable QString m_lastError;
};
