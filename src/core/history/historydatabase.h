#pragma once

#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QString>

// Opens the history file, and when it cannot be used (garbage, truncated, a foreign schema)
// moves it with its -wal and -shm aside under a dated name and starts an empty one. When the
// folder cannot be written, the history lives in memory for this session. Either way the
// app starts, and `message` says what happened.
class HistoryDatabase final
{
public:
    struct Opened
    {
        bool ok = false;
        bool inMemory = false;
        QString path;         // the file in use, or memoryPath()
        QString movedAsideTo; // where an unusable history went
        QString message;      // for people; empty when all is well
    };

    static QString defaultPath(); // AppDataLocation/history.sqlite
    static QString memoryPath();
    // Run once at start, before any other connection.
    static Opened prepare(const QString &path);
    // A new connection to a prepared file, for one thread.
    static QSqlDatabase connect(const QString &path, const QString &connectionName, QString *error);
    static void disconnect(const QString &connectionName);

private:
    static bool probe(const QString &path, QString *error);
    static bool probeReadOnly(const QString &path, QString *error);
    // True only when a read-only look fails for damage: not for a lock held by another
    // connection, nor for a missing file.
    static bool provenUnreadable(const QString &path);
    // PRAGMA user_version, read without writing; 0 for no file or one that cannot be read.
    static int schemaVersion(const QString &path);
    static void restrictToOwner(const QString &path);
    static Opened onDisk(const QString &path, const QString &message = {});
    static Opened inMemory(const QString &message);
    static QString moveAside(const QString &path);
};
