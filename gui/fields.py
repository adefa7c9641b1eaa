"""Form fields bound to a path of the working document, each with its inline Arabic error."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QDate, Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QColorDialog,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from engine.dates import gregorian_text, hijri_text
from engine.model import Digits
from engine.problems import DATE_HINT, arabic_message, isolate
from gui.document import DealDocument, FieldPath, path_text, value_at
from gui.labels import tip_for

ERROR_STYLE = "color: #b00020;"
INVALID_STYLE = "border: 1px solid #b00020;"


class ErrorLabel(QLabel):
    """The reason a value is invalid, shown under it; hidden when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_messages(self, messages: list[str]) -> None:
        """Show the messages (joined), or hide when there are none."""
        self.setText("؛ ".join(dict.fromkeys(messages)))
        self.setVisible(bool(messages))


class BoundField(QWidget):
    """An editor for one document path plus its error label; refreshes when the document changes."""

    def __init__(self, document: DealDocument, path: FieldPath, editor: QWidget) -> None:
        super().__init__()
        self.document, self.path, self.editor = document, path, editor
        self.tip = tip_for(path)
        self.error = ErrorLabel(self)
        self._updating = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.row = QHBoxLayout()
        self.row.addWidget(editor, 1)
        layout.addLayout(self.row)
        layout.addWidget(self.error)
        editor.setObjectName(path_text(path))
        editor.setToolTip(self.tip)
        document.changed.connect(self.refresh)

    def rebind(self, path: FieldPath) -> None:
        """Point the field at another record's value (master–detail forms reuse one form)."""
        self.path = path
        self.editor.setObjectName(path_text(path))
        self.refresh()

    def problems(self) -> list[str]:
        """Arabic reasons this field's value is invalid."""
        return [p.arabic for p in self.document.verdict.at(path_text(self.path))]

    def value(self) -> Any:
        """The document's value at this field's path."""
        return value_at(self.document.data, self.path)

    def refresh(self) -> None:
        """Show the document's value (without echoing an edit) and this field's problems."""
        self._updating = True
        try:
            self.show_value(self.value())
        finally:
            self._updating = False
        messages = self.problems()
        self.error.show_messages(messages)
        self.editor.setStyleSheet(INVALID_STYLE if messages else "")
        self.editor.setToolTip("\n".join([*messages, self.tip]).strip())

    def show_value(self, value: Any) -> None:
        """Put a value into the editor widget."""
        raise NotImplementedError

    def commit(self, value: Any, *, merge: bool = False) -> None:
        """Send the user's edit to the document (ignored while refreshing)."""
        if not self._updating:
            self.document.set_value(self.path, value, merge=merge)


class LineField(BoundField):
    """A one-line text field; keystrokes merge into one undo step."""

    def __init__(self, document: DealDocument, path: FieldPath, placeholder: str = "") -> None:
        super().__init__(document, path, QLineEdit())
        self.editor.setPlaceholderText(placeholder)
        self.editor.textEdited.connect(lambda text: self.commit(text, merge=True))

    def show_value(self, value: Any) -> None:
        """Show the text (only when it differs, so the cursor stays put while typing)."""
        text = "" if value is None else str(value)
        if self.editor.text() != text:
            self.editor.setText(text)


class TextField(BoundField):
    """A tall right-to-left field for narrative paragraphs, with its word count against the limit."""

    def __init__(
        self, document: DealDocument, path: FieldPath, placeholder: str = "", *, limit: int = 0
    ) -> None:
        super().__init__(document, path, QPlainTextEdit())
        self.limit = limit
        self.editor.setPlaceholderText(placeholder)
        self.editor.setTabChangesFocus(True)
        self.editor.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.editor.setMinimumHeight(160)
        self.count = QLabel()
        self.layout().addWidget(self.count)
        self.editor.textChanged.connect(lambda: self.commit(self.editor.toPlainText(), merge=True))

    def show_value(self, value: Any) -> None:
        """Show the text when it differs from what the editor holds, and its length."""
        text = "" if value is None else str(value)
        if self.editor.toPlainText() != text:
            self.editor.setPlainText(text)
        words = len(re.findall(r"\w+", text))
        count = f"{isolate(words)} كلمة"
        if self.limit:
            count += f" · {isolate(len(text))} من {isolate(self.limit)} حرفًا"
        self.count.setText(count)


class ChoiceField(BoundField):
    """A closed choice shown by its Arabic labels, stored by its value."""

    def __init__(self, document: DealDocument, path: FieldPath, choices: dict[str, str]) -> None:
        super().__init__(document, path, QComboBox())
        self.set_choices(choices)
        self.editor.activated.connect(lambda i: self.commit(self.editor.itemData(i)))

    def set_choices(self, choices: dict[str, str]) -> None:
        """Replace the offered values (e.g. when new templates appear)."""
        self._updating = True
        try:
            self.editor.clear()
            for value, label in choices.items():
                self.editor.addItem(label, value)
        finally:
            self._updating = False

    def show_value(self, value: Any) -> None:
        """Select the value; an unknown value is offered as itself so it is not lost."""
        index = self.editor.findData(value)
        if index < 0 and value is not None:
            self.editor.addItem(str(value), value)
            index = self.editor.count() - 1
        self.editor.setCurrentIndex(index)


class ColorField(LineField):
    """A #rrggbb colour typed or picked, with a swatch."""

    def __init__(self, document: DealDocument, path: FieldPath) -> None:
        super().__init__(document, path, "#0b5c6b")
        self.swatch = QPushButton("اختيار…")
        self.swatch.clicked.connect(self.pick)
        self.row.addWidget(self.swatch)

    def show_value(self, value: Any) -> None:
        """Show the code and paint the swatch when it is a valid colour."""
        super().show_value(value)
        color = QColor(str(value or ""))
        self.swatch.setStyleSheet(f"background: {color.name()};" if color.isValid() else "")

    def pick(self) -> None:
        """Choose a colour in the colour dialog."""
        color = QColorDialog.getColor(QColor(str(self.value() or "#0b5c6b")), self, "لون التمييز")
        if color.isValid():
            self.commit(color.name())


class CheckField(BoundField):
    """A yes/no option."""

    def __init__(self, document: DealDocument, path: FieldPath, text: str) -> None:
        super().__init__(document, path, QCheckBox(text))
        self.editor.toggled.connect(lambda on: self.commit(bool(on)))

    def show_value(self, value: Any) -> None:
        """Tick the box when the value is true."""
        self.editor.setChecked(bool(value))


class LogoField(BoundField):
    """The report logo: a PNG or SVG file chosen on disk, kept in the deal as a data: URI."""

    def __init__(self, document: DealDocument, path: FieldPath) -> None:
        super().__init__(document, path, QLabel())
        self.editor.setFixedHeight(48)
        self.file_problem = ""
        choose, remove = QPushButton("اختيار ملف…"), QPushButton("إزالة")
        choose.clicked.connect(self.choose)
        remove.clicked.connect(lambda: self.commit(""))
        self.row.addWidget(choose)
        self.row.addWidget(remove)

    def show_value(self, value: Any) -> None:
        """Show a thumbnail of the logo, or say there is none."""
        uri = str(value or "")
        image = QImage()
        if uri.startswith("data:image/") and "," in uri:
            image.loadFromData(QByteArray.fromBase64(uri.split(",", 1)[1].encode("ascii", "replace")))
        if image.isNull():
            self.editor.setText("بلا شعار" if not uri else "شعار لا يمكن عرضه")
        else:
            self.editor.setPixmap(QPixmap.fromImage(image).scaledToHeight(44))

    def refresh(self) -> None:
        """Like every field, plus the reason the last chosen file was refused."""
        super().refresh()
        if self.file_problem:
            self.error.show_messages([self.file_problem])

    def choose(self) -> None:
        """Pick a PNG or SVG file and store it in the deal."""
        name, _ = QFileDialog.getOpenFileName(self, "اختيار الشعار", "", "صور (*.png *.svg)")
        if name:
            self.use_file(Path(name))

    def use_file(self, path: Path) -> bool:
        """Store a logo file in the deal; a refused file is explained under the field."""
        from engine.logo import LogoError, logo_data_uri

        try:
            uri = logo_data_uri(path)
        except LogoError as exc:
            self.file_problem = f"تعذّر استخدام الملف: {arabic_message(exc.code, exc.params)}"
            self.refresh()
            return False
        self.file_problem = ""
        self.commit(uri)
        self.refresh()
        return True


def digits_of(document: DealDocument) -> Digits:
    """The digit setting of the deal being edited."""
    value = value_at(document.data, ("options", "digits"), "latn")
    return Digits.arab if value == "arab" else Digits.latn


class DateField(LineField):
    """A date typed as 2025-11-18 or picked in a calendar, with the Hijri date shown beside it."""

    def __init__(self, document: DealDocument, path: FieldPath, *, optional: bool = False) -> None:
        super().__init__(document, path, "2025-11-18")
        self.optional = optional
        self.editor.setToolTip(f"{self.tip}\n{DATE_HINT}".strip())
        self.calendar = QCalendarWidget()
        self.calendar.clicked.connect(self.pick)
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.pick_button = QPushButton("التقويم…")
        self.pick_button.setMenu(menu)
        self.row.addWidget(self.pick_button)
        self.both = QLabel()
        self.layout().insertWidget(1, self.both)
        self.editor.textEdited.disconnect()
        self.editor.textEdited.connect(
            lambda text: self.commit(None if optional and not text.strip() else text.strip(), merge=True)
        )

    def pick(self, day: QDate) -> None:
        """Take the date clicked in the calendar."""
        self.commit(day.toString("yyyy-MM-dd"))
        self.pick_button.menu().hide()

    def show_value(self, value: Any) -> None:
        """The ISO date, and under it the same day in words in both calendars."""
        super().show_value(value)
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            self.both.setText(DATE_HINT)
            return
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        digits = digits_of(self.document)
        hijri = hijri_text(day, digits)
        self.both.setText(gregorian_text(day, digits) + (f" م — {hijri}" if hijri else ""))
