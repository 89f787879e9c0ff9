#pragma once

#include "sandbox/server/requesthead.h"

#include <QByteArray>
#include <QByteArrayView>

// Follows the bytes of one connection, request after request, without keeping any body: it
// finds where each head ends (at most maxHeadBytes), then counts the body off by its
// Content-Length or its chunk sizes, so the sandbox knows what a request declares before its
// body is read and where the request ends. Pure: bytes in, events out.
class RequestFramer final
{
public:
    struct Limits
    {
        qsizetype maxHeadBytes = 64 * 1024;
        qint64 maxChunkedBytes = 11 * 1024 * 1024; // a chunked body's bytes, framing included
    };
    enum class Event
    {
        NeedMore,     // every byte given was used; the request goes on
        Head,         // a whole head was read: see head()
        HeadTooLarge, // no blank line within maxHeadBytes
        BadFraming,   // a chunk size line that is not one
        BodyTooLarge, // a chunked body past maxChunkedBytes
        MessageEnd,   // the request's last byte was used
    };

    explicit RequestFramer(Limits limits);

    // Uses bytes from the front of data until something happens; *used says how many. After
    // Head, call again (even with no bytes left) to go on with the body.
    Event feed(QByteArrayView data, qsizetype *used);
    const RequestHead &head() const { return m_head; }
    // True between a request's first byte and its end.
    bool inRequest() const { return m_state != State::Idle; }
    bool inHead() const { return m_state == State::Head; }
    void reset();

private:
    enum class State
    {
        Idle,
        Head,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailer,
        Done
    };

    struct Step
    {
        Event event;
        bool goOn = false;               // more may happen with the bytes left
        Step(Event e, bool more = false) // NOLINT: implicit from Event on purpose
            : event(e)
            , goOn(more)
        {}
    };
    Step step(QByteArrayView data, qsizetype *used);
    Step lineState(QByteArrayView data, qsizetype *used);

    Limits m_limits;
    State m_state = State::Idle;
    QByteArray m_buffer; // the head, or a chunk size or trailer line, while it is incomplete
    RequestHead m_head;
    qint64 m_remaining = 0;
    qint64 m_chunkedBytes = 0;
};
