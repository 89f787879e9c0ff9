#pragma once

#include <QByteArray>
#include <QThreadPool>

#include <utility>

// Giving hundreds of MB back to the system takes tens of milliseconds: the window lets go of
// its large buffers (a body, its pretty copy, its line index) on a worker instead.
namespace BackgroundRelease {

constexpr qsizetype worthIt = 1024 * 1024;

// Destroys `value`, which holds about `bytes`: on a worker from worthIt up, here below that.
// The caller must hold no other reference to its data, or the work is done there after all.
template <typename T>
void drop(T value, qsizetype bytes)
{
    if (bytes < worthIt)
        return;
    QThreadPool::globalInstance()->start([held = std::move(value)] { Q_UNUSED(held); });
}

inline void drop(QByteArray bytes)
{
    const qsizetype size = bytes.size();
    drop(std::move(bytes), size);
}

} // namespace BackgroundRelease
