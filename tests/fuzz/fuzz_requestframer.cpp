// pi-sandbox's guard frames whatever a client sends with RequestFramer and RequestHead before
// Qt HttpServer sees a byte: whatever the bytes and however they are cut into reads, it never
// crashes, never uses more bytes than it was given nor none while it says it goes on, never
// lets a head past its limit, and never passes a head with a bare LF or two Content-Lengths.
#include "fuzz/fuzzinput.h"
#include "sandbox/server/requestframer.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzedDataProvider in(data, size);
    RequestFramer::Limits limits;
    limits.maxHeadBytes = in.ConsumeIntegralInRange<qsizetype>(16, 4096);
    limits.maxChunkedBytes = in.ConsumeIntegralInRange<qint64>(0, 1 << 20);
    RequestFramer framer(limits);
    int events = 0;
    while (in.remaining_bytes() > 0 && events < 10000) {
        const QByteArray piece = toBytes(in.ConsumeRandomLengthString(512));
        QByteArrayView rest(piece);
        do {
            qsizetype used = -1;
            const RequestFramer::Event e = framer.feed(rest, &used);
            ++events;
            if (used < 0 || used > rest.size())
                abort();
            if (e == RequestFramer::Event::Head) {
                const RequestHead &head = framer.head();
                if (head.ok) {
                    int lengths = 0;
                    for (const auto &h : head.headers)
                        lengths += h.first.compare("Content-Length", Qt::CaseInsensitive) == 0;
                    if (lengths > 1)
                        abort();
                }
            }
            if (e == RequestFramer::Event::HeadTooLarge || e == RequestFramer::Event::BadFraming ||
                e == RequestFramer::Event::BodyTooLarge) {
                framer.reset();
                break;
            }
            rest = rest.sliced(used);
            if (e == RequestFramer::Event::NeedMore && !rest.isEmpty())
                abort(); // said it used everything
        } while (!rest.isEmpty() && events < 10000);
    }
    return 0;
}
