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
    setMinimumWidth(460);
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
    return {560, fontMetrics().height() * 2 + 14};
}

void RateLimitGauge::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF area = rect().adjusted(1, 1, -1, -1);
    const qreal lineHeight = fontMetrics().height();
    // The timeline takes the right of both lines, its scale to its left.
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.8);
    const QFontMetricsF smallMetrics(small);
    const QString top = m_tracker && m_tracker->limit() > 0 ? QString::number(m_tracker->limit())
                                                            : QStringLiteral("–");
    const qreal scaleWidth = smallMetrics.horizontalAdvance(top) + 4;
    const qreal chartWidth = std::max<qreal>(90, area.width() * 0.22);
    const QRectF chart(area.right() - chartWidth, area.top() + smallMetrics.height() / 2,
                       chartWidth, area.height() - smallMetrics.height());
    const qreal left = chart.left() - scaleWidth - 10;
    const QRectF bar(area.left(), area.top() + 3, left - area.left(), lineHeight * 0.75);

    // The bar: remaining of limit. Spent, it is an error-coloured outline, not an empty grey.
    QPainterPath track;
    track.addRoundedRect(bar, bar.height() / 2, bar.height() / 2);
    const bool known = m_tracker && m_tracker->limit() > 0 && m_tracker->remaining() >= 0;
    const bool spent = known && m_tracker->remaining() == 0;
    QColor trackFill = palette().color(QPalette::AlternateBase);
    if (spent) {
        trackFill = levelColor();
        trackFill.setAlphaF(0.2);
    }
    p.fillPath(track, trackFill);
    p.setPen(QPen(spent ? levelColor() : palette().color(QPalette::Mid), spent ? 1.5 : 1.0));
    p.drawPath(track);
    if (known) {
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
    p.drawText(QRectF(area.left(), bar.bottom() + 3, left - area.left(), lineHeight + 2),
               Qt::AlignLeft | Qt::AlignVCenter,
               fontMetrics().elidedText(text(), Qt::ElideRight, int(left - area.left())));

    // The timeline: remaining after each response of this session, on a scale from 0 to
    // the limit, oldest on the left.
    p.setFont(small);
    p.setPen(palette().color(QPalette::PlaceholderText));
    const QRectF scale(chart.left() - scaleWidth - 2, chart.top() - smallMetrics.height() / 2,
                       scaleWidth, chart.height() + smallMetrics.height());
    p.drawText(scale, Qt::AlignRight | Qt::AlignTop, top);
    p.drawText(scale, Qt::AlignRight | Qt::AlignBottom, QStringLiteral("0"));
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(chart.bottomLeft(), chart.bottomRight());
    p.drawLine(chart.bottomLeft(), chart.topLeft());
    p.drawLine(chart.topLeft(), chart.topLeft() + QPointF(3, 0));
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
