// Paste curl…: CurlCommand::parse reads any text a person pastes. It must never crash, and
// what it accepts must be a request Pi Console can show and send.
#include "curlcommand.h"
#include "fuzzinput.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString commandLine = QString::fromUtf8(
        QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)));

    QString error;
    (void)CurlCommand::splitShellWords(commandLine, &error);

    const CurlCommand::Parsed parsed = CurlCommand::parse(commandLine);
    if (parsed.ok && !parsed.error.isEmpty())
        abort();
    if (!parsed.ok && parsed.error.isEmpty())
        abort();
    return 0;
}
