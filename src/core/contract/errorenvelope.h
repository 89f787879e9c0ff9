#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// Pi's error envelope {"error":{type,code,message,request_id}}, read tolerantly: whatever
// the body holds, the result says what it is, and nothing in it can crash the reader.
struct ErrorEnvelope
{
    enum class Kind
    {
        None,        // not an error response
        Envelope,    // a Pi error envelope (possibly with problems listed)
        NotEnvelope, // an error whose body is not a Pi error envelope
    };

    Kind kind = Kind::None;
    QString type;
    QString code;
    QString message;
    // A giant message is kept by its start where it is shown and indexed; the body keeps it
    // whole. Cut only after the redaction, so no part of a key survives at the cut.
    static constexpr qsizetype maxMessageChars = 16 * 1024;
    static QString shortened(const QString &message);
    QString requestId;
    QStringList problems; // what was missing or of the wrong type, in plain words

    static ErrorEnvelope parse(int status, const QByteArray &body, const QByteArray &contentType);
    // From this size up the body is scanned, not parsed into a document (which takes several
    // times the body), and its strings are decoded by their start.
    static constexpr qsizetype scanFrom = 1024 * 1024;
    // A plain-language hint for the codes Pi documents; empty for others.
    static QString hintFor(const QString &code);
    bool isEnvelope() const { return kind == Kind::Envelope; }
};
