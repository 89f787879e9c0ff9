#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

// When each stage of a call happened, in milliseconds after the call was handed to the
// network; -1 if it did not (or could not be seen).
struct CallTiming
{
    Q_DECLARE_TR_FUNCTIONS(CallTiming) // ends in "private:"

public:
    qint64 connectStartMs = -1; // a new connection began (-1: an open one was reused)
    qint64 encryptedMs = -1;    // the TLS handshake finished (-1: cleartext or reused)
    qint64 bodyStartMs = -1;    // the first bytes of the request body were written
    qint64 sentMs = -1;         // the whole request was written out
    qint64 firstByteMs = -1;    // the response's headers arrived
    qint64 doneMs = -1;

    bool newConnection() const { return connectStartMs >= 0; }

    // One stretch of the call: what it was waiting for, from when, for how long.
    struct Phase
    {
        enum class Kind
        {
            Queued,      // not yet on the network
            Connecting,  // a new connection (with its TLS handshake when encrypted)
            Sending,     // the request body going out
            Waiting,     // for the first byte of the answer
            Downloading, // the rest of the answer
        };
        Kind kind = Kind::Queued;
        QString name; // "queued", "connecting", "sending", "waiting for first byte"…
        qint64 startMs = 0;
        qint64 durationMs = 0;
    };
    // The stretches seen, in order and without overlap; empty when the call never started.
    QList<Phase> phases() const;
    // "queued 0 ms · connecting 1 ms · … · new connection": every phase with its milliseconds.
    QString describe() const;
};
