#include "response/linelistmodel.h"

#include <algorithm>

LineListModel::LineListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

QList<qsizetype> LineListModel::indexLines(const QByteArray &text)
{
    QList<qsizetype> starts;
    starts.reserve(text.size() / 40 + 1);
    qsizetype start = 0;
    qsizetype newline = -1; // the next newline at or after start, found once per line
    while (start < text.size()) {
        starts.append(start);
        if (newline < start) {
            newline = text.indexOf('\n', start);
            if (newline < 0)
                newline = text.size();
        }
        // A long line is cut into segments; its newline is not searched for again for each.
        // A cut never splits a UTF-8 character: it moves back past continuation bytes.
        qsizetype cut = start + segment;
        if (cut < newline + 1) {
            for (int back = 0; back < 3 && (uchar(text.at(cut)) & 0xC0) == 0x80; ++back)
                --cut;
        }
        start = std::min(newline + 1, cut);
    }
    if (starts.isEmpty())
        starts.append(0);
    return starts;
}

void LineListModel::setText(const QByteArray &text, QList<qsizetype> starts)
{
    beginResetModel();
    m_text = text;
    m_starts = std::move(starts);
    endResetModel();
}

int LineListModel::rowOfOffset(qsizetype offset) const
{
    const auto it = std::upper_bound(m_starts.cbegin(), m_starts.cend(), offset);
    return int(std::max<qsizetype>(0, (it - m_starts.cbegin()) - 1));
}

int LineListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_starts.size());
}

QVariant LineListModel::data(const QModelIndex &index, int role) const
{
    if (role != Qt::DisplayRole || !index.isValid() || index.row() >= m_starts.size())
        return {};
    const qsizetype start = m_starts.at(index.row());
    const qsizetype end =
        index.row() + 1 < m_starts.size() ? m_starts.at(index.row() + 1) : m_text.size();
    QByteArray line = m_text.mid(start, end - start);
    if (line.endsWith('\n'))
        line.chop(1);
    return QString::fromUtf8(line);
}
