#include "sandbox/server/requestframer.h"

#include <cctype>

namespace {

constexpr qsizetype kMaxLine = 4096; // a chunk size line or a trailer field

} // namespace

RequestFramer::RequestFramer(Limits limits)
    : m_limits(limits)
{}

void RequestFramer::reset()
{
    m_state = State::Idle;
    m_buffer.clear();
    m_head = {};
    m_remaining = 0;
    m_chunkedBytes = 0;
}

RequestFramer::Event RequestFramer::feed(QByteArrayView data, qsizetype *used)
{
    // One step at a time, so a batch of many small chunks needs no recursion.
    *used = 0;
    for (;;) {
        qsizetype n = 0;
        const Step step = this->step(data.sliced(*used), &n);
        *used += n;
        if (step.goOn)
            continue;
        return step.event;
    }
}

RequestFramer::Step RequestFramer::step(QByteArrayView data, qsizetype *used)
{
    *used = 0;
    switch (m_state) {
    case State::Done:
        if (data.isEmpty())
            return Event::NeedMore; // head() stays the last request's until the next one
        reset();
        return {Event::NeedMore, true};
    case State::Idle:
        if (data.isEmpty())
            return Event::NeedMore;
        m_state = State::Head;
        [[fallthrough]];
    case State::Head: {
        // Look for the blank line across what was kept and what came in.
        const qsizetype kept = m_buffer.size();
        const qsizetype room = m_limits.maxHeadBytes - kept;
        const QByteArrayView take = data.first(qMin(data.size(), room));
        const qsizetype overlap = qMin<qsizetype>(kept, 3);
        QByteArray window = m_buffer.right(overlap);
        window.append(take.data(), take.size());
        // Line ends in the overlap were read before: only the new bytes' are looked at.
        const qsizetype end = RequestHead::endOf(window, overlap);
        if (end < 0) {
            if (take.size() < data.size() || kept + take.size() >= m_limits.maxHeadBytes) {
                *used = take.size();
                return Event::HeadTooLarge;
            }
            m_buffer.append(take.data(), take.size());
            *used = take.size();
            return Event::NeedMore;
        }
        *used = end - overlap;
        m_buffer.append(data.first(*used).data(), *used);
        m_head = RequestHead::parse(m_buffer);
        m_buffer.clear();
        if (m_head.chunked) {
            m_state = State::ChunkSize;
        } else {
            m_state = State::Body;
            m_remaining = qMax<qint64>(0, m_head.contentLength);
        }
        return Event::Head;
    }
    case State::Body: {
        const qsizetype n = qsizetype(qMin<qint64>(m_remaining, data.size()));
        m_remaining -= n;
        *used = n;
        if (m_remaining > 0)
            return Event::NeedMore;
        m_state = State::Done;
        return Event::MessageEnd;
    }
    case State::ChunkData:
    case State::ChunkDataEnd: {
        const qsizetype n = qsizetype(qMin<qint64>(m_remaining, data.size()));
        m_remaining -= n;
        m_chunkedBytes += n;
        *used = n;
        if (m_chunkedBytes > m_limits.maxChunkedBytes)
            return Event::BodyTooLarge;
        if (m_remaining > 0)
            return Event::NeedMore;
        if (m_state == State::ChunkData) {
            m_state = State::ChunkDataEnd;
            m_remaining = 2; // the CRLF after the data
        } else {
            m_state = State::ChunkSize;
        }
        return {Event::NeedMore, true};
    }
    case State::ChunkSize:
    case State::Trailer:
        return lineState(data, used);
    }
    return Event::NeedMore;
}

RequestFramer::Step RequestFramer::lineState(QByteArrayView data, qsizetype *used)
{
    const qsizetype eol = data.indexOf('\n');
    const qsizetype take = eol < 0 ? data.size() : eol + 1;
    if (m_buffer.size() + take > kMaxLine) {
        *used = take;
        return Event::BadFraming;
    }
    m_buffer.append(data.first(take).data(), take);
    m_chunkedBytes += take;
    *used = take;
    if (m_chunkedBytes > m_limits.maxChunkedBytes)
        return Event::BodyTooLarge;
    if (eol < 0)
        return Event::NeedMore;
    if (!m_buffer.endsWith("\r\n"))
        return Event::BadFraming;
    const QByteArray line = m_buffer.chopped(2);
    m_buffer.clear();

    if (m_state == State::Trailer) {
        if (!line.isEmpty())
            return {Event::NeedMore, true};
        m_state = State::Done;
        return Event::MessageEnd;
    }
    // chunk-size [; extensions]
    const qsizetype semicolon = line.indexOf(';');
    const QByteArray digits = (semicolon < 0 ? line : line.left(semicolon)).trimmed();
    bool ok = !digits.isEmpty() && digits.size() <= 15;
    for (const char c : digits)
        ok = ok && std::isxdigit(static_cast<unsigned char>(c));
    const qint64 size = ok ? digits.toLongLong(&ok, 16) : -1;
    if (!ok || size < 0)
        return Event::BadFraming;
    if (size == 0) {
        m_state = State::Trailer;
    } else {
        m_state = State::ChunkData;
        m_remaining = size;
        if (m_chunkedBytes + size > m_limits.maxChunkedBytes)
            return Event::BodyTooLarge; // refused on the declared size, before its data
    }
    return {Event::NeedMore, true};
}
