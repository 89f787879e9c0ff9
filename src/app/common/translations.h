#pragma once

class QCoreApplication;

// The app's translations, built into it: for now English's own plural forms, so that a
// string that counts says "1 call" and "2 calls", not "call(s)". main() installs them, and so
// do the tests that drive the window.
namespace Translations {

void install(QCoreApplication *app);

} // namespace Translations
