#include "request/jsonhighlighter.h"

#include <QGuiApplication>
#include <QPalette>
#include <QRegularExpression>

JsonHighlighter::JsonHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
    const bool dark = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    m_key.setForeground(dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1a, 0x4d, 0xb3));
    m_string.setForeground(dark ? QColor(0x9c, 0xd6, 0x8a) : QColor(0x1d, 0x7a, 0x3a));
    m_number.setForeground(dark ? QColor(0xf2, 0xb8, 0x6b) : QColor(0xa3, 0x4d, 0x00));
    m_literal.setForeground(dark ? QColor(0xd7, 0x9b, 0xf2) : QColor(0x7b, 0x2f, 0xa6));
    m_literal.setFontWeight(QFont::DemiBold);
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
