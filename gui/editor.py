"""The deal editor: one tab per part of the deal, every field bound to the working document."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from engine.model import Calendar, Classification, Digits, Paper
from gui.document import DealDocument
from gui.fields import (
    BoundField,
    CheckField,
    ChoiceField,
    ColorField,
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


class DealEditor(QTabWidget):
    """Forms for every part of the deal model."""

    def __init__(self, document: DealDocument, templates: list[str]) -> None:
        super().__init__()
        self.document = document
        self.fields: dict[str, BoundField] = {}
        self.lists: dict[str, ListEditor] = {}
        self.general_errors = ErrorLabel()
        self.addTab(self._general(), "عام")
        for section in SECTIONS:
            editor = ListEditor(document, section)
            self.lists[section.key] = editor
            self.addTab(editor, section.title)
        self.addTab(self._narrative(), "السرد")
        self.addTab(self._options(templates), "خيارات التقرير")
        document.changed.connect(self.refresh)
        self.refresh()

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
        self._add(form, "التاريخ", LineField(d, ("date",), "2025-11-18"))
        self._add(form, "معرّف الصفقة", LineField(d, ("id",), "microsoft-nvidia-anthropic"))
        form.addRow(self.general_errors)
        return page

    def _narrative(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        form = QFormLayout()
        for key, title in NARRATIVE:
            self._add(form, title, TextField(self.document, ("narrative", key), "فقرات يفصل بينها سطر فارغ"))
        layout.addLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

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
        return page

    def refresh(self) -> None:
        """Show problems that belong to no single field (e.g. an unknown key at the top)."""
        sections = {s.key for s in SECTIONS}

        def owned(path: str) -> bool:
            top = path.split(".", maxsplit=1)[0].split("[", maxsplit=1)[0]
            return top in sections or any(path == f or path.startswith(f + ".") for f in self.fields)

        loose = [
            f"{p.path}: {p.message}" if p.path else p.message
            for p in self.document.verdict.problems
            if not owned(p.path)
        ]
        self.general_errors.show_messages(loose)
