#include "core/history/historywriter.h"

#include "core/base/logging.h"
#include "core/history/historycodec.h"
#include "core/history/historydatabase.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

HistoryWriter::HistoryWriter(QString path, Retention retention)
    : m_path(std::move(path))
    , m_connection(QStringLiteral("pi-history-writer-") + QUuid::createUuid().toString())
    , m_retention(retention)
{}

HistoryWriter::~HistoryWriter()
{
    HistoryDatabase::disconnect(m_connection);
}

void HistoryWriter::open()
{
    QString error;
    const QSqlDatabase db = HistoryDatabase::connect(m_path, m_connection, &error);
    if (!db.isOpen())
        Q_EMIT failed(tr("The history cannot be written: %1").arg(error));
}

void HistoryWriter::write(const CallRecord &record)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.prepare(HistoryCodec::insertSql());
    HistoryCodec::bind(q, record, m_retention.responseBodyCap);
    if (!q.exec()) {
        qCWarning(lcHistory) << "history write failed:" << q.lastError().text();
        Q_EMIT failed(tr("A call could not be saved to the history: %1").arg(q.lastError().text()));
        return;
    }
    CallRecord stored = record;
    stored.id = q.lastInsertId().toLongLong();
    if (stored.responseBody.size() > m_retention.responseBodyCap) {
        stored.responseTruncated = true;
        stored.responseBody.truncate(m_retention.responseBodyCap);
    }
    Q_EMIT written(stored);
    // Often enough that large bodies cannot carry the file far past its byte budget.
    m_bytesSincePrune += record.requestBody.size() + stored.responseBody.size();
    if (++m_writesSincePrune >= 500 ||
        (m_retention.maxBytes > 0 && m_bytesSincePrune >= m_retention.maxBytes / 50))
        prune();
}

void HistoryWriter::prune()
{
    m_writesSincePrune = 0;
    m_bytesSincePrune = 0;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    if (m_retention.maxCalls > 0) {
        q.prepare(QStringLiteral("DELETE FROM calls WHERE pinned = 0 AND id <= (SELECT id FROM "
                                 "calls WHERE pinned = 0 ORDER BY id DESC LIMIT 1 OFFSET ?)"));
        q.addBindValue(m_retention.maxCalls);
        q.exec();
    }
    if (m_retention.maxAgeDays > 0) {
        q.prepare(QStringLiteral("DELETE FROM calls WHERE pinned = 0 AND started_ms < ?"));
        q.addBindValue(QDateTime::currentMSecsSinceEpoch() -
                       qint64(m_retention.maxAgeDays) * 24 * 3600 * 1000);
        q.exec();
    }
    pruneToBytes();
}

void HistoryWriter::pruneToBytes()
{
    if (m_retention.maxBytes <= 0)
        return;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const auto number = [&db](const QString &sql) {
        QSqlQuery q(db);
        return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
    };
    // The pages in use, not the file's size: deleted calls free pages that new ones reuse, so
    // the file stays near the budget without a VACUUM on every prune.
    const qint64 pageSize = number(QStringLiteral("PRAGMA page_size"));
    for (int round = 0; round < 8; ++round) {
        const qint64 used = (number(QStringLiteral("PRAGMA page_count")) -
                             number(QStringLiteral("PRAGMA freelist_count"))) *
                            pageSize;
        // The newest call stays, whatever its size: it was just reported as stored.
        const qint64 unpinned =
            number(QStringLiteral("SELECT count(*) FROM calls WHERE pinned = 0 AND id < (SELECT "
                                  "max(id) FROM calls)"));
        if (used <= m_retention.maxBytes || unpinned <= 0 || pageSize <= 0)
            return;
        // Down to 90 % of the budget, the oldest first, judged by the average call.
        const qint64 total =
            std::max<qint64>(1, number(QStringLiteral("SELECT count(*) FROM calls")));
        const qint64 perCall = std::max<qint64>(1, used / total);
        const qint64 excess = used - m_retention.maxBytes * 9 / 10;
        const qint64 n = std::clamp<qint64>(excess / perCall + 1, 1, unpinned);
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM calls WHERE id IN (SELECT id FROM calls WHERE "
                                 "pinned = 0 AND id < (SELECT max(id) FROM calls) ORDER BY id "
                                 "LIMIT ?)"));
        q.addBindValue(n);
        if (!q.exec())
            return;
    }
}

void HistoryWriter::compact()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    if (!q.exec(QStringLiteral("VACUUM")))
        Q_EMIT failed(tr("The history could not be compacted: %1").arg(q.lastError().text()));
    q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    Q_EMIT compacted();
}

void HistoryWriter::clear()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("DELETE FROM calls WHERE pinned = 0"))) {
        Q_EMIT failed(tr("The history could not be cleared: %1").arg(q.lastError().text()));
        return;
    }
    q.exec(QStringLiteral("INSERT INTO calls_fts(calls_fts) VALUES ('rebuild')"));
    q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    q.exec(QStringLiteral("VACUUM"));
    Q_EMIT cleared();
}

void HistoryWriter::setPinned(qint64 id, bool pinned, const QString &name)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("UPDATE calls SET pinned = ?, pin_name = ?, pin_key = ? WHERE id = ?"));
    q.addBindValue(pinned ? 1 : 0);
    const QVariant none(QMetaType::fromType<QString>());
    q.addBindValue(pinned && !name.isEmpty() ? QVariant(name) : none);
    q.addBindValue(pinned && !name.isEmpty() ? QVariant(name.toCaseFolded()) : none);
    q.addBindValue(id);
    if (!q.exec() || q.numRowsAffected() != 1) {
        Q_EMIT failed(tr("The call could not be %1: %2")
                          .arg(pinned ? tr("pinned") : tr("unpinned"),
                               q.lastError().isValid() ? q.lastError().text()
                                                       : tr("it is no longer in the history")));
        return;
    }
    Q_EMIT pinChanged(id, pinned, pinned ? name : QString());
}

void HistoryWriter::setRetention(const Retention &retention)
{
    m_retention = retention;
    prune();
}
