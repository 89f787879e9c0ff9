#include "response/linelist.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace {

qsizetype listedSize(const QByteArray &text)
{
    return std::min<qsizetype>(text.size(), std::numeric_limits<quint32>::max());
}

} // namespace

LineList::Starts LineList::indexLines(const QByteArray &text)
{
    Starts starts;
    // Reserved whole: growing it step by step would hold two copies of tens of MB at once.
    starts.reserve(text.count('\n') + text.size() / segment + 1);
    const qsizetype size = listedSize(text);
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

LineList::Indents LineList::indentsOf(const QByteArray &text, const Starts &starts,
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

LineList::LineList(QByteArray text, Starts starts, Indents indents)
    : m_text(std::move(text))
    , m_starts(std::move(starts))
    , m_indents(std::move(indents))
{
    for (qsizetype row = 0; row < m_starts.size(); ++row)
        m_widest = std::max(m_widest, rowBytes(row).size() + indentOf(row));
}

QByteArrayView LineList::rowBytes(qsizetype row) const
{
    if (row < 0 || row >= m_starts.size())
        return {};
    const qsizetype start = m_starts.at(row);
    const qsizetype end =
        row + 1 < m_starts.size() ? qsizetype(m_starts.at(row + 1)) : listedSize(m_text);
    QByteArrayView bytes(m_text.constData() + start, end - start);
    if (bytes.endsWith('\n'))
        bytes.chop(1);
    if (bytes.endsWith('\r'))
        bytes.chop(1);
    return bytes;
}

QString LineList::rowText(qsizetype row) const
{
    return QString(QString(indentOf(row), QLatin1Char(' ')) + QString::fromUtf8(rowBytes(row)));
}

qsizetype LineList::rowOfOffset(qsizetype offset) const
{
    const auto it = std::upper_bound(m_starts.cbegin(), m_starts.cend(), offset);
    return std::max<qsizetype>(0, (it - m_starts.cbegin()) - 1);
}

qsizetype LineList::bytes() const
{
    return m_text.size() + m_starts.size() * qsizetype(sizeof(quint32)) + m_indents.size();
}
