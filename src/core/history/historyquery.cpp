#include "core/history/historyquery.h"

#include "core/history/historycodec.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariantList>

namespace {

struct Where
{
    QStringList clauses;
    QVariantList values;

    void add(const QString &clause, const QVariantList &v = {})
    {
        clauses.append(clause);
        values.append(v);
    }
    QString sql() const
    {
        return clauses.isEmpty()
                   ? QString()
                   : QStringLiteral(" WHERE ") + clauses.join(QStringLiteral(" AND "));
    }
};

Where whereFor(const HistoryFilter &f)
{
    Where w;
    if (!f.requestIdPrefix.isEmpty()) {
        // A range, not LIKE: it uses the index whatever the case-sensitivity settings.
        const QString end = f.requestIdPrefix + QChar(0xFFFF);
        w.add(QStringLiteral(
                  "(calls.id IN (SELECT id FROM calls WHERE request_id >= ? AND request_id < ?"
                  " UNION SELECT id FROM calls WHERE header_request_id >= ? AND "
                  "header_request_id < ?))"),
              {f.requestIdPrefix, end, f.requestIdPrefix, end});
    }
    switch (f.statusClass) {
    case HistoryFilter::StatusClass::Any:
        break;
    case HistoryFilter::StatusClass::Success2xx:
        w.add(QStringLiteral("calls.status BETWEEN 200 AND 299"));
        break;
    case HistoryFilter::StatusClass::Redirect3xx:
        w.add(QStringLiteral("calls.status BETWEEN 300 AND 399"));
        break;
    case HistoryFilter::StatusClass::Client4xx:
        w.add(QStringLiteral("calls.status BETWEEN 400 AND 499"));
        break;
    case HistoryFilter::StatusClass::Server5xx:
        w.add(QStringLiteral("calls.status BETWEEN 500 AND 599"));
        break;
    case HistoryFilter::StatusClass::NoResponse:
        w.add(QStringLiteral("calls.status = 0"));
        break;
    }
    if (!f.errorCode.isEmpty())
        w.add(QStringLiteral("calls.error_code = ?"), {f.errorCode});
    if (!f.method.isEmpty())
        w.add(QStringLiteral("calls.method = ?"), {QString::fromLatin1(f.method)});
    if (!f.idempotencyKey.isEmpty())
        w.add(QStringLiteral("calls.idempotency_key = ?"), {f.idempotencyKey});
    if (f.pinnedOnly)
        w.add(QStringLiteral("calls.pinned = 1"));
    if (f.pinnedOnly && !f.pinName.isEmpty())
        w.add(QStringLiteral("instr(calls.pin_key, ?) > 0"), {f.pinName.toCaseFolded()});
    if (!f.profile.isEmpty())
        w.add(QStringLiteral("calls.profile = ?"), {f.profile});
    if (f.from.isValid())
        w.add(QStringLiteral("calls.started_ms >= ?"), {f.from.toMSecsSinceEpoch()});
    if (f.to.isValid())
        w.add(QStringLiteral("calls.started_ms < ?"), {f.to.toMSecsSinceEpoch()});
    return w;
}

} // namespace

HistoryQuery::HistoryQuery(QString connectionName)
    : m_connection(std::move(connectionName))
{}

QString HistoryQuery::ftsQuery(const QString &text)
{
    QStringList terms;
    for (QString word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        word.remove(QLatin1Char('"'));
        if (!word.isEmpty())
            terms.append(QLatin1Char('"') + word + QStringLiteral("\"*"));
    }
    return terms.join(QLatin1Char(' '));
}

QList<HistoryRow> HistoryQuery::page(const HistoryFilter &filter, qint64 beforeId, int limit) const
{
    Where w = whereFor(filter);
    // With words to find, the full-text index drives: it walks its matches newest first and
    // stops at the page's end, instead of collecting every match before the first row shows.
    const QString fts = ftsQuery(filter.text);
    QString from = QStringLiteral(" FROM calls");
    QString order = QStringLiteral(" ORDER BY calls.id DESC LIMIT ?");
    if (!fts.isEmpty()) {
        from = QStringLiteral(" FROM calls_fts JOIN calls ON calls.id = calls_fts.rowid");
        order = QStringLiteral(" ORDER BY calls_fts.rowid DESC LIMIT ?");
        w.add(QStringLiteral("calls_fts MATCH ?"), {fts});
        if (beforeId > 0)
            w.add(QStringLiteral("calls_fts.rowid < ?"), {beforeId});
    } else if (beforeId > 0) {
        w.add(QStringLiteral("calls.id < ?"), {beforeId});
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT ") + HistoryCodec::rowColumns() + from + w.sql() + order);
    for (const QVariant &v : std::as_const(w.values))
        q.addBindValue(v);
    q.addBindValue(limit);
    QList<HistoryRow> rows;
    if (!q.exec()) {
        m_lastError = q.lastError().text();
        return rows;
    }
    rows.reserve(limit);
    while (q.next())
        rows.append(HistoryCodec::rowFrom(q));
    return rows;
}

CallRecord HistoryQuery::load(qint64 id) const
{
    return HistoryCodec::unpack(loadPacked(id));
}

HistoryCodec::Packed HistoryQuery::loadPacked(qint64 id) const
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("SELECT * FROM calls WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next()) {
        m_lastError = q.lastError().text();
        return {};
    }
    return HistoryCodec::packedRecordFrom(q);
}

QList<HistoryRow> HistoryQuery::chain(const QByteArray &idempotencyKey) const
{
    HistoryFilter f;
    f.idempotencyKey = QString::fromLatin1(idempotencyKey);
    QList<HistoryRow> rows = page(f, 0, 1000);
    std::reverse(rows.begin(), rows.end());
    return rows;
}
