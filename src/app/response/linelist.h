#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// A large text as rows, for a view that draws only what is on screen. Lines longer than a
// screenful are cut into segments, so a 50 MB one-line body scrolls too. Built on a worker,
// then handed to the window whole.
class LineList final
{
public:
    static constexpr qsizetype segment = 2048;
    // Where each row starts: 4 bytes a row, as a body is far below 4 GB (a longer text is
    // listed up to there).
    using Starts = QList<quint32>;
    // Each row's indentation, in steps of four spaces.
    using Indents = QList<quint8>;

    // Builds the row index.
    static Starts indexLines(const QByteArray &text);
    // Each row's indentation from each line's depth, as JsonText::prettyLines gives them: a
    // line's first segment is indented, its others not.
    static Indents indentsOf(const QByteArray &text, const Starts &starts,
                             const QList<quint8> &lineDepths);

    LineList() = default;
    // Without indents, the text is shown as it is.
    LineList(QByteArray text, Starts starts, Indents indents = {});

    const QByteArray &text() const { return m_text; }
    qsizetype rowCount() const { return m_starts.size(); }
    // A row's bytes, without its newline or indentation.
    QByteArrayView rowBytes(qsizetype row) const;
    int indentOf(qsizetype row) const { return m_indents.value(row) * 4; }
    // A row as it is drawn: its indentation, then its text.
    QString rowText(qsizetype row) const;
    // The widest row, in bytes and indentation: an upper bound of its characters.
    qsizetype widest() const { return m_widest; }
    qsizetype rowOfOffset(qsizetype offset) const;
    qsizetype offsetOfRow(qsizetype row) const { return m_starts.value(row); }
    // What it holds, for BackgroundRelease.
    qsizetype bytes() const;

private:
    QByteArray m_text;
    Starts m_starts;
    Indents m_indents;
    qsizetype m_widest = 0;
};
