#include "app/response/timingview.h"

#include <QPainter>

namespace {

constexpr int margin = 6;

// One colour per kind of phase, from the palette so a dark theme keeps its contrast.
QColor colorFor(CallTiming::Phase::Kind kind, const QPalette &palette)
{
    using Kind = CallTiming::Phase::Kind;
    switch (kind) {
    case Kind::Queued:
        return palette.color(QPalette::Mid);
    case Kind::Connecting:
        return palette.color(QPalette::Link).lighter(130);
    case Kind::Sending:
        return palette.color(QPalette::Link);
    case Kind::Waiting:
        return palette.color(QPalette::Highlight);
    case Kind::Downloading:
        return palette.color(QPalette::LinkVisited);
    }
    return palette.color(QPalette::Mid);
}

} // namespace

TimingView::TimingView(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Timing"));
    setFocusPolicy(Qt::TabFocus); // reachable by keyboard, so its description is read
    setTiming({});
}

void TimingView::setTiming(const CallTiming &timing, const QString &proxy)
{
    m_phases = timing.phases();
    m_totalMs = std::max<qint64>(0, timing.doneMs);
    m_text = m_phases.isEmpty() ? tr("No timing: the call was not sent.")
                                : tr("%1 ms in all: %2").arg(m_totalMs).arg(timing.describe());
    if (!m_phases.isEmpty() && !proxy.isEmpty())
        m_text += tr(", through proxy %1").arg(proxy);
    setAccessibleDescription(m_text);
    setToolTip(m_text);
    updateGeometry();
    update();
}

QSize TimingView::sizeHint() const
{
    const int rows = std::max<int>(1, int(m_phases.size())) + 2; // the axis, the connection
    return {360, margin * 2 + rows * (fontMetrics().height() + 4)};
}

QSize TimingView::minimumSizeHint() const
{
    return {200, sizeHint().height()};
}

void TimingView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QFontMetrics fm = fontMetrics();
    const int rowHeight = fm.height() + 4;
    if (m_phases.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(margin, margin, -margin, -margin), Qt::AlignLeft | Qt::AlignTop,
                   m_text);
        return;
    }
    int nameWidth = 0;
    for (const CallTiming::Phase &phase : m_phases)
        nameWidth = std::max(nameWidth, fm.horizontalAdvance(phase.name));
    const QString widest = tr("%1 ms").arg(m_totalMs);
    const int numberWidth = fm.horizontalAdvance(widest) + margin;
    const int barLeft = margin + nameWidth + margin;
    const int barWidth = std::max(40, width() - barLeft - numberWidth - margin);
    const double perMs = m_totalMs > 0 ? double(barWidth) / double(m_totalMs) : 0.0;

    int y = margin;
    for (const CallTiming::Phase &phase : m_phases) {
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(QRect(margin, y, nameWidth, rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   phase.name);
        const int x = barLeft + int(double(phase.startMs) * perMs);
        const int w = std::max(2, int(double(phase.durationMs) * perMs));
        p.fillRect(QRect(x, y + 3, w, rowHeight - 6), colorFor(phase.kind, palette()));
        p.drawText(QRect(barLeft + barWidth + margin, y, numberWidth, rowHeight),
                   Qt::AlignRight | Qt::AlignVCenter, tr("%1 ms").arg(phase.durationMs));
        y += rowHeight;
    }
    drawAxis(&p, barLeft, barWidth, y);
    y += rowHeight;
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(QRect(margin, y, width() - 2 * margin, rowHeight), Qt::AlignLeft | Qt::AlignVCenter,
               m_text.section(QStringLiteral(" · "), -1)); // new connection or reused
}

void TimingView::drawAxis(QPainter *p, int left, int width, int y) const
{
    // A scale under the bars: 0, the middle and the whole call, in milliseconds.
    const QFontMetrics fm = fontMetrics();
    const int rowHeight = fm.height() + 4;
    p->setPen(palette().color(QPalette::Mid));
    p->drawLine(left, y + 2, left + width, y + 2);
    p->setPen(palette().color(QPalette::PlaceholderText));
    for (int i = 0; i <= 2; ++i) {
        const int x = left + width * i / 2;
        p->drawLine(x, y, x, y + 5);
        const QString label = tr("%1 ms").arg(m_totalMs * i / 2);
        const int w = fm.horizontalAdvance(label);
        const int at = i == 0 ? x : (i == 2 ? x - w : x - w / 2);
        p->drawText(QRect(at, y + 5, w, rowHeight - 2), Qt::AlignLeft | Qt::AlignTop, label);
    }
}
