#pragma once

#include <QAbstractListModel>
#include <QByteArray>
#include <QList>

// A large text as a list of lines, for a view that lays out only what is on screen. Lines
// longer than a screenful are cut into segments, so a 50 MB one-line body scrolls too.
class LineListModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    static constexpr qsizetype segment = 2048;
    // Where each line starts: 4 bytes a line, as a body is far below 4 GB (a longer text is
    // listed up to there).
    using Starts = QList<quint32>;

    explicit LineListModel(QObject *parent = nullptr);

    // Builds the line index; safe to call from any thread (it touches no model state).
    static Starts indexLines(const QByteArray &text);
    // Each row's indentation (in steps of four spaces) from each line's depth, as
    // JsonText::prettyLines gives them: a line's first segment is indented, its others not.
    using Indents = QList<quint8>;
    static Indents indentsOf(const QByteArray &text, const Starts &starts,
                             const QList<quint8> &lineDepths);
    // Without indents, the text is shown as it is.
    void setText(const QByteArray &text, Starts starts, Indents indents = {});
    const QByteArray &text() const { return m_text; }
    int rowOfOffset(qsizetype offset) const;
    qsizetype offsetOfRow(int row) const { return m_starts.value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QByteArray m_text;
    Starts m_starts;
    Indents m_indents;
};
