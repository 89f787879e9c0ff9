#include "app/ratelimit/ratelimitgauge.h"

#include "app/common/colors.h"
#include "core/ratelimit/ratelimittracker.h"

#include <QAccessible>
#include <QPainter>
#include <QPainterPath>

RateLimitGauge::RateLimitGauge(QWidget *parent)
    : QWidget(parent)
{
    setAccessibleName(tr("Rate limit"));
    setObjectName(QStringLiteral("rateLimitGauge"));
    setMinimumWidth(340);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setMinimumHeight(sizeHint().height());
    m_timer.setInterval(250);
    connect(&m_timer, &QTimer::timeout, this, &RateLimitGauge::tick);
}

void RateLimitGauge::setTracker(RateLimitTracker *tracker)
{
    if (m_tracker)
        disconnect(m_tracker, nullptr, this, nullptr);
    m_tracker = tracker;
    m_samples.clear();
    if (m_tracker) {
        connect(m_tracker, &RateLimitTracker::changed, this, &RateLimitGauge::onChanged);
        if (m_tracker->remaining() >= 0)
            m_samples.append(m_tracker->remaining());
    }
    tick();
    update();
}

QString RateLimitGauge::text() const
{
    return m_tracker ? m_tracker->describe() : tr("No rate-limit information yet");
}

void RateLimitGauge::onChanged()
{
    if (m_tracker && m_tracker->remaining() >= 0) {
        m_samples.append(m_tracker->remaining());
        if (m_samples.size() > 120)
            m_samples.removeFirst();
    }
    tick();
}

void RateLimitGauge::tick()
{
    const QString now = text();
    const bool counting = m_tracker && m_tracker->msUntilReset() > 0;
    if (counting && !m_timer.isActive())
        m_timer.start();
    else if (!counting)
        m_timer.stop();
    if (now == m_lastText)
        return;
    m_lastText = now;
    setAccessibleDescription(now);
    setToolTip(now);
    QAccessibleValueChangeEvent event(this,
                                      m_tracker ? QVariant(m_tracker->remaining()) : QVariant());
    QAccessible::updateAccessibility(&event);
    update();
}

QColor RateLimitGauge::levelColor() const
{
    if (!m_tracker || m_tracker->limit() <= 0 || m_tracker->remaining() < 0)
        return palette().color(QPalette::Mid);
    using Colors::Role;
    if (m_tracker->exhausted())
        return Colors::of(Role::Error, palette());
    const double share = double(m_tracker->remaining()) / m_tracker->limit();
    if (share > 0.5)
        return Colors::of(Role::Success, palette());
    if (share > 0.2)
        return Colors::of(Role::Warning, palette());
    return Colors::of(Role::Caution, palette());
}

QSize RateLimitGauge::sizeHint() const
{
    return {420, fontMetrics().height() * 2 + 14};
}

void RateLimitGauge::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF area = rect().adjusted(1, 1, -1, -1);
    const qreal lineHeight = fontMetrics().height();
    const QRectF bar(area.left(), area.top() + 3, area.width() * 0.7, lineHeight * 0.75);
    const QRectF chart(bar.right() + 8, area.top() + 1, area.right() - bar.right() - 8,
                       bar.height() + 4);

    // The bar: remaining of limit.
    QPainterPath track;
    track.addRoundedRect(bar, bar.height() / 2, bar.height() / 2);
    p.fillPath(track, palette().color(QPalette::AlternateBase));
    p.setPen(palette().color(QPalette::Mid));
    p.drawPath(track);
    if (m_tracker && m_tracker->limit() > 0 && m_tracker->remaining() >= 0) {
        const double share =
            std::clamp(double(m_tracker->remaining()) / m_tracker->limit(), 0.0, 1.0);
        QRectF fill = bar;
        fill.setWidth(std::max(bar.height(), bar.width() * share));
        QPainterPath filled;
        filled.addRoundedRect(fill, bar.height() / 2, bar.height() / 2);
        if (share > 0)
            p.fillPath(filled, levelColor());
    }
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(QRectF(area.left(), bar.bottom() + 3, area.width(), lineHeight + 2),
               Qt::AlignLeft | Qt::AlignVCenter,
               fontMetrics().elidedText(text(), Qt::ElideRight, int(area.width())));

    // The timeline: remaining after each response of this session.
    p.setPen(palette().color(QPalette::Mid));
    p.drawRect(chart);
    if (m_samples.size() >= 2 && m_tracker && m_tracker->limit() > 0) {
        QPainterPath line;
        const int n = int(m_samples.size());
        for (int i = 0; i < n; ++i) {
            const qreal x = chart.left() + chart.width() * i / (n - 1);
            const qreal y =
                chart.bottom() -
                chart.height() * std::clamp(double(m_samples.at(i)) / m_tracker->limit(), 0.0, 1.0);
            i == 0 ? line.moveTo(x, y) : line.lineTo(x, y);
        }
        p.setPen(QPen(levelColor(), 1.5));
        p.drawPath(line);
    }
}
