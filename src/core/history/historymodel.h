#pragma once

#include "core/history/historyquery.h"
#include "core/net/callrecord.h"

#include <QAbstractTableModel>

// The history as a table, newest first, loaded a page at a time as the view scrolls
// (fetchMore): a million calls cost one page to show.
class HistoryModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum class Column
    {
        Time,
        Method,
        Path,
        Status,
        RequestId,
        ErrorCode,
        Duration,
        IdempotencyKey,
        Profile,
        Count
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        RequestIdRole,
        IdempotencyKeyRole
    };
    static constexpr int pageSize = 200;

    explicit HistoryModel(const QString &connectionName, QObject *parent = nullptr);

    void setFilter(const HistoryFilter &filter);
    HistoryFilter filter() const { return m_filter; }
    void reload();
    HistoryRow rowAt(int row) const { return m_rows.value(row); }
    int rowOfId(qint64 id) const;
    const HistoryQuery &query() const { return m_query; }

    // A call was stored: show it at the top if it matches the filter.
    void addStored(const CallRecord &record);
    // A call was pinned or unpinned: its row shows it (and leaves a "pinned:" list).
    void updatePin(qint64 id, bool pinned, const QString &name);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    QString statusText(const HistoryRow &row) const;

    HistoryQuery m_query;
    HistoryFilter m_filter;
    QList<HistoryRow> m_rows;
    bool m_atEnd = true;
};
