#pragma once

#include <QString>

namespace Sandbox {

// The key pi-sandbox accepts when it is given none with --key, and the embedded sandbox's
// profile uses. It opens nothing but a local pi-sandbox, so it may be printed and documented.
inline QString demoKey()
{
    return QStringLiteral("pi_sandbox_demo_key_0123456789");
}

} // namespace Sandbox
