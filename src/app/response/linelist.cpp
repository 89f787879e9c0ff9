#include "app/response/linelist.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <utility>

LineList::LineList(QByteArray text, const QList<quint8> &lineDepths)
    : m_text(std::move(text))
{
    const qsizetype size = listedSize();
    if (!lineDepths.isEmpty())
        m_indents.reserve(lineDepths.size() + size / segment + 1);
    qsizetype line = 0;
    qsizetype start = 0;
    do {
        if (m_rows % rowsPerMark == 0)
            m_marks.append(quint32(start));
        const qsizetype end = rowEnd(start);
        quint8 depth = 0;
        if (!lineDepths.isEmpty()) {
            // A line's first row is indented, the rows it is cut into after that are not.
            if (start == 0 || m_text.at(start - 1) == '\n')
                depth = lineDepths.value(line++);
            m_indents.append(depth);
        }
        // In characters, not bytes: a row of CJK is half as wide as its bytes or less. Only
        // a row that could be the widest is counted.
        const QByteArrayView row = bytesOf(start, end);
        if (row.size() + depth * 4 > m_widest)
            m_widest = std::max(m_widest, charactersIn(row) + depth * 4);
        ++m_rows;
        start = end;
    } while (start < size);
}

qsizetype LineList::withoutLineBreak(QByteArrayView bytes)
{
    // "\n" or "\r\n"; a CR alone ends no line.
    if (!bytes.endsWith('\n'))
        return bytes.size();
    return bytes.size() - (bytes.endsWith("\r\n") ? 2 : 1);
}

qsizetype LineList::charactersIn(QByteArrayView bytes)
{
    // Every byte but UTF-8's continuation bytes starts a character.
    return std::count_if(bytes.begin(), bytes.end(),
                         [](char c) { return (uchar(c) & 0xC0) != 0x80; });
}

qsizetype LineList::copySize(qsizetype first, qsizetype last) const
{
    if (m_rows == 0)
        return 0;
    first = std::clamp<qsizetype>(first, 0, m_rows - 1);
    last = std::clamp<qsizetype>(last, first, m_rows - 1);
    qsizetype size = rowEnd(rowStart(last)) - rowStart(first);
    for (qsizetype row = first; row <= last && !m_indents.isEmpty(); ++row)
        size += indentOf(row);
    return size;
}

qsizetype LineList::listedSize() const
{
    return std::min<qsizetype>(m_text.size(), std::numeric_limits<quint32>::max());
}

qsizetype LineList::rowEnd(qsizetype start) const
{
    const qsizetype size = listedSize();
    const qsizetype limit = std::min(size, start + segment);
    if (start >= limit)
        return size;
    const char *text = m_text.constData();
    // A line break right at the cut belongs to this row: no empty row after a line of exactly
    // 2,048 bytes, nor a lone "\n" after a CR that ends one.
    const qsizetype searched = std::min(size, limit + 1) - start;
    if (const void *newline = std::memchr(text + start, '\n', size_t(searched)))
        return static_cast<const char *>(newline) - text + 1;
    if (limit + 1 < size && text[limit] == '\r' && text[limit + 1] == '\n')
        return limit + 2;
    // A cut never splits a UTF-8 character: it moves back past continuation bytes.
    qsizetype cut = limit;
    for (int back = 0; cut < size && back < 3 && (uchar(text[cut]) & 0xC0) == 0x80; ++back)
        --cut;
    return cut;
}

qsizetype LineList::rowStart(qsizetype row) const
{
    if (row < 0 || row >= m_rows)
        return 0;
    qsizetype start = m_marks.at(row / rowsPerMark);
    for (qsizetype i = row % rowsPerMark; i > 0; --i)
        start = rowEnd(start);
    return start;
}

QByteArrayView LineList::bytesOf(qsizetype start, qsizetype end) const
{
    const QByteArrayView bytes(m_text.constData() + start, end - start);
    return bytes.first(withoutLineBreak(bytes));
}

QByteArrayView LineList::rowBytes(qsizetype row) const
{
    if (row < 0 || row >= m_rows)
        return {};
    const qsizetype start = rowStart(row);
    return bytesOf(start, rowEnd(start));
}

QString LineList::rowText(qsizetype row) const
{
    return QString(QString(indentOf(row), QLatin1Char(' ')) + QString::fromUtf8(rowBytes(row)));
}

QByteArray LineList::copyOf(qsizetype first, qsizetype last) const
{
    if (m_rows == 0)
        return {};
    first = std::clamp<qsizetype>(first, 0, m_rows - 1);
    last = std::clamp<qsizetype>(last, first, m_rows - 1);
    qsizetype start = rowStart(first);
    QByteArray copy;
    copy.reserve(copySize(first, last)); // sized once: tens of MB are not grown step by step
    for (qsizetype row = first; row <= last; ++row) {
        const qsizetype end = rowEnd(start);
        copy.append(indentOf(row), ' ');
        copy.append(m_text.constData() + start, end - start);
        start = end;
    }
    copy.truncate(withoutLineBreak(copy)); // the last row's is not part of what was selected
    return copy;
}

qsizetype LineList::rowOfOffset(qsizetype offset) const
{
    if (m_rows == 0)
        return 0;
    const qsizetype after =
        std::upper_bound(m_marks.cbegin(), m_marks.cend(), offset) - m_marks.cbegin();
    const qsizetype markIndex = std::max<qsizetype>(0, after - 1);
    qsizetype row = markIndex * rowsPerMark;
    qsizetype start = m_marks.at(markIndex);
    for (; row + 1 < m_rows; ++row) {
        const qsizetype end = rowEnd(start);
        if (end > offset)
            break;
        start = end;
    }
    return row;
}

qsizetype LineList::bytes() const
{
    return m_text.size() + m_marks.size() * qsizetype(sizeof(quint32)) + m_indents.size();
}
