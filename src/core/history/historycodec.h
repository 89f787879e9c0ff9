#pragma once

#include "core/history/historyrow.h"
#include "core/net/callrecord.h"

#include <QSqlQuery>

// Moves a CallRecord into the calls table and back. The record's request headers are
// already redacted; the codec stores them as they are.
namespace HistoryCodec {

// Binds every column of an INSERT prepared with insertSql(). Bodies longer than cap are cut
// and the row marked truncated; bodies over compressAbove bytes are stored zlib-compressed
// (when that makes them smaller) and read back whole.
QString insertSql();
void bind(QSqlQuery &query, const CallRecord &record, qint64 responseBodyCap);
QString rowColumns(); // the columns rowFrom() reads, in order
HistoryRow rowFrom(const QSqlQuery &query);
CallRecord recordFrom(const QSqlQuery &query); // after SELECT * FROM calls

// A record as read, its bodies still as stored: reading it is cheap, and unpack() (the
// bounded inflate, up to maxBodyBytes a body) may then run on any thread.
struct Packed
{
    CallRecord record; // its bodies empty until unpacked
    QByteArray requestBody;
    QByteArray responseBody;
    bool requestCompressed = false;
    bool responseCompressed = false;

    qsizetype storedBytes() const { return requestBody.size() + responseBody.size(); }
};
Packed packedRecordFrom(const QSqlQuery &query);
CallRecord unpack(Packed packed);

// The most a stored body is inflated to when read back: the largest body a call keeps in
// memory. A row that says more (a crafted file) is read to that and says it was cut.
constexpr qsizetype maxBodyBytes = 256LL * 1024 * 1024;

QByteArray headersToJson(const HttpHeaders &headers);
HttpHeaders headersFromJson(const QByteArray &json);

} // namespace HistoryCodec
