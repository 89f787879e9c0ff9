#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

// A large text as rows, for a view that draws only what is on screen. Lines longer than a
// screenful are cut into segments, so a 50 MB one-line body scrolls too. Built on a worker,
// then handed to the window whole.
//
// It keeps where every 64th row starts, not every row: a row is found from the mark before it
// by reading at most 63 rows on, a few hundred bytes for the usual JSON line. A pretty body's
// rows average about ten bytes, so an index of 4 bytes a row would cost almost half the text.
class LineList final
{
public:
    static constexpr qsizetype segment = 2048;

    LineList() = default;
    // With lineDepths (one a line, as JsonText::prettyLines gives them), each line's first row
    // is drawn indented by four spaces a step; without, the text is shown as it is.
    explicit LineList(QByteArray text, const QList<quint8> &lineDepths = {});

    const QByteArray &text() const { return m_text; }
    qsizetype rowCount() const { return m_rows; }
    // Where a row starts in the text; 0 past the last row.
    qsizetype rowStart(qsizetype row) const;
    // Where the row starting at `start` ends: past its newline, or where its segment is cut.
    qsizetype rowEnd(qsizetype start) const;
    // The bytes of the row from start to end, without its line break.
    QByteArrayView bytesOf(qsizetype start, qsizetype end) const;
    // A row's bytes, without its line break or indentation.
    QByteArrayView rowBytes(qsizetype row) const;
    int indentOf(qsizetype row) const { return m_indents.value(row) * 4; }
    // A row as it is drawn: its indentation, then its text.
    QString rowText(qsizetype row) const;
    // Rows first to last as the text holds them: its own line breaks, none where a long line
    // is cut, indentation at the start of each line. Empty when there are no rows.
    QByteArray copyOf(qsizetype first, qsizetype last) const;
    // The size of that copy, in bytes.
    qsizetype copySize(qsizetype first, qsizetype last) const;
    // The widest row, in characters and indentation (a tab counted as one).
    qsizetype widest() const { return m_widest; }
    qsizetype rowOfOffset(qsizetype offset) const;
    // What it holds, for BackgroundRelease.
    qsizetype bytes() const;

private:
    static constexpr qsizetype rowsPerMark = 64;
    static qsizetype charactersIn(QByteArrayView bytes);
    // The length of bytes without the line break it ends with, if any.
    static qsizetype withoutLineBreak(QByteArrayView bytes);
    qsizetype listedSize() const;

    QByteArray m_text;
    QList<quint32> m_marks;  // where rows 0, 64, 128… start (a body is far below 4 GB)
    QList<quint8> m_indents; // each row's, in steps; empty when none is indented
    qsizetype m_rows = 0;
    qsizetype m_widest = 0;
};
