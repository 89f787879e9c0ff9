#pragma once

#include "core/net/calltiming.h"

#include <QWidget>

class QPainter;

// Where a call's time went, as a small waterfall: one row per phase (queued, connecting,
// sending, waiting for first byte, downloading), each bar placed at its start and as long as
// it took, with its milliseconds. The accessible description lists the same in words.
class TimingView final : public QWidget
{
    Q_OBJECT

public:
    explicit TimingView(QWidget *parent = nullptr);

    // proxy: "host:port" of the proxy the call went through, or empty.
    void setTiming(const CallTiming &timing, const QString &proxy = {});
    // "waiting for first byte 1203 ms · …": what a screen reader and a test read.
    QString text() const { return m_text; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void drawAxis(QPainter *p, int left, int width, int y) const;

    QList<CallTiming::Phase> m_phases;
    qint64 m_totalMs = 0;
    QString m_text;
};
