#include "response/linelistmodel.h"

#include "common/backgroundrelease.h"

#include <algorithm>
#include <limits>
#include <tuple>
#include <utility>

LineListModel::LineListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

LineListModel::Starts LineListModel::indexLines(const QByteArray &text)
{
    Starts starts;
    // Reserved whole: growing it step by step would hold two copies of tens of MB at once.
    starts.reserve(text.count('\n') + text.size() / segment + 1);
    const qsizetype size = std::min<qsizetype>(text.size(), std::numeric_limits<quint32>::max());
    qsizetype start = 0;
    qsizetype newline = -1; // the next newline at or after start, found once per line
    while (start < size) {
        starts.append(quint32(start));
        if (newline < start) {
            newline = text.indexOf('\n', start);
            if (newline < 0)
                newline = text.size();
        }
        // A long line is cut into segments; its newline is not searched for again for each.
        // A cut never splits a UTF-8 character: it moves back past continuation bytes.
        qsizetype cut = start + segment;
        if (cut < newline + 1 && cut < text.size()) {
            for (int back = 0; back < 3 && (uchar(text.at(cut)) & 0xC0) == 0x80; ++back)
                --cut;
        }
        start = std::min(newline + 1, cut);
    }
    if (starts.isEmpty())
        starts.append(0);
    return starts;
}

LineListModel::Indents LineListModel::indentsOf(const QByteArray &text, const Starts &starts,
                                                const QList<quint8> &lineDepths)
{
    Indents indents;
    if (lineDepths.isEmpty())
        return indents;
    indents.reserve(starts.size());
    qsizetype line = 0;
    for (const quint32 start : starts) {
        const bool firstSegment = start == 0 || text.at(start - 1) == '\n';
        indents.append(firstSegment ? lineDepths.value(line++) : quint8(0));
    }
    return indents;
}

void LineListModel::setText(const QByteArray &text, Starts starts, Indents indents)
{
    beginResetModel();
    QByteArray oldText = std::exchange(m_text, text);
    Starts oldStarts = std::exchange(m_starts, std::move(starts));
    Indents oldIndents = std::exchange(m_indents, std::move(indents));
    endResetModel();
    const qsizetype before =
        oldText.size() + oldStarts.size() * qsizetype(sizeof(quint32)) + oldIndents.size();
    BackgroundRelease::drop(
        std::make_tuple(std::move(oldText), std::move(oldStarts), std::move(oldIndents)), before);
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
        index.row() + 1 < m_starts.size()
            ? qsizetype(m_starts.at(index.row() + 1))
            : std::min<qsizetype>(m_text.size(), std::numeric_limits<quint32>::max());
    QByteArray line = m_text.mid(start, end - start);
    if (line.endsWith('\n'))
        line.chop(1);
    const int indent = index.row() < m_indents.size() ? m_indents.at(index.row()) * 4 : 0;
    return QString(QString(indent, QLatin1Char(' ')) + QString::fromUtf8(line));
}
