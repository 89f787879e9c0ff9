#include "app/request/jsonhighlighter.h"

#include "app/common/colors.h"

#include <QGuiApplication>
#include <QPalette>
#include <QRegularExpression>

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    setPalette(QGuiApplication::palette());
    m_literal.setFontWeight(QFont::DemiBold);
}

void JsonHighlighter::setPalette(const QPalette &palette)
{
    using Colors::Role;
    m_key.setForeground(Colors::of(Role::JsonKey, palette));
    m_string.setForeground(Colors::of(Role::JsonString, palette));
    m_number.setForeground(Colors::of(Role::JsonNumber, palette));
    m_literal.setForeground(Colors::of(Role::JsonLiteral, palette));
    rehighlight();
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    static const QRegularExpression strings(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\"(\\s*:)?"));
    static const QRegularExpression numbers(
        QStringLiteral("-?\\b\\d+(\\.\\d+)?([eE][+-]?\\d+)?\\b"));
    static const QRegularExpression literals(QStringLiteral("\\b(true|false|null)\\b"));
    for (auto it = numbers.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), m_number);
    }
    for (auto it = literals.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), m_literal);
    }
    // Strings last: digits and words inside them are text, not numbers or literals.
    for (auto it = strings.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const bool isKey = m.capturedLength(1) > 0;
        setFormat(int(m.capturedStart()), int(m.capturedLength(0) - m.capturedLength(1)),
                  isKey ? m_key : m_string);
    }
}
