"""Form fields bound to a path of the working document, each with its inline Arabic error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.document import DealDocument, FieldPath, path_text, value_at

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
        document.changed.connect(self.refresh)

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
        messages = self.document.verdict.at(path_text(self.path))
        self.error.show_messages(messages)
        self.editor.setStyleSheet(INVALID_STYLE if messages else "")
        self.editor.setToolTip("\n".join(messages))

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
    """A multi-line text field for narrative paragraphs."""

    def __init__(self, document: DealDocument, path: FieldPath, placeholder: str = "") -> None:
        super().__init__(document, path, QPlainTextEdit())
        self.editor.setPlaceholderText(placeholder)
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(lambda: self.commit(self.editor.toPlainText(), merge=True))

    def show_value(self, value: Any) -> None:
        """Show the text when it differs from what the editor holds."""
        text = "" if value is None else str(value)
        if self.editor.toPlainText() != text:
            self.editor.setPlainText(text)


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
        from engine.logo import logo_data_uri

        try:
            uri = logo_data_uri(path)
        except ValueError as exc:
            self.file_problem = f"تعذّر استخدام الملف: {logo_reason(str(exc))}"
            self.refresh()
            return False
        self.file_problem = ""
        self.commit(uri)
        self.refresh()
        return True


def logo_reason(message: str) -> str:
    """A logo check's reason in Arabic (the detail stays as the engine wrote it)."""
    detail = message.removeprefix("logo: ")
    known = {
        "not a PNG file": "ليس ملف PNG",
        "only .png and .svg files are accepted": "يُقبل PNG أو SVG فقط",
        "only PNG and SVG files are accepted": "يُقبل PNG أو SVG فقط",
        "the file is empty": "الملف فارغ",
        "SVG may not reference other files or URLs": "لا يجوز أن يشير SVG إلى ملفات أو روابط أخرى",
    }
    return known.get(detail, detail)
