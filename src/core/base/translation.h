#pragma once

#include <QCoreApplication>
#include <QString>

// tr() for a source file whose strings belong to no QObject (a namespace of functions, say),
// in the translation context `context`: what Q_DECLARE_TR_FUNCTIONS gives a class.
// Use once per file, after the includes: PI_TRANSLATION_CONTEXT("SendPolicy")
#define PI_TRANSLATION_CONTEXT(context)                                                            \
    namespace {                                                                                    \
    [[maybe_unused]] QString tr(const char *text, const char *disambiguation = nullptr,            \
                                int n = -1)                                                        \
    {                                                                                              \
        return QCoreApplication::translate(context, text, disambiguation, n);                      \
    }                                                                                              \
    }
