#pragma once

#include <QColor>
#include <QPalette>

// Every colour the window draws that the palette has no role for, in one place. Each has a
// shade for light palettes and one for dark ones, chosen by the palette it is drawn on, so a
// dark desktop theme gets readable text.
namespace Colors {

enum class Role
{
    Error,   // an error status, a refused body, a key problem
    Success, // a 2xx status; the gauge with most of its budget left
    Warning, // the gauge between a fifth and half left
    Caution, // the gauge under a fifth left
    JsonKey, // the composer's highlighting
    JsonString,
    JsonNumber,
    JsonLiteral, // true, false, null
};

QColor of(Role role, const QPalette &palette);

} // namespace Colors
