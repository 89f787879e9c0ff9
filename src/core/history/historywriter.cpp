#include "historywriter.h"

#include "historycodec.h"
#include "historydatabase.h"

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
    if (++m_writesSincePrune >= 500)
        prune();
}

void HistoryWriter::prune()
{
    m_writesSincePrune = 0;
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
