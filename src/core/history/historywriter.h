#pragma once

#include "core/net/callrecord.h"

#include <QObject>

// Writes calls to the history on its own connection, in its own thread: the UI never waits
// for the disk. Each call is committed on its own, so a crash loses at most the call being
// written. Pruning by count, age and bytes runs here too; pinned calls are never pruned.
class HistoryWriter final : public QObject
{
    Q_OBJECT

public:
    struct Retention
    {
        qint64 maxCalls = 1'000'000; // 0: no limit
        int maxAgeDays = 0;          // 0: no limit
        qint64 responseBodyCap = 1024 * 1024;
        qint64 maxBytes = 1024LL * 1024 * 1024; // the file's pages in use; 0: no limit
    };

    HistoryWriter(QString path, Retention retention);
    ~HistoryWriter() override;

public Q_SLOTS:
    void open();
    void write(const CallRecord &record);
    void prune();
    // Deletes every call that is not pinned.
    void clear();
    void setPinned(qint64 id, bool pinned, const QString &name);
    // Gives the space of deleted calls back to the file system (checkpoint, then VACUUM).
    void compact();
    void setRetention(const HistoryWriter::Retention &retention);

Q_SIGNALS:
    void written(const CallRecord &record); // with its id
    void cleared();
    void pinChanged(qint64 id, bool pinned, const QString &name);
    void compacted();
    void failed(const QString &message);

private:
    QString m_path;
    QString m_connection;
    Retention m_retention;
    void pruneToBytes();

    int m_writesSincePrune = 0;
    qint64 m_bytesSincePrune = 0;
};

Q_DECLARE_METATYPE(HistoryWriter::Retention)
