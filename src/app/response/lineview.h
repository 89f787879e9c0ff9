#pragma once

#include "app/response/linelist.h"

#include <QAbstractScrollArea>
#include <QHash>

#include <utility>

// A read-only view of a LineList that draws only the rows on screen. It keeps nothing per
// row, so millions of rows cost no layout and no memory beyond the list itself. Rows are
// selected as in a list (click, Shift, arrows), and copied with Ctrl+C.
class LineView final : public QAbstractScrollArea
{
    Q_OBJECT

public:
    explicit LineView(QWidget *parent = nullptr);

    void setLines(LineList lines);
    const LineList &lines() const { return m_lines; }
    // The row with the cursor, -1 when none.
    qsizetype currentRow() const { return m_current; }
    // Selects that row alone and scrolls it to the middle of the view.
    void setCurrentRow(qsizetype row);
    // The selected rows as drawn, a line each.
    QString selectedText() const;

Q_SIGNALS:
    // A copy of megabytes is made on a worker: copyStarted() comes first, copied() at the end,
    // or copyDropped() when a later copy overtook it.
    void copyStarted();
    void copied(qsizetype rows);
    void copyDropped();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    int rowHeight() const;
    int visibleRows() const;
    // The row at y in the viewport; -1 below the last.
    qsizetype rowAt(int y) const;
    qreal columnWidth() const;
    // The width of a row's text as drawn (without its indentation), measured once.
    qreal measured(qsizetype row, const QString &text);
    // Printable ASCII only: as wide as its bytes in a fixed-width font.
    static bool isPlainAscii(QByteArrayView bytes);
    void updateScrollBars();
    // Moves the cursor to row; with extend, the selection runs from its anchor to there.
    void moveTo(qsizetype row, bool extend);
    void ensureVisible(qsizetype row);
    // Redraws, and tells assistive technology.
    void rowChanged();
    // The first and last selected rows; -1 and -1 when none is.
    std::pair<qsizetype, qsizetype> selection() const;
    // Rows measured before a new text or font say nothing of it.
    void forgetWidths();
    void copySelection();
    void selectAll();

    LineList m_lines;
    qsizetype m_current = -1;
    qsizetype m_anchor = -1;
    qsizetype m_measuredWidth = 0;    // the widest row measured so far, margins included
    QHash<qsizetype, qreal> m_widths; // rows measured lately
    static constexpr int margin = 3;
    static constexpr qsizetype copiedHere = 1024 * 1024; // larger copies are made on a worker
};
