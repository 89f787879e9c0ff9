#pragma once

#include <QSqlDatabase>
#include <QString>

// The history's tables, indexes and full-text index, versioned by PRAGMA user_version.
// Each migration step moves the schema up by one version inside a transaction.
namespace HistorySchema {

constexpr int currentVersion = 3;

// Creates or migrates; false with *error set when the file holds a newer or foreign schema.
bool migrate(QSqlDatabase &db, QString *error);
// The pragmas every connection sets: WAL, synchronous=NORMAL, a busy timeout.
bool configure(QSqlDatabase &db, QString *error);

} // namespace HistorySchema
