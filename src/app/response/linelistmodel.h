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

    explicit LineListModel(QObject *parent = nullptr);

    // Builds the line index; safe to call from any thread (it touches no model state).
    static QList<qsizetype> indexLines(const QByteArray &text);
    void setText(const QByteArray &text, QList<qsizetype> starts);
    const QByteArray &text() const { return m_text; }
    int rowOfOffset(qsizetype offset) const;
    qsizetype offsetOfRow(int row) const { return m_starts.value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QByteArray m_text;
    QList<qsizetype> m_starts;
};
