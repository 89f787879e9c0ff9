#include "response/lineview.h"

#include "common/backgroundrelease.h"
#include "common/clipboard.h"
#include "response/lineviewaccessible.h"

#include <QAccessible>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <limits>
#include <utility>

LineView::LineView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    static const bool accessible = [] {
        QAccessible::installFactory(&LineViewAccessible::factory);
        return true;
    }();
    Q_UNUSED(accessible);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setBackgroundRole(QPalette::Base);
    verticalScrollBar()->setSingleStep(1);
    updateScrollBars();
}

void LineView::setLines(LineList lines)
{
    LineList old = std::exchange(m_lines, std::move(lines));
    const qsizetype oldBytes = old.bytes();
    BackgroundRelease::drop(std::move(old), oldBytes);
    m_current = m_anchor = -1;
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    updateScrollBars();
    rowChanged();
}

void LineView::setCurrentRow(qsizetype row)
{
    if (row < 0 || row >= m_lines.rowCount())
        return;
    m_current = m_anchor = row;
    verticalScrollBar()->setValue(int(std::max<qsizetype>(0, row - visibleRows() / 2)));
    rowChanged();
}

QString LineView::selectedText() const
{
    if (m_current < 0)
        return {};
    const qsizetype first = std::min(m_anchor, m_current);
    const qsizetype last = std::max(m_anchor, m_current);
    QString text;
    qsizetype start = m_lines.rowStart(first);
    for (qsizetype row = first; row <= last; ++row) {
        const qsizetype end = m_lines.rowEnd(start);
        if (row > first)
            text += QLatin1Char('\n');
        text += QString(m_lines.indentOf(row), QLatin1Char(' '));
        text += QString::fromUtf8(m_lines.bytesOf(start, end));
        start = end;
    }
    return text;
}

int LineView::rowHeight() const
{
    return std::max(1, fontMetrics().lineSpacing());
}

int LineView::visibleRows() const
{
    return std::max(1, viewport()->height() / rowHeight());
}

qsizetype LineView::rowAt(int y) const
{
    const qsizetype row = verticalScrollBar()->value() + y / rowHeight();
    return std::clamp<qsizetype>(row, 0, m_lines.rowCount() - 1);
}

void LineView::updateScrollBars()
{
    const int rows = int(std::min<qsizetype>(m_lines.rowCount(), std::numeric_limits<int>::max()));
    QScrollBar *vertical = verticalScrollBar();
    vertical->setPageStep(visibleRows());
    vertical->setRange(0, std::max(0, rows - visibleRows()));
    const int column = std::max(1, fontMetrics().horizontalAdvance(QLatin1Char('M')));
    const qsizetype width = m_lines.widest() * column + 2 * margin;
    QScrollBar *horizontal = horizontalScrollBar();
    horizontal->setSingleStep(column);
    horizontal->setPageStep(viewport()->width());
    horizontal->setRange(0, int(std::clamp<qsizetype>(width - viewport()->width(), 0,
                                                      std::numeric_limits<int>::max())));
}

void LineView::paintEvent(QPaintEvent *)
{
    QPainter painter(viewport());
    painter.setFont(font());
    const QPalette::ColorGroup group = hasFocus() ? QPalette::Active : QPalette::Inactive;
    const int height = rowHeight();
    const int column = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    const int ascent = fontMetrics().ascent();
    const int left = margin - horizontalScrollBar()->value();
    const qsizetype first = verticalScrollBar()->value();
    const qsizetype selectedFrom = m_current < 0 ? -1 : std::min(m_anchor, m_current);
    const qsizetype selectedTo = m_current < 0 ? -1 : std::max(m_anchor, m_current);
    // The row partly shown at the bottom too.
    qsizetype start = m_lines.rowStart(first);
    for (qsizetype row = first, y = 0; row < m_lines.rowCount() && y < viewport()->height();
         ++row, y += height) {
        const qsizetype end = m_lines.rowEnd(start);
        const bool selected = row >= selectedFrom && row <= selectedTo;
        if (selected)
            painter.fillRect(0, int(y), viewport()->width(), height,
                             palette().brush(group, QPalette::Highlight));
        painter.setPen(
            palette().color(group, selected ? QPalette::HighlightedText : QPalette::Text));
        painter.drawText(left + m_lines.indentOf(row) * column, int(y) + ascent,
                         QString::fromUtf8(m_lines.bytesOf(start, end)));
        start = end;
    }
}

void LineView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void LineView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateScrollBars();
}

void LineView::keyPressEvent(QKeyEvent *event)
{
    if (event == QKeySequence::Copy) {
        copySelection();
        return;
    }
    if (event == QKeySequence::SelectAll) {
        selectAll();
        return;
    }
    const bool extend = event->modifiers() & Qt::ShiftModifier;
    const qsizetype at = std::max<qsizetype>(m_current, 0);
    switch (event->key()) {
    case Qt::Key_Up:
        moveTo(m_current < 0 ? 0 : at - 1, extend);
        break;
    case Qt::Key_Down:
        moveTo(m_current < 0 ? 0 : at + 1, extend);
        break;
    case Qt::Key_PageUp:
        moveTo(at - visibleRows(), extend);
        break;
    case Qt::Key_PageDown:
        moveTo(at + visibleRows(), extend);
        break;
    case Qt::Key_Home:
        moveTo(0, extend);
        break;
    case Qt::Key_End:
        moveTo(m_lines.rowCount() - 1, extend);
        break;
    case Qt::Key_Left:
        horizontalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepSub);
        break;
    case Qt::Key_Right:
        horizontalScrollBar()->triggerAction(QAbstractSlider::SliderSingleStepAdd);
        break;
    default:
        QAbstractScrollArea::keyPressEvent(event);
    }
}

void LineView::mousePressEvent(QMouseEvent *event)
{
    if (m_lines.rowCount() == 0)
        return;
    const qsizetype row = rowAt(event->position().toPoint().y());
    const bool inSelection = m_current >= 0 && row >= std::min(m_anchor, m_current) &&
                             row <= std::max(m_anchor, m_current);
    // A right click keeps the selection it lands in, for the context menu's Copy.
    if (event->button() == Qt::LeftButton || !inSelection)
        moveTo(row, event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier));
}

void LineView::mouseMoveEvent(QMouseEvent *event)
{
    if ((event->buttons() & Qt::LeftButton) && m_lines.rowCount() > 0)
        moveTo(rowAt(event->position().toPoint().y()), true);
}

void LineView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *copy = menu.addAction(tr("&Copy"), this, &LineView::copySelection);
    copy->setShortcut(QKeySequence::Copy);
    copy->setEnabled(m_current >= 0);
    QAction *all = menu.addAction(tr("Select &All"), this, &LineView::selectAll);
    all->setShortcut(QKeySequence::SelectAll);
    all->setEnabled(m_lines.rowCount() > 0);
    menu.exec(event->globalPos());
}

void LineView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void LineView::moveTo(qsizetype row, bool extend)
{
    if (m_lines.rowCount() == 0)
        return;
    row = std::clamp<qsizetype>(row, 0, m_lines.rowCount() - 1);
    if (!extend || m_anchor < 0)
        m_anchor = row;
    m_current = row;
    ensureVisible(row);
    rowChanged();
}

void LineView::ensureVisible(qsizetype row)
{
    QScrollBar *vertical = verticalScrollBar();
    if (row < vertical->value())
        vertical->setValue(int(row));
    else if (row >= vertical->value() + visibleRows())
        vertical->setValue(int(row - visibleRows() + 1));
}

void LineView::copySelection() const
{
    const QString text = selectedText();
    if (!text.isEmpty())
        Clipboard::copy(text);
}

void LineView::rowChanged()
{
    viewport()->update();
    QAccessibleEvent event(this, QAccessible::DescriptionChanged);
    QAccessible::updateAccessibility(&event);
    Q_EMIT currentRowChanged(m_current);
}

void LineView::selectAll()
{
    if (m_lines.rowCount() == 0)
        return;
    m_anchor = 0;
    m_current = m_lines.rowCount() - 1;
    rowChanged();
}
