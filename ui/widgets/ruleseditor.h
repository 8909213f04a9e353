#pragma once

#include <QtCore/QJsonObject>
#include <QtWidgets/QWidget>

#include <memory>

namespace Ui {
class RulesEditor;
}

namespace wirebench {

class RulesTableModel;

/**
 * The Rules behaviour of the server dialog, for people who do not write
 * the file: the greeting, a table of rules (When / Reply / Delay / Then)
 * with buttons to add, remove and order them, and a line naming the first
 * problem. Each cell is checked as it is edited (RulesTableModel).
 */
class RulesEditor : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY(RulesEditor)

public:
    explicit RulesEditor(QWidget *parent = nullptr);
    ~RulesEditor() override;

    void setDocument(const QJsonObject &document);
    QJsonObject document() const;
    /** "rule 3, reply: ..." for the first thing wrong; empty when the rules can be used. */
    QString problem() const;

    /** What a new server in Rules mode starts with, so the user sees the format. */
    static QJsonObject exampleDocument();

signals:
    /** The document changed (a cell, a row, the greeting) and problem() may have. */
    void documentChanged();

protected:
    void changeEvent(QEvent *event) override;

private:
    void onDocumentChanged();
    void addRule();
    void removeRule();
    void moveRule(int by);
    void loadFile();
    void updateProblemLook();
    void updateButtons();
    int currentRow() const;

    std::unique_ptr<Ui::RulesEditor> m_ui;
    RulesTableModel *m_model = nullptr; ///< child
};

} // namespace wirebench
