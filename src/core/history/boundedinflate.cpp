#include "core/history/boundedinflate.h"

#include <zlib.h>

#include <algorithm>

namespace BoundedInflate {

Result inflate(const QByteArray &packed, qsizetype limit)
{
    Result out;
    if (packed.size() < 4 || limit < 0)
        return out;
    // The length qCompress wrote is a hint for the first allocation, never more than the limit.
    const quint32 declared = (quint32(quint8(packed[0])) << 24) |
                             (quint32(quint8(packed[1])) << 16) |
                             (quint32(quint8(packed[2])) << 8) | quint32(quint8(packed[3]));
    z_stream z{};
    if (inflateInit(&z) != Z_OK)
        return out;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(packed.constData() + 4));
    z.avail_in = uInt(packed.size() - 4);
    out.bytes.resize(std::min<qsizetype>(std::min<qsizetype>(declared, limit), 64 * 1024 * 1024));
    qsizetype produced = 0;
    int status = Z_OK;
    while (status == Z_OK) {
        if (produced == out.bytes.size()) {
            if (produced >= limit) {
                // Full: one byte more tells whether the stream goes on.
                char probe = 0;
                z.next_out = reinterpret_cast<Bytef *>(&probe);
                z.avail_out = 1;
                status = ::inflate(&z, Z_NO_FLUSH);
                out.cut = z.avail_out == 0;
                out.ok = true;
                break;
            }
            out.bytes.resize(std::min<qsizetype>(limit, std::max<qsizetype>(4096, produced * 2)));
        }
        const qsizetype room = std::min<qsizetype>(out.bytes.size() - produced, 1 << 30);
        z.next_out = reinterpret_cast<Bytef *>(out.bytes.data() + produced);
        z.avail_out = uInt(room);
        status = ::inflate(&z, Z_NO_FLUSH);
        produced += room - qsizetype(z.avail_out);
        if (status == Z_BUF_ERROR && z.avail_in == 0)
            break; // the stream ended early: not whole
        if (status == Z_BUF_ERROR)
            status = Z_OK; // no room was left: grow and go on
    }
    if (status == Z_STREAM_END)
        out.ok = true;
    inflateEnd(&z);
    out.bytes.resize(produced);
    if (!out.ok)
        out.bytes.clear();
    return out;
}

} // namespace BoundedInflate
