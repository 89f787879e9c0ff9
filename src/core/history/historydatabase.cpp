#include "core/history/historydatabase.h"

#include "core/base/logging.h"
#include "core/base/translation.h"
#include "core/history/historyschema.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QUuid>

PI_TRANSLATION_CONTEXT("HistoryDatabase")

QString HistoryDatabase::memoryPath()
{
    return QStringLiteral("file:pi-console-history?mode=memory&cache=shared");
}

QString HistoryDatabase::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/history.sqlite");
}

QSqlDatabase HistoryDatabase::connect(const QString &path, const QString &connectionName,
                                      QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    db.setDatabaseName(path);
    const bool inMemory = path == memoryPath();
    if (inMemory)
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_URI"));
    if (!db.open()) {
        *error = db.lastError().text();
        return db;
    }
    if (!inMemory && !HistorySchema::configure(db, error))
        db.close();
    return db;
}

void HistoryDatabase::disconnect(const QString &connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

bool HistoryDatabase::probe(const QString &path, QString *error)
{
    // First a read-only look: a connection that may not write cannot change the file, its
    // -wal or its -shm, so an unusable history is moved aside exactly as it was found.
    if (QFileInfo::exists(path) && !probeReadOnly(path, error))
        return false;
    const QString name = QStringLiteral("pi-history-probe-") + QUuid::createUuid().toString();
    bool ok = false;
    {
        QSqlDatabase db = connect(path, name, error);
        ok = db.isOpen() && HistorySchema::migrate(db, error);
    }
    disconnect(name);
    return ok;
}

bool HistoryDatabase::probeReadOnly(const QString &path, QString *error)
{
    const QString name = QStringLiteral("pi-history-look-") + QUuid::createUuid().toString();
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        QSqlQuery q(db);
        if (db.open() && q.exec(QStringLiteral("PRAGMA user_version")) && q.next()) {
            const int version = q.value(0).toInt();
            if (version > HistorySchema::currentVersion) {
                *error =
                    tr("the history was written by a newer Pi Console (schema %1)").arg(version);
            } else if (version == 0) {
                // A new, empty file (the schema is created later), or a foreign one.
                ok = q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) && q.next() &&
                     q.value(0).toInt() == 0;
                if (!ok && error->isEmpty())
                    *error = q.lastError().isValid() ? q.lastError().text()
                                                     : tr("the file holds something else");
            } else {
                // Reading the newest rows walks the b-trees: garbage and truncated files fail
                // here, not later in the middle of a session. (A full integrity check would
                // read the whole file: too slow for every start.)
                ok = q.exec(QStringLiteral(
                         "SELECT id, request_id FROM calls ORDER BY id DESC LIMIT 1")) &&
                     q.exec(QStringLiteral("SELECT max(started_ms) FROM calls")) &&
                     q.exec(
                         QStringLiteral("SELECT rowid FROM calls_fts ORDER BY rowid DESC LIMIT 1"));
            }
        }
        if (!ok && error->isEmpty())
            *error = q.lastError().isValid() ? q.lastError().text() : db.lastError().text();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

int HistoryDatabase::schemaVersion(const QString &path)
{
    if (!QFileInfo::exists(path))
        return 0;
    const QString name = QStringLiteral("pi-history-version-") + QUuid::createUuid().toString();
    int version = 0;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        QSqlQuery q(db);
        if (db.open() && q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
            version = q.value(0).toInt();
    }
    QSqlDatabase::removeDatabase(name);
    return version;
}

void HistoryDatabase::restrictToOwner(const QString &path)
{
    // Call bodies are the user's business alone, whatever the umask: SQLite gives the -wal
    // and -shm files the database file's own mode.
    const auto owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        if (QFile::exists(path + suffix))
            QFile::setPermissions(path + suffix, owner);
}

bool HistoryDatabase::provenUnreadable(const QString &path)
{
    if (!QFileInfo::exists(path))
        return false;
    QString error;
    if (probeReadOnly(path, &error))
        return false;
    // A lock held by another connection is not damage.
    return !error.contains(QLatin1String("locked"), Qt::CaseInsensitive) &&
           !error.contains(QLatin1String("busy"), Qt::CaseInsensitive);
}

QString HistoryDatabase::moveAside(const QString &path)
{
    const QString stamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString target = path + QStringLiteral(".broken-") + stamp;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (QFile::exists(path + suffix)) {
            QFile::remove(target + suffix);
            if (!QFile::rename(path + suffix, target + suffix))
                return {};
        }
    }
    return target;
}

HistoryDatabase::Opened HistoryDatabase::onDisk(const QString &path, const QString &message)
{
    restrictToOwner(path);
    Opened result;
    result.ok = true;
    result.path = path;
    result.message = message;
    return result;
}

HistoryDatabase::Opened HistoryDatabase::inMemory(const QString &message)
{
    // This session's calls only. One connection stays open for the whole session, or the
    // shared in-memory database would vanish.
    Opened result;
    result.inMemory = true;
    result.path = memoryPath();
    QString error;
    QSqlDatabase keeper = connect(result.path, QStringLiteral("pi-history-memory-keeper"), &error);
    result.ok = keeper.isOpen() && HistorySchema::migrate(keeper, &error);
    result.message = message;
    return result;
}

HistoryDatabase::Opened HistoryDatabase::prepare(const QString &path)
{
    const QFileInfo info(path);
    const bool folderOk = QDir().mkpath(info.absolutePath()) &&
                          QFileInfo(info.absolutePath()).isWritable() &&
                          (!info.exists() || info.isWritable());
    // Written by a newer Pi Console: not damage, and not this version's to change or move.
    if (const int version = schemaVersion(path); version > HistorySchema::currentVersion)
        return inMemory(tr("The call history was written by a newer Pi Console (schema %1) "
                           "and was left as it is: this version cannot read it. Calls of this "
                           "session are kept in memory only.")
                            .arg(version));
    QString error;
    if (folderOk && probe(path, &error))
        return onDisk(path);
    if (folderOk && !provenUnreadable(path)) {
        // Busy, locked, or being created by another Pi Console this very moment: never a reason
        // to move a live history aside. One more try, then this session keeps calls in memory.
        QThread::msleep(250);
        QString again;
        if (probe(path, &again))
            return onDisk(path);
        qCWarning(lcHistory) << "history busy:" << again;
        return inMemory(tr("The call history could not be opened (%1); it was left as it is. "
                           "Calls of this session are kept in memory only.")
                            .arg(error));
    }
    if (folderOk) {
        qCWarning(lcHistory) << "history unusable:" << error;
        const QString movedAsideTo = moveAside(path);
        QString again;
        if (!movedAsideTo.isEmpty() && probe(path, &again)) {
            Opened result =
                onDisk(path, tr("The call history could not be read (%1). It was moved to %2 "
                                "and a new, empty history was started.")
                                 .arg(error, QDir::toNativeSeparators(movedAsideTo)));
            result.movedAsideTo = movedAsideTo;
            return result;
        }
    }
    // Nothing can be written there.
    return inMemory(tr("The call history cannot be saved: %1 is not writable. Calls of this "
                       "session are kept in memory only.")
                        .arg(QDir::toNativeSeparators(info.absolutePath())));
}
