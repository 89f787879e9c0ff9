#include "common/colors.h"

namespace Colors {

namespace {

struct Shades
{
    QRgb light;
    QRgb dark;
};

Shades shadesOf(Role role)
{
    switch (role) {
    case Role::Error:
        return {0xc62828, 0xff7a7a};
    case Role::Success:
        return {0x1d7a3a, 0x7fd18f};
    case Role::Warning:
        return {0xb57200, 0xf2b84b};
    case Role::Caution:
        return {0xc4471c, 0xf0875a};
    case Role::JsonKey:
        return {0x1a4db3, 0x8ab4f8};
    case Role::JsonString:
        return {0x1d7a3a, 0x9cd68a};
    case Role::JsonNumber:
        return {0xa34d00, 0xf2b86b};
    case Role::JsonLiteral:
        return {0x7b2fa6, 0xd79bf2};
    }
    return {0x000000, 0xffffff};
}

} // namespace

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor of(Role role, const QPalette &palette)
{
    const Shades shades = shadesOf(role);
    return QColor::fromRgb(isDark(palette) ? shades.dark : shades.light);
}

} // namespace Colors
