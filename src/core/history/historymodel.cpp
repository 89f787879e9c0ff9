#include "core/history/historymodel.h"

#include <QDateTime>
#include <QLocale>

HistoryModel::HistoryModel(const QString &connectionName, QObject *parent)
    : QAbstractTableModel(parent)
    , m_query(connectionName)
{
    reload();
}

void HistoryModel::setFilter(const HistoryFilter &filter)
{
    m_filter = filter;
    reload();
}

void HistoryModel::reload()
{
    // Rows out and rows in rather than a reset: views keep their column widths and scroll
    // state, and a view may fetch more as soon as it hears of the change.
    const QList<HistoryRow> fresh = m_query.page(m_filter, 0, pageSize);
    if (!m_rows.isEmpty()) {
        beginRemoveRows({}, 0, int(m_rows.size()) - 1);
        m_rows.clear();
        endRemoveRows();
    }
    m_atEnd = fresh.size() < pageSize;
    if (!fresh.isEmpty()) {
        beginInsertRows({}, 0, int(fresh.size()) - 1);
        m_rows = fresh;
        endInsertRows();
    }
}

int HistoryModel::rowOfId(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return i;
    }
    return -1;
}

void HistoryModel::addStored(const CallRecord &record)
{
    const qint64 top = m_rows.isEmpty() ? 0 : m_rows.first().id;
    if (record.id <= top)
        return;
    // Ask the database, so the filter has one meaning whichever way a row arrives.
    QList<HistoryRow> fresh = m_query.page(m_filter, 0, 50);
    fresh.removeIf([top](const HistoryRow &r) { return r.id <= top; });
    if (fresh.isEmpty())
        return;
    beginInsertRows({}, 0, int(fresh.size()) - 1);
    m_rows = fresh + m_rows;
    endInsertRows();
}

void HistoryModel::updatePin(qint64 id, bool pinned, const QString &name)
{
    const int row = rowOfId(id);
    if (row < 0 || (m_filter.pinnedOnly && !pinned)) {
        if (m_filter.pinnedOnly)
            reload();
        return;
    }
    m_rows[row].pinned = pinned;
    m_rows[row].pinName = name;
    Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1));
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QString HistoryModel::statusText(const HistoryRow &row) const
{
    if (row.status > 0)
        return QString::number(row.status);
    switch (CallRecord::Outcome(row.outcome)) {
    case CallRecord::Outcome::Cancelled:
        return tr("cancelled");
    case CallRecord::Outcome::TimedOut:
        return tr("timed out");
    case CallRecord::Outcome::Refused:
        return tr("not sent");
    case CallRecord::Outcome::TooLarge:
        return tr("too large");
    default:
        return tr("failed");
    }
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const HistoryRow &row = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return row.id;
    case RequestIdRole:
        return QString::fromLatin1(row.requestId);
    case IdempotencyKeyRole:
        return QString::fromLatin1(row.idempotencyKey);
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case Column::Time:
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(row.startedMs).toLocalTime(),
                                      QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        case Column::Method:
            return QString::fromLatin1(row.method);
        case Column::Path:
            if (!row.pinned)
                return row.path;
            return row.pinName.isEmpty() ? tr("★ %1").arg(row.path)
                                         : tr("★ %1 · %2").arg(row.pinName, row.path);
        case Column::Status:
            return QString(statusText(row) + (row.replayed ? tr(" (replay)") : QString()));
        case Column::RequestId:
            return QString::fromLatin1(row.requestId);
        case Column::ErrorCode:
            return row.errorCode;
        case Column::Duration:
            return tr("%1 ms").arg(row.durationMs);
        case Column::IdempotencyKey:
            return QString::fromLatin1(row.idempotencyKey);
        case Column::Profile:
            return row.profile;
        case Column::Count:
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (Column(index.column()) == Column::Time)
            return QDateTime::fromMSecsSinceEpoch(row.startedMs, Qt::UTC)
                .toString(Qt::ISODateWithMs);
        // Paths and profile names are text, never markup, even in a tooltip.
        return QStringLiteral("<p style='white-space:pre'>%1</p>")
            .arg(data(index, Qt::DisplayRole).toString().toHtmlEscaped());
    case Qt::TextAlignmentRole:
        if (Column(index.column()) == Column::Duration || Column(index.column()) == Column::Status)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::Time:
        return tr("Time");
    case Column::Method:
        return tr("Method");
    case Column::Path:
        return tr("Path");
    case Column::Status:
        return tr("Status");
    case Column::RequestId:
        return tr("Request ID");
    case Column::ErrorCode:
        return tr("Error code");
    case Column::Duration:
        return tr("Duration");
    case Column::IdempotencyKey:
        return tr("Idempotency key");
    case Column::Profile:
        return tr("Profile");
    case Column::Count:
        break;
    }
    return {};
}

bool HistoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void HistoryModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd || m_rows.isEmpty())
        return;
    const QList<HistoryRow> more = m_query.page(m_filter, m_rows.last().id, pageSize);
    m_atEnd = more.size() < pageSize;
    if (more.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + more.size()) - 1);
    m_rows += more;
    endInsertRows();
}
