#pragma once

#include <QtCore/QElapsedTimer>
#include <QtCore/QTimer>
#include <QtTest/QTest>
#include <QtWidgets/QApplication>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QLabel>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QStyleOptionButton>

#include <functional>

/** Drives a dialog's widgets the way a person does: typing, clicking, answering a file dialog. */
namespace dialogdriver {

/** Replaces the text of @p edit by typing @p text into it. */
inline void typeInto(QWidget *edit, const QString &text)
{
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

/** Clicks @p browseButton and picks @p path in the file dialog it opens. */
inline void browseTo(QAbstractButton *browseButton, const QString &path)
{
    bool answered = false;
    QTimer::singleShot(0, [path, &answered] {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return; // `answered` stays false: the caller's check fails
        dialog->selectFile(path);
        static_cast<QDialog *>(dialog)->accept(); // QFileDialog's override checks the file, but is protected
        answered = true;
    });
    QTest::mouseClick(browseButton, Qt::LeftButton);
    QVERIFY2(answered, "no file dialog opened");
}

/** Clicks @p box on its square: a box as wide as its layout does not react to a click past its text. */
inline void clickCheckBox(QCheckBox *box)
{
    QStyleOptionButton option;
    option.initFrom(box);
    const QRect indicator = box->style()->subElementRect(QStyle::SE_CheckBoxIndicator, &option, box);
    QTest::mouseClick(box, Qt::LeftButton, {}, indicator.center());
}

/** Moves @p combo to item @p index with the arrow keys, as a person does without opening the list. */
inline void chooseWithKeys(QComboBox *combo, int index)
{
    combo->setFocus();
    for (int step = 0; step < combo->count() && combo->currentIndex() != index; ++step)
        QTest::keyClick(combo, combo->currentIndex() < index ? Qt::Key_Down : Qt::Key_Up);
    QCOMPARE(combo->currentIndex(), index);
}

inline bool okEnabled(const QWidget *dialog)
{
    return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled();
}

/** The text of the error label @p name when it is shown, else an empty string. */
inline QString shownError(const QWidget *dialog, const char *name)
{
    const auto *label = dialog->findChild<QLabel *>(QLatin1String(name));
    return label && label->isVisibleTo(dialog) ? label->text() : QString();
}

/**
 * Clicks @p opener, fills the dialog of type D it opens with @p fill, and clicks its OK button.
 * Fails the test when no such dialog opened, or OK did not close it (disabled by what was filled
 * in): the dialog is closed then, so the test goes on instead of waiting forever.
 */
template <typename D> void fillDialogOpenedBy(QAbstractButton *opener, const std::function<void(D *)> &fill)
{
    bool opened = false;
    bool refused = false;
    QTimer::singleShot(0, [&] {
        auto *dialog = qobject_cast<D *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        opened = true;
        fill(dialog);
        QTest::mouseClick(dialog->template findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        if (dialog->isVisible()) {
            refused = true;
            dialog->reject();
        }
    });
    QTest::mouseClick(opener, Qt::LeftButton);
    QVERIFY2(opened, "the dialog did not open");
    QVERIFY2(!refused, "the dialog did not take what was filled in (OK was disabled)");
}

/** The child of @p root named @p name; a warning says which one is missing. */
template <typename T> T *findNamed(const QObject *root, const char *name)
{
    T *widget = root->findChild<T *>(QLatin1String(name));
    if (!widget)
        qWarning("no %s named %s", T::staticMetaObject.className(), name);
    return widget;
}

/**
 * Answers the next message box that opens, within @p msecs, by clicking its button
 * @p buttonText ("Cancel", "Remove", ...); its question lands in @p question, which
 * must outlive the wait. Call it before what opens the box: the box runs its own loop.
 */
inline void answerNextMessageBox(const QString &buttonText, QString *question = nullptr, int msecs = 10000)
{
    // Owned by the application: a watch still waiting when the test ends goes with it.
    auto *poll = new QTimer(qApp);
    QElapsedTimer deadline;
    deadline.start();
    QObject::connect(poll, &QTimer::timeout, [poll, deadline, buttonText, question, msecs] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box && deadline.elapsed() < msecs)
            return;
        poll->stop();
        poll->deleteLater();
        if (!box)
            return; // the caller's check of what the answer did fails
        if (question)
            *question = box->text();
        const QList<QAbstractButton *> buttons = box->buttons();
        for (QAbstractButton *button : buttons) {
            if (button->text().remove(QLatin1Char('&')) == buttonText) {
                QTest::mouseClick(button, Qt::LeftButton);
                return;
            }
        }
        box->reject(); // no such button: the caller's check fails, and the test goes on
    });
    poll->start(10);
}

} // namespace dialogdriver
