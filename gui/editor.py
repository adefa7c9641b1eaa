"""The deal editor: one tab per part of the deal, every field bound to the working document."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFormLayout, QScrollArea, QStyle, QTabWidget, QWidget

from engine.model import Calendar, Classification, Digits, Paper
from engine.problems import Location, field_path
from gui.document import DealDocument
from gui.fields import (
    BoundField,
    CheckField,
    ChoiceField,
    ColorField,
    DateField,
    ErrorLabel,
    LineField,
    LogoField,
    TextField,
)
from gui.labels import CHOICES, template_label
from gui.list_editor import ListEditor
from gui.sections import SECTIONS

NARRATIVE = [
    ("summary", "الملخص"),
    ("analysis", "التحليل"),
    ("market_context", "سياق السوق"),
    ("outlook", "النظرة المستقبلية"),
]
NARRATIVE_LIMIT = 12_000  # the model's limit on one narrative section, in characters


def _scrolled(page: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(page)
    return scroll


class DealEditor(QTabWidget):
    """Forms for every part of the deal model; a tab with problems shows how many."""

    def __init__(self, document: DealDocument, templates: list[str]) -> None:
        super().__init__()
        self.document = document
        self.fields: dict[str, BoundField] = {}
        self.lists: dict[str, ListEditor] = {}
        self.titles: list[str] = []
        self.general_errors = ErrorLabel()
        self.setUsesScrollButtons(True)
        self._tab(self._general(), "عام")
        for section in SECTIONS:
            editor = ListEditor(document, section)
            self.lists[section.key] = editor
            self._tab(editor, section.title)
        self._tab(self._narrative(), "السرد")
        self._tab(self._options(templates), "خيارات التقرير")
        document.changed.connect(self.refresh)
        self.refresh()

    def _tab(self, page: QWidget, title: str) -> None:
        self.titles.append(title)
        self.addTab(page, title)

    def _add(self, form: QFormLayout, label: str, field: BoundField) -> None:
        self.fields[".".join(map(str, field.path))] = field
        form.addRow(label, field)
        field.refresh()

    def _general(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        d = self.document
        self._add(form, "العنوان", LineField(d, ("title_ar",), "عنوان الإحاطة"))
        self._add(form, "العنوان الفرعي", LineField(d, ("subtitle_ar",)))
        self._add(form, "التاريخ", DateField(d, ("date",)))
        self._add(form, "معرّف الصفقة", LineField(d, ("id",), "microsoft-nvidia-anthropic"))
        form.addRow(self.general_errors)
        return _scrolled(page)

    def _narrative(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for key, title in NARRATIVE:
            field = TextField(
                self.document, ("narrative", key), "فقرات يفصل بينها سطر فارغ", limit=NARRATIVE_LIMIT
            )
            field.editor.setMinimumHeight(240)
            self._add(form, title, field)
        return _scrolled(page)

    def _options(self, templates: list[str]) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        d = self.document
        self.template_field = ChoiceField(
            d, ("options", "template"), {t: template_label(t) for t in templates}
        )
        self._add(form, "القالب", self.template_field)
        self._add(form, "الأرقام", ChoiceField(d, ("options", "digits"), CHOICES[Digits]))
        self._add(form, "التقويم", ChoiceField(d, ("options", "calendar"), CHOICES[Calendar]))
        self._add(form, "حجم الورق", ChoiceField(d, ("options", "paper"), CHOICES[Paper]))
        self._add(form, "التصنيف", ChoiceField(d, ("options", "classification"), CHOICES[Classification]))
        self._add(form, "لون التمييز", ColorField(d, ("options", "accent_color")))
        self._add(form, "الجهة المُعِدّة", LineField(d, ("options", "author")))
        self.logo_field = LogoField(d, ("options", "logo"))
        self._add(form, "الشعار", self.logo_field)
        self._add(form, "أرشفة", CheckField(d, ("options", "archival"), "ملف PDF/A-3b أرشيفي يضم ملف الصفقة"))
        self._add(
            form, "إتاحة", CheckField(d, ("options", "accessible"), "PDF موسوم ميسّر القراءة (PDF/UA-1)")
        )
        return _scrolled(page)

    # ----- where a problem lives -------------------------------------------------------------------
    def tab_of(self, loc: Location) -> int:
        """The tab that edits a path (the general tab for anything no form owns)."""
        top = str(loc[0]) if loc else ""
        if top in self.lists:
            return self.indexOf(self.lists[top])
        if top == "narrative":
            return len(SECTIONS) + 1
        if top == "options":
            return len(SECTIONS) + 2
        return 0

    def field_of(self, loc: Location) -> BoundField | None:
        """The form field that edits a path, selecting its record first."""
        if loc and str(loc[0]) in self.lists and len(loc) > 1 and isinstance(loc[1], int):
            listing = self.lists[str(loc[0])]
            listing.select_row(loc[1])
            return listing.field_at(loc[2:])
        for length in range(len(loc), 0, -1):
            found = self.fields.get(".".join(map(str, loc[:length])))
            if found is not None:
                return found
        return None

    def jump_to(self, loc: Location) -> BoundField | None:
        """Show the tab, the record and the field of a problem, and put the cursor there."""
        self.setCurrentIndex(self.tab_of(loc))
        field = self.field_of(loc)
        if field is not None:
            field.editor.setFocus()
            parent = field.parentWidget()
            while parent is not None and not isinstance(parent, QScrollArea):
                parent = parent.parentWidget()
            if isinstance(parent, QScrollArea):
                area = parent
                area.ensureWidgetVisible(field)
                # Once the tab's layout has run (it may have just been shown), scroll again.
                QTimer.singleShot(0, lambda: area.ensureWidgetVisible(field))
        return field

    def refresh(self) -> None:
        """Mark tabs that hold problems (with their count) and show problems no field owns."""
        counts = [0] * self.count()
        loose = []
        for p in self.document.verdict.problems:
            loc = p.location
            counts[self.tab_of(loc)] += 1
            if self.tab_of(loc) == 0 and field_path(loc[:1]) not in self.fields:
                loose.append(p.arabic)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for i, title in enumerate(self.titles):
            self.setTabText(i, f"{title} ({counts[i]})" if counts[i] else title)
            self.setTabIcon(i, warning if counts[i] else QIcon())
        self.general_errors.show_messages(loose)
