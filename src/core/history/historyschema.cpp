#include "core/history/historyschema.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace HistorySchema {

namespace {

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (q.exec(sql))
        return true;
    *error = q.lastError().text() + QStringLiteral(" [") + sql.left(60) + QLatin1Char(']');
    return false;
}

const char *const version1[] = {
    "CREATE TABLE IF NOT EXISTS calls ("
    " id INTEGER PRIMARY KEY,"
    " started_ms INTEGER NOT NULL,"
    " profile TEXT NOT NULL,"
    " method TEXT NOT NULL,"
    " url TEXT NOT NULL,"
    " path TEXT NOT NULL,"
    " status INTEGER NOT NULL,"
    " outcome INTEGER NOT NULL,"
    " duration_ms INTEGER NOT NULL,"
    " request_id TEXT,"
    " header_request_id TEXT,"
    " error_type TEXT,"
    " error_code TEXT,"
    " error_message TEXT,"
    " error_text TEXT,"
    " idempotency_key TEXT,"
    " retry_of INTEGER,"
    " replayed INTEGER NOT NULL DEFAULT 0,"
    " rl_limit INTEGER,"
    " rl_remaining INTEGER,"
    " rl_reset INTEGER,"
    " rl_wait INTEGER,"
    " request_headers TEXT,"
    " request_body BLOB,"
    " response_headers TEXT,"
    " response_body BLOB,"
    " response_size INTEGER NOT NULL DEFAULT 0,"
    " response_truncated INTEGER NOT NULL DEFAULT 0,"
    " details TEXT)",
    "CREATE INDEX IF NOT EXISTS calls_request_id ON calls(request_id)",
    "CREATE INDEX IF NOT EXISTS calls_header_request_id ON calls(header_request_id)",
    "CREATE INDEX IF NOT EXISTS calls_started ON calls(started_ms)",
    "CREATE INDEX IF NOT EXISTS calls_status ON calls(status)",
    "CREATE INDEX IF NOT EXISTS calls_error_code ON calls(error_code)",
    "CREATE INDEX IF NOT EXISTS calls_idempotency_key ON calls(idempotency_key)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS calls_fts USING fts5(path, error_message, content='calls',"
    " content_rowid='id', tokenize='unicode61 tokenchars ''_-''')",
    "CREATE TRIGGER IF NOT EXISTS calls_fts_insert AFTER INSERT ON calls BEGIN"
    " INSERT INTO calls_fts(rowid, path, error_message)"
    " VALUES (new.id, new.path, coalesce(new.error_message, ''));"
    " END",
    "CREATE TRIGGER IF NOT EXISTS calls_fts_delete AFTER DELETE ON calls BEGIN"
    " INSERT INTO calls_fts(calls_fts, rowid, path, error_message)"
    " VALUES ('delete', old.id, old.path, coalesce(old.error_message, ''));"
    " END",
};

// Pinned calls: kept whatever the retention, listed by "pinned:".
const char *const version2[] = {
    "ALTER TABLE calls ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE calls ADD COLUMN pin_name TEXT",
    "ALTER TABLE calls ADD COLUMN pin_key TEXT", // the name case-folded, for "pinned:name"
    "CREATE INDEX IF NOT EXISTS calls_pinned ON calls(pinned) WHERE pinned = 1",
};

// Bodies over 1 KB stored compressed: bit 1 the response body, bit 2 the request body.
const char *const version3[] = {
    "ALTER TABLE calls ADD COLUMN body_encoding INTEGER NOT NULL DEFAULT 0",
};

} // namespace

bool configure(QSqlDatabase &db, QString *error)
{
    return exec(db, QStringLiteral("PRAGMA journal_mode=WAL"), error) &&
           exec(db, QStringLiteral("PRAGMA synchronous=NORMAL"), error) &&
           exec(db, QStringLiteral("PRAGMA busy_timeout=5000"), error) &&
           exec(db, QStringLiteral("PRAGMA foreign_keys=ON"), error);
}

bool migrate(QSqlDatabase &db, QString *error)
{
    const auto readVersion = [&db, error](int *version) {
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next()) {
            *error = q.lastError().text();
            return false;
        }
        *version = q.value(0).toInt();
        return true;
    };
    int version = 0;
    if (!readVersion(&version))
        return false;
    if (version == currentVersion)
        return true;
    if (version > currentVersion) {
        *error = QStringLiteral("the history was written by a newer Pi Console (schema %1)")
                     .arg(version);
        return false;
    }
    // Two first starts at once: the write lock is taken before the version is read again, so
    // one creates the schema and the other finds it there. Every statement is idempotent too.
    if (!exec(db, QStringLiteral("BEGIN IMMEDIATE"), error))
        return false;
    bool ok = readVersion(&version);
    if (ok && version < 1) {
        for (const char *sql : version1)
            ok = ok && exec(db, QLatin1String(sql), error);
    }
    if (ok && version < 2) {
        for (const char *sql : version2)
            ok = ok && exec(db, QLatin1String(sql), error);
    }
    if (ok && version < 3) {
        for (const char *sql : version3)
            ok = ok && exec(db, QLatin1String(sql), error);
    }
    if (ok && version < currentVersion)
        ok = exec(db, QStringLiteral("PRAGMA user_version=%1").arg(currentVersion), error);
    if (!ok) {
        QString ignored;
        exec(db, QStringLiteral("ROLLBACK"), &ignored);
        return false;
    }
    return exec(db, QStringLiteral("COMMIT"), error);
}

} // namespace HistorySchema
