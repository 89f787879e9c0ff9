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
        q.prepare(QStringLiteral("DELETE FROM calls WHERE id <= (SELECT id FROM calls ORDER BY "
                                 "id DESC LIMIT 1 OFFSET ?)"));
        q.addBindValue(m_retention.maxCalls);
        q.exec();
    }
    if (m_retention.maxAgeDays > 0) {
        q.prepare(QStringLiteral("DELETE FROM calls WHERE started_ms < ?"));
        q.addBindValue(QDateTime::currentMSecsSinceEpoch() -
                       qint64(m_retention.maxAgeDays) * 24 * 3600 * 1000);
        q.exec();
    }
}

void HistoryWriter::clear()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("DELETE FROM calls"))) {
        Q_EMIT failed(tr("The history could not be cleared: %1").arg(q.lastError().text()));
        return;
    }
    q.exec(QStringLiteral("INSERT INTO calls_fts(calls_fts) VALUES ('rebuild')"));
    q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    q.exec(QStringLiteral("VACUUM"));
    Q_EMIT cleared();
}

void HistoryWriter::setRetention(const Retention &retention)
{
    m_retention = retention;
    prune();
}
