#include "app/response/lineview.h"

#include "app/common/backgroundrelease.h"
#include "app/common/clipboard.h"
#include "app/response/lineviewaccessible.h"

#include <QAccessible>
#include <QContextMenuEvent>
#include <QFontMetricsF>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <cmath>
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
    forgetWidths();
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
    const auto [first, last] = selection();
    return first < 0 ? QString() : QString::fromUtf8(m_lines.copyOf(first, last));
}

std::pair<qsizetype, qsizetype> LineView::selection() const
{
    if (m_current < 0)
        return {-1, -1};
    return {std::min(m_anchor, m_current), std::max(m_anchor, m_current)};
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
    return row < m_lines.rowCount() ? std::max<qsizetype>(row, 0) : -1;
}

qreal LineView::columnWidth() const
{
    return std::max<qreal>(1, QFontMetricsF(font()).horizontalAdvance(QLatin1Char('M')));
}

void LineView::updateScrollBars()
{
    const int rows = int(std::min<qsizetype>(m_lines.rowCount(), std::numeric_limits<int>::max()));
    QScrollBar *vertical = verticalScrollBar();
    vertical->setPageStep(visibleRows());
    vertical->setRange(0, std::max(0, rows - visibleRows()));
    // A row of ASCII is as wide as its characters in this fixed-width font; the widest row
    // with a tab or other characters is measured as it is drawn (m_measuredWidth).
    const qreal column = columnWidth();
    const qsizetype width = std::max<qsizetype>(
        qsizetype(std::ceil(qreal(m_lines.widest()) * column)) + 2 * margin, m_measuredWidth);
    QScrollBar *horizontal = horizontalScrollBar();
    horizontal->setSingleStep(int(std::ceil(column)));
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
    const qreal column = columnWidth();
    const int ascent = fontMetrics().ascent();
    const int left = margin - horizontalScrollBar()->value();
    qsizetype widest = m_measuredWidth;
    const qsizetype first = verticalScrollBar()->value();
    const auto [selectedFrom, selectedTo] = selection();
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
        const QByteArrayView bytes = m_lines.bytesOf(start, end);
        const QString text = QString::fromUtf8(bytes);
        const qreal indent = m_lines.indentOf(row) * column;
        painter.drawText(QPointF(left + indent, qreal(y + ascent)), text);
        if (!isPlainAscii(bytes))
            widest =
                std::max(widest, qsizetype(std::ceil(indent + measured(row, text))) + 2 * margin);
        start = end;
    }
    if (widest > m_measuredWidth) {
        // Not while painting: a scroll bar that appears resizes the viewport.
        m_measuredWidth = widest;
        QMetaObject::invokeMethod(this, &LineView::updateScrollBars, Qt::QueuedConnection);
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
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        forgetWidths();
        updateScrollBars();
    }
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
    if (row < 0) {
        // Below the last row: nothing is selected, as in a list.
        m_current = m_anchor = -1;
        rowChanged();
        return;
    }
    const auto [first, last] = selection();
    const bool inSelection = row >= first && row <= last;
    // A right click keeps the selection it lands in, for the context menu's Copy.
    if (event->button() == Qt::LeftButton || !inSelection)
        moveTo(row, event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier));
}

void LineView::mouseMoveEvent(QMouseEvent *event)
{
    if (!(event->buttons() & Qt::LeftButton) || m_lines.rowCount() == 0 || m_current < 0)
        return;
    const qsizetype row = rowAt(event->position().toPoint().y());
    moveTo(row < 0 ? m_lines.rowCount() - 1 : row, true);
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

void LineView::copySelection()
{
    const auto [first, last] = selection();
    if (first < 0)
        return;
    if (m_lines.copySize(first, last) < copiedHere) {
        Clipboard::copy(selectedText());
        Q_EMIT copied(last - first + 1);
        return;
    }
    // Megabytes: made and redacted on a worker, so the window does not freeze meanwhile.
    Q_EMIT copyStarted();
    Clipboard::copyInBackground(
        this,
        [lines = m_lines, first, last] { return QString::fromUtf8(lines.copyOf(first, last)); },
        [this, rows = last - first + 1](bool done) {
            if (done)
                Q_EMIT copied(rows);
            else
                Q_EMIT copyDropped();
        });
}

qreal LineView::measured(qsizetype row, const QString &text)
{
    // Rows scrolled by a few lines are painted again: each is measured once. The cache is
    // dropped whole when it has grown past a few screens.
    if (const auto it = m_widths.constFind(row); it != m_widths.cend())
        return *it;
    if (m_widths.size() >= 4096)
        m_widths.clear();
    const qreal width = QFontMetricsF(font()).horizontalAdvance(text);
    m_widths.insert(row, width);
    return width;
}

bool LineView::isPlainAscii(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(),
                       [](char c) { return uchar(c) >= 0x20 && uchar(c) < 0x7F; });
}

void LineView::rowChanged()
{
    viewport()->update();
    QAccessibleEvent event(this, QAccessible::DescriptionChanged);
    QAccessible::updateAccessibility(&event);
}

void LineView::forgetWidths()
{
    m_measuredWidth = 0;
    m_widths.clear();
}

void LineView::selectAll()
{
    if (m_lines.rowCount() == 0)
        return;
    m_anchor = 0;
    m_current = m_lines.rowCount() - 1;
    rowChanged();
}
