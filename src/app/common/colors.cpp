#include "app/common/colors.h"

#include <iterator>

namespace Colors {

namespace {

struct Shades
{
    QRgb light;
    QRgb dark;
};

// In the order of Role.
constexpr Shades shades[] = {
    {0xc62828, 0xff7a7a}, // Error
    {0x1d7a3a, 0x7fd18f}, // Success
    {0xb57200, 0xf2b84b}, // Warning
    {0xc4471c, 0xf0875a}, // Caution
    {0x1a4db3, 0x8ab4f8}, // JsonKey
    {0x1d7a3a, 0x9cd68a}, // JsonString
    {0xa34d00, 0xf2b86b}, // JsonNumber
    {0x7b2fa6, 0xd79bf2}, // JsonLiteral
};
static_assert(std::size(shades) == size_t(Role::JsonLiteral) + 1, "a shade for every role");

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace

QColor of(Role role, const QPalette &palette)
{
    const Shades &shade = shades[size_t(role)];
    return QColor::fromRgb(isDark(palette) ? shade.dark : shade.light);
}

} // namespace Colors
