#include "templatetext.h"

#include "jsonpointer.h"
#include "messagefacts.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QRandomGenerator>
#include <QtCore/QRegularExpression>

namespace wirebench {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("wirebench::TemplateText", text);
}

/** A JSON value as a template shows it: a string as it is, anything else as compact JSON. */
QString asText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (number == double(qint64(number)) && qAbs(number) < 9007199254740992.0)
            return QString::number(qint64(number));
        return QString::number(number, 'g', 17);
    }
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Undefined:
        break;
    }
    return {};
}

} // namespace

bool TemplateText::hasPlaceholders(const QString &text)
{
    return text.contains(QLatin1String("{{"));
}

TemplateText TemplateText::literal(const QString &text)
{
    TemplateText result;
    result.m_pieces.first().literal = text;
    return result;
}

bool TemplateText::parse(const QString &text, TemplateText *result, QString *error)
{
    QList<Piece> pieces;
    QString literal;
    qsizetype at = 0;
    while (at < text.size()) {
        const qsizetype open = text.indexOf(QLatin1String("{{"), at);
        if (open < 0) {
            literal += QStringView(text).mid(at);
            break;
        }
        literal += QStringView(text).mid(at, open - at);
        const qsizetype close = text.indexOf(QLatin1String("}}"), open + 2);
        if (close < 0) {
            *error = tr("\"{{\" without a closing \"}}\" in \"%1\"").arg(text);
            return false;
        }
        Piece piece;
        if (!parsePlaceholder(text.mid(open + 2, close - open - 2).trimmed(), &piece, error))
            return false;
        if (!literal.isEmpty())
            pieces.append(Piece{Kind::Literal, std::exchange(literal, QString()), 0, 0});
        pieces.append(piece);
        at = close + 2;
    }
    if (!literal.isEmpty() || pieces.isEmpty())
        pieces.append(Piece{Kind::Literal, literal, 0, 0});
    result->m_pieces = pieces;
    return true;
}

bool TemplateText::parsePlaceholder(const QString &name, Piece *piece, QString *error)
{
    static const QHash<QString, Kind> simple{
        {QStringLiteral("channel"), Kind::Channel}, {QStringLiteral("id"), Kind::Id},
        {QStringLiteral("text"), Kind::Text},       {QStringLiteral("hex"), Kind::Hex},
        {QStringLiteral("conn"), Kind::Connection}, {QStringLiteral("peer"), Kind::Peer},
        {QStringLiteral("seq"), Kind::Seq},         {QStringLiteral("now"), Kind::Now},
    };
    if (const auto it = simple.constFind(name); it != simple.cend()) {
        piece->kind = *it;
        return true;
    }
    if (name.size() == 1 && name.at(0) >= QLatin1Char('1') && name.at(0) <= QLatin1Char('9')) {
        piece->kind = Kind::Group;
        piece->low = name.at(0).unicode() - '0';
        return true;
    }
    if (name.startsWith(QLatin1String("json:"))) {
        piece->kind = Kind::Json;
        piece->literal = name.mid(5);
        const QString why = JsonPointer::validate(piece->literal);
        if (!why.isEmpty()) {
            *error = tr("{{%1}}: %2").arg(name, why);
            return false;
        }
        return true;
    }
    if (name.startsWith(QLatin1String("random:"))) {
        static const QRegularExpression range(QStringLiteral("^(-?\\d{1,15})-(-?\\d{1,15})$"));
        const QRegularExpressionMatch match = range.match(QStringView(name).mid(7));
        if (!match.hasMatch() || match.captured(1).toLongLong() > match.captured(2).toLongLong()) {
            *error = tr("{{%1}}: a range is written A-B with integers A <= B, e.g. {{random:1-100}}").arg(name);
            return false;
        }
        piece->kind = Kind::Random;
        piece->low = match.captured(1).toLongLong();
        piece->high = match.captured(2).toLongLong();
        return true;
    }
    *error = tr("unknown template {{%1}}: use {{1}}..{{9}}, {{json:/pointer}}, {{channel}}, {{id}}, {{text}}, "
                "{{hex}}, {{conn}}, {{peer}}, {{seq}}, {{now}} or {{random:A-B}}")
                 .arg(name);
    return false;
}

QString TemplateText::render(const TemplateContext &context) const
{
    if (m_pieces.size() == 1)
        return renderPiece(m_pieces.first(), context);
    QString text;
    for (const Piece &piece : m_pieces)
        text += renderPiece(piece, context);
    return text;
}

QJsonValue TemplateText::renderTypedJson(const TemplateContext &context) const
{
    QJsonValue value(QJsonValue::Undefined);
    if (m_pieces.size() == 1 && m_pieces.first().kind == Kind::Json && context.message && context.message->hasJson())
        JsonPointer::resolve(context.message->json(), m_pieces.first().literal, &value);
    return value;
}

QString TemplateText::renderPiece(const Piece &piece, const TemplateContext &context) const
{
    const MessageFacts *message = context.message;
    switch (piece.kind) {
    case Kind::Literal:
        return piece.literal;
    case Kind::Group:
        return piece.low < context.groups.size() ? context.groups.at(piece.low) : QString();
    case Kind::Json: {
        QJsonValue value;
        if (message && message->hasJson() && JsonPointer::resolve(message->json(), piece.literal, &value))
            return asText(value);
        return {};
    }
    case Kind::Channel:
        return message ? message->channel() : QString();
    case Kind::Id:
        return message ? QString::number(message->id()) : QString();
    case Kind::Text:
        return message ? message->text() : QString();
    case Kind::Hex:
        return message ? QString::fromLatin1(message->hex()) : QString();
    case Kind::Connection:
        return QString::number(context.connection);
    case Kind::Peer:
        return context.peer;
    case Kind::Seq:
        return QString::number(context.seq);
    case Kind::Now:
        return QString::number(QDateTime::currentMSecsSinceEpoch());
    case Kind::Random:
        return QString::number(QRandomGenerator::global()->bounded(piece.low, piece.high + 1));
    }
    return {};
}

} // namespace wirebench
