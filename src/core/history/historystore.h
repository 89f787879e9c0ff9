#pragma once

#include "core/history/historydatabase.h"
#include "core/history/historywriter.h"

#include <QObject>
#include <QThread>

// The call history as the app sees it: record() hands a call to the writer thread and
// returns at once; stored() comes back with the row id. Reads go through the UI thread's
// own connection (connectionName()), which WAL lets run beside the writer.
class HistoryStore final : public QObject
{
    Q_OBJECT

public:
    explicit HistoryStore(const HistoryDatabase::Opened &database,
                          HistoryWriter::Retention retention = {}, QObject *parent = nullptr);
    ~HistoryStore() override;

    void record(const CallRecord &record);
    // Deletes every call but the pinned ones.
    void clear();
    // Pins a call (kept whatever the retention) under an optional name, or unpins it. The
    // name passes the redaction: a key pasted into it is not stored.
    void setPinned(qint64 id, bool pinned, const QString &name = {});
    void setRetention(const HistoryWriter::Retention &retention);
    // Gives the space of deleted calls back to the file system, on the writer's thread;
    // compacted() follows.
    void compact();
    // The history's bytes on disk, its write-ahead log included (0 in memory).
    qint64 sizeOnDisk() const;
    // Blocks until every call handed over so far is written, or timeoutMs passes (-1: no
    // limit). False when some were still waiting. The destructor flushes with a bound of
    // quitFlushMs, so quitting, closing and SIGTERM lose no call that could be written.
    bool flush(int timeoutMs = -1);
    static constexpr int quitFlushMs = 2000;

    QString connectionName() const { return m_readConnection; }
    const HistoryDatabase::Opened &database() const { return m_database; }

Q_SIGNALS:
    void stored(const CallRecord &record);
    void cleared();
    void pinChanged(qint64 id, bool pinned, const QString &name);
    void compacted();
    void failed(const QString &message);

private:
    HistoryDatabase::Opened m_database;
    QString m_readConnection;
    QThread m_thread;
    HistoryWriter *m_writer;
};
