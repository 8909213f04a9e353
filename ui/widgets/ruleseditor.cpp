#include "ruleseditor.h"

#include "ui_ruleseditor.h"

#include <ui/widgets/apptheme.h>
#include <ui/widgets/formerrors.h>
#include <ui/widgets/readableicon.h>
#include <ui/widgets/rulesdelegate.h>

#include <ui/models/rulestablemodel.h>

#include <engine/responders/jsonsource.h>
#include <engine/responders/rulebook.h>

#include <QtCore/QEvent>
#include <QtCore/QJsonArray>
#include <QtGui/QFontDatabase>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QMessageBox>

namespace wirebench {

RulesEditor::RulesEditor(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::RulesEditor>()), m_model(new RulesTableModel(this))
{
    m_ui->setupUi(this);
    m_ui->rulesView->setModel(m_model);
    m_ui->rulesView->setItemDelegate(new RulesDelegate(m_ui->rulesView));
    m_ui->rulesView->setWordWrap(false);
    m_ui->rulesView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    QHeaderView *header = m_ui->rulesView->horizontalHeader();
    header->setSectionResizeMode(RulesTableModel::WhenColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(RulesTableModel::ReplyColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(RulesTableModel::DelayColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(RulesTableModel::ThenColumn, QHeaderView::ResizeToContents);
    // Monospace: the cells are JSON, and regular expressions are read character by character.
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->rulesView->setFont(mono);
    m_ui->greetingEdit->setFont(mono);
    updateProblemLook();

    connect(m_model, &RulesTableModel::documentChanged, this, &RulesEditor::onDocumentChanged);
    connect(m_ui->greetingEdit, &QLineEdit::textEdited, m_model, &RulesTableModel::setGreeting);
    connect(m_ui->addRuleButton, &QPushButton::clicked, this, &RulesEditor::addRule);
    connect(m_ui->removeRuleButton, &QPushButton::clicked, this, &RulesEditor::removeRule);
    connect(m_ui->moveUpButton, &QToolButton::clicked, this, [this] { moveRule(-1); });
    connect(m_ui->moveDownButton, &QToolButton::clicked, this, [this] { moveRule(+1); });
    connect(m_ui->loadRulesButton, &QPushButton::clicked, this, &RulesEditor::loadFile);
    connect(m_ui->rulesView->selectionModel(), &QItemSelectionModel::currentChanged, this, &RulesEditor::updateButtons);
    onDocumentChanged();
}

RulesEditor::~RulesEditor() = default;

QJsonObject RulesEditor::exampleDocument()
{
    const auto text = [](const QString &value) { return QJsonObject{{QStringLiteral("text"), value}}; };
    const auto rule = [](const QJsonObject &when, const QJsonObject &reply) {
        return QJsonObject{{QStringLiteral("when"), when}, {QStringLiteral("reply"), reply}};
    };
    QJsonObject quit = rule(text(QStringLiteral("^QUIT$")), text(QStringLiteral("BYE")));
    quit.insert(QStringLiteral("then"), QStringLiteral("close"));
    return {{QStringLiteral("on_connect"), text(QStringLiteral("welcome {{peer}}"))},
            {QStringLiteral("rules"),
             QJsonArray{rule(text(QStringLiteral("^PING (\\d+)$")), text(QStringLiteral("PONG {{1}}"))), quit,
                        rule(QJsonObject(), text(QStringLiteral("#{{seq}} {{text}}")))}}};
}

void RulesEditor::setDocument(const QJsonObject &document)
{
    m_model->setDocument(document);
    m_ui->greetingEdit->setText(m_model->greeting());
}

QJsonObject RulesEditor::document() const
{
    return m_model->document();
}

QString RulesEditor::problem() const
{
    return m_model->firstProblem();
}

void RulesEditor::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        updateProblemLook(); // the theme changed: the error colour with it
    QWidget::changeEvent(event);
}

void RulesEditor::updateProblemLook()
{
    m_model->setProblemLook(AppTheme::errorColor(palette()), ReadableIcon::standard(style(), QStyle::SP_MessageBoxWarning));
}

void RulesEditor::onDocumentChanged()
{
    const QString problem = m_model->firstProblem();
    FormErrors::show(m_ui->rulesErrorLabel, problem);
    m_ui->greetingEdit->setToolTip(m_model->greetingProblem().isEmpty()
                                       ? tr("A reply (or an array of them) sent to each new connection before anything else")
                                       : m_model->greetingProblem());
    updateButtons();
    emit documentChanged();
}

int RulesEditor::currentRow() const
{
    const QModelIndex current = m_ui->rulesView->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void RulesEditor::addRule()
{
    const int row = currentRow() < 0 ? m_model->rowCount() : currentRow() + 1;
    m_model->insertRow(row);
    const QModelIndex when = m_model->index(row, RulesTableModel::WhenColumn);
    m_ui->rulesView->setCurrentIndex(when);
    m_ui->rulesView->setFocus();
}

void RulesEditor::removeRule()
{
    const int row = currentRow();
    if (row < 0)
        return;
    const int column = m_ui->rulesView->currentIndex().column();
    m_model->removeRow(row);
    if (m_model->rowCount() > 0)
        m_ui->rulesView->setCurrentIndex(m_model->index(qMin(row, m_model->rowCount() - 1), column));
    updateButtons();
}

void RulesEditor::moveRule(int by)
{
    const int row = currentRow();
    const int to = row + by;
    if (row < 0 || to < 0 || to >= m_model->rowCount())
        return;
    const int column = m_ui->rulesView->currentIndex().column();
    // moveRows names the row it goes before: one further down when moving down.
    m_model->moveRow({}, row, {}, by > 0 ? to + 1 : to);
    m_ui->rulesView->setCurrentIndex(m_model->index(to, column));
    updateButtons();
}

void RulesEditor::updateButtons()
{
    const int row = currentRow();
    m_ui->removeRuleButton->setEnabled(row >= 0);
    m_ui->moveUpButton->setEnabled(row > 0);
    m_ui->moveDownButton->setEnabled(row >= 0 && row + 1 < m_model->rowCount());
}

void RulesEditor::loadFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load Rules"), QString(),
                                                      tr("Rules files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    JsonSource source;
    QString error;
    if (!source.load(path, &error) || !source.document().isObject()) {
        QMessageBox::warning(this, tr("Load Rules"),
                             error.isEmpty() ? tr("%1 is not a rules file: it holds no JSON object").arg(path) : error);
        return;
    }
    setDocument(source.document().object());
    // The table marks what is wrong cell by cell; the file's own line helps fix the file too.
    RuleBook book;
    if (!RuleBook::parse(source, &book, &error))
        FormErrors::show(m_ui->rulesErrorLabel, tr("%1 (%2)").arg(problem(), error));
}

} // namespace wirebench
