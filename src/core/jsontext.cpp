#include "jsontext.h"

#include <QJsonDocument>

namespace JsonText {

Check check(const QByteArray &body)
{
    Check c;
    if (body.trimmed().isEmpty()) {
        c.empty = true;
        return c;
    }
    QJsonParseError error{};
    QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError)
        return c;
    c.ok = false;
    c.message = error.errorString();
    c.line = 1;
    qsizetype lineStart = 0;
    // Qt's offset points just past the character it could not take: show that character.
    const qsizetype end = std::clamp<qsizetype>(error.offset - 1, 0, body.size());
    for (qsizetype i = 0; i < end; ++i) {
        if (body.at(i) == '\n') {
            ++c.line;
            lineStart = i + 1;
        }
    }
    c.column = int(QString::fromUtf8(body.mid(lineStart, end - lineStart)).size()) + 1;
    return c;
}

QByteArray pretty(const QByteArray &body, bool *wasJson)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    const bool json = error.error == QJsonParseError::NoError && !doc.isNull();
    if (wasJson)
        *wasJson = json;
    return json ? doc.toJson(QJsonDocument::Indented) : body;
}

} // namespace JsonText
