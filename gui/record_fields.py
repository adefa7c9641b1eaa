"""Fields of a record's form: amounts with scale words, whole numbers, references by name, tick lists."""

from __future__ import annotations

import copy
import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QWidget

from engine.amount_input import amount_text, parse_amount
from engine.problems import isolate
from gui.document import DealDocument, FieldPath, value_at
from gui.fields import BoundField, ChoiceField, LineField, digits_of


class AmountField(BoundField):
    """A figure typed with scale words in either digit set («30 مليار», «30B», «٣٠ مليار»), shown whole."""

    def __init__(self, document: DealDocument, path: FieldPath, *, optional: bool = False) -> None:
        super().__init__(document, path, QLineEdit())
        self.optional = optional
        self.editor.setPlaceholderText("مثل: 30 مليار، 1.5 تريليون، 400 مليون، 30B")
        self.editor.textEdited.connect(self._typed)

    def _typed(self, text: str) -> None:
        amount = parse_amount(text)
        if amount is None:
            self.commit(None if self.optional and not text.strip() else text, merge=True)
        else:
            self.commit(amount, merge=True)

    def show_value(self, value: Any) -> None:
        """Write the figure with its scale word; leave what is being typed alone when it means the same."""
        if parse_amount(self.editor.text()) == value and value is not None:
            return
        if isinstance(value, int | float) and not isinstance(value, bool):
            text = amount_text(value, digits_of(self.document))
        else:
            text = "" if value is None else str(value)
        if self.editor.text() != text:
            self.editor.setText(text)


class IntegerField(LineField):
    """A whole number (a year, a month), typed in either digit set."""

    def __init__(self, document: DealDocument, path: FieldPath, *, optional: bool = False) -> None:
        super().__init__(document, path)
        self.optional = optional
        self.editor.textEdited.disconnect()
        self.editor.textEdited.connect(self._typed)

    def _typed(self, text: str) -> None:
        amount = parse_amount(text)
        if not text.strip() and self.optional:
            self.commit(None, merge=True)
        else:
            self.commit(amount if isinstance(amount, int) else text, merge=True)

    def show_value(self, value: Any) -> None:
        """Show the number unless what is typed already means it."""
        if parse_amount(self.editor.text()) != value or value is None:
            super().show_value(value)


class WordsField(BoundField):
    """A quantity as the report writes it («حتى 10 مليارات دولار»), read-only, beside its inputs."""

    def __init__(self, document: DealDocument, path: FieldPath) -> None:
        super().__init__(document, path, QLabel())
        self.error.setVisible(False)

    def show_value(self, value: Any) -> None:
        """The report's wording, or a dash while the figure is invalid."""
        from gui.record_model import quantity_words

        self.editor.setText(quantity_words(value, digits_of(self.document)) or "—")

    def problems(self) -> list[str]:
        """Problems show under the inputs, not under the wording."""
        return []


class WhenField(BoundField):
    """A milestone's date as the report writes it, as precisely as known; a full day also in Hijri."""

    def __init__(self, document: DealDocument, path: FieldPath) -> None:
        super().__init__(document, path, QLabel())
        self.error.setVisible(False)

    def value(self) -> Any:
        """The whole record (its year, half, quarter, month and day)."""
        return value_at(self.document.data, self.path[:2])

    def show_value(self, value: Any) -> None:
        """«النصف الثاني من 2026», «18 نوفمبر 2025 م — 27 جمادى الأولى 1447 هـ», or a dash while invalid."""
        from engine.dates import format_when
        from engine.model import Calendar, PartialDate

        parts = (
            {k: value.get(k) for k in ("year", "half", "quarter", "month", "day")}
            if isinstance(value, dict)
            else {}
        )
        try:
            when = PartialDate.model_validate({k: v for k, v in parts.items() if v is not None}, strict=True)
        except ValueError:
            self.editor.setText("—")
            return
        digits = digits_of(self.document)
        text = format_when(when, digits)
        if when.day is not None and when.month is not None:
            text = format_when(when, digits, Calendar.both)
        self.editor.setText(text)

    def problems(self) -> list[str]:
        """Problems show under the year, half, quarter, month or day."""
        return []


def records_by_name(data: Any, list_name: str, *, skip: str | None = None) -> dict[str, str]:
    """The records of a list as {id: what the analyst calls it}, for pickers."""
    from engine.field_names import record_label

    found: dict[str, str] = {}
    for i, record in enumerate(value_at(data, (list_name,), []) or []):
        ident = record.get("id") if isinstance(record, dict) else None
        if isinstance(ident, str) and ident != skip:
            label = record_label(record, i, data)
            found[ident] = label[1:-1] if label.count("«") == 1 and label.startswith("«") else label
    return found


class ReferenceField(ChoiceField):
    """A reference to another record (a party, a commitment), picked by its name."""

    def __init__(
        self, document: DealDocument, path: FieldPath, list_name: str = "parties", *, optional: bool = False
    ) -> None:
        self.optional, self.list_name = optional, list_name
        super().__init__(document, path, {})

    def show_value(self, value: Any) -> None:
        """Offer the list's records by name (never the record itself), then select the referenced one."""
        own = value_at(self.document.data, (*self.path[:2], "id")) if self.list_name == self.path[0] else None
        choices = {"": "—"} if self.optional else {}
        choices.update(records_by_name(self.document.data, self.list_name, skip=own))
        self.set_choices(choices)
        super().show_value("" if value is None and self.optional else value)

    def commit(self, value: Any, *, merge: bool = False) -> None:
        """An empty optional reference is removed from the record."""
        super().commit(None if self.optional and not value else value, merge=merge)


PartyField = ReferenceField


class TickListField(BoundField):
    """Several references or choices, ticked in a list of names (no ids to type)."""

    def __init__(
        self, document: DealDocument, path: FieldPath, options: Any, missing: str = "غير موجود"
    ) -> None:
        super().__init__(document, path, QListWidget())
        self.options, self.missing = options, missing
        self.editor.setMaximumHeight(88)
        self.editor.itemChanged.connect(self._ticked)

    def show_value(self, value: Any) -> None:
        """One tickable line per option; ticked values no longer offered stay listed, to be unticked."""
        ticked = [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
        offered = self.options(self.document.data)
        self.editor.blockSignals(True)
        self.editor.clear()
        for ident, label in offered.items():
            self._item(label, ident, ident in ticked)
        for ident in ticked:
            if ident not in offered:
                self._item(f"{self.missing} {isolate(ident)}", ident, True)
        self.editor.blockSignals(False)

    def _item(self, text: str, ident: str, checked: bool) -> None:
        item = QListWidgetItem(text, self.editor)
        item.setData(Qt.ItemDataRole.UserRole, ident)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _ticked(self, _item: QListWidgetItem) -> None:
        items = (self.editor.item(i) for i in range(self.editor.count()))
        ticked = [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]
        self.commit(ticked)


def SourcesField(document: DealDocument, path: FieldPath) -> TickListField:  # noqa: N802
    """The sources a record cites, ticked by title."""

    def titles(data: Any) -> dict[str, str]:
        sources = value_at(data, ("sources",), []) or []
        return {s["id"]: str(s.get("title") or s["id"]) for s in sources if isinstance(s, dict) and "id" in s}

    return TickListField(document, path, titles, "مصدر غير موجود")


class ListTextField(LineField):
    """A short list typed on one line, separated by commas (platform names)."""

    def __init__(self, document: DealDocument, path: FieldPath) -> None:
        super().__init__(document, path, "افصل بين العناصر بفاصلة")
        self.editor.textEdited.disconnect()
        self.editor.textEdited.connect(
            lambda text: self.commit([p.strip() for p in re.split(r"[,،]", text) if p.strip()], merge=True)
        )

    def show_value(self, value: Any) -> None:
        """The items joined by Arabic commas, unless what is typed already says the same."""
        items = value if isinstance(value, list) else []
        typed = [p.strip() for p in re.split(r"[,،]", self.editor.text()) if p.strip()]
        if typed != items:
            self.editor.setText("، ".join(map(str, items)))


class PartsField(BoundField):
    """A small object edited as a row of line edits (a counted noun's forms, a period's ends).

    Each part is a key path inside the object; an emptied part is dropped, an object left
    empty is removed, and parts the form does not show are kept as they were.
    """

    def __init__(
        self,
        document: DealDocument,
        path: FieldPath,
        parts: list[tuple[tuple[str, ...], str, str]],  # (key path, placeholder, kind: text|int|number)
    ) -> None:
        row = QWidget()
        super().__init__(document, path, row)
        self.parts = parts
        self.boxes: list[QLineEdit] = []
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        for _keys, placeholder, _kind in parts:
            box = QLineEdit()
            box.setPlaceholderText(placeholder)
            box.setToolTip(placeholder)
            box.textEdited.connect(self._typed)
            layout.addWidget(box)
            self.boxes.append(box)

    def _part_value(self, text: str, kind: str) -> Any:
        if not text.strip():
            return None
        if kind in ("int", "number"):
            amount = parse_amount(text)
            return amount if amount is not None and (kind == "number" or isinstance(amount, int)) else text
        return text

    def _typed(self, _text: str) -> None:
        value = self.value()
        # A deep copy: the nested parts («start») are the document's own objects, and changing them
        # in place would change the document behind the undo stack's back (no step, no validation).
        whole: dict[str, Any] = copy.deepcopy(value) if isinstance(value, dict) else {}
        for (keys, _placeholder, kind), box in zip(self.parts, self.boxes, strict=True):
            node = whole
            for key in keys[:-1]:
                node = node.setdefault(key, {}) if isinstance(node.get(key, {}), dict) else {}
            part = self._part_value(box.text(), kind)
            if part is None:
                node.pop(keys[-1], None)
            else:
                node[keys[-1]] = part
        for key in [k for k, v in whole.items() if v == {}]:
            del whole[key]
        self.commit(whole or None, merge=True)

    def show_value(self, value: Any) -> None:
        """Each part's text, unless what is typed already says the same."""
        for (keys, _placeholder, kind), box in zip(self.parts, self.boxes, strict=True):
            part = value_at(value, keys) if isinstance(value, dict) else None
            if self._part_value(box.text(), kind) == part:
                continue
            if isinstance(part, float) and part.is_integer():
                part = int(part)
            box.setText("" if part is None else str(part))


def NounField(document: DealDocument, path: FieldPath) -> PartsField:  # noqa: N802
    """The forms of a noun the deal counts itself (for the unit «معدود»)."""
    parts = [(("singular",), "المفرد: معالج", "text"), (("dual",), "المثنى: معالجان", "text")]
    parts.append((("plural",), "الجمع: معالجات", "text"))
    return PartsField(document, path, parts)


def _parts_of_year() -> list[tuple[str, dict[str, int]]]:
    """What a period's end may name within its year, as the report words it."""
    from engine.dates import GREGORIAN_MONTHS, HALVES, QUARTERS

    found: list[tuple[str, dict[str, int]]] = [("السنة كلها", {})]
    found += [(name, {"half": i}) for i, name in enumerate(HALVES, start=1)]
    found += [(name, {"quarter": i}) for i, name in enumerate(QUARTERS, start=1)]
    found += [(name, {"month": i}) for i, name in enumerate(GREGORIAN_MONTHS, start=1)]
    return found


WITHIN_YEAR = ("half", "quarter", "month", "day")


def _within_key(parts: dict[str, Any]) -> str:
    """«half=2», «month=10», or «» for the whole year."""
    return ",".join(f"{k}={v}" for k, v in sorted(parts.items()))


class PeriodField(PartsField):
    """How long a commitment runs: from a year (and its half, quarter or month), to one, over a
    number of years; the line under it says the period as the report will («ابتداءً من النصف الثاني
    من 2026»)."""

    def __init__(self, document: DealDocument, path: FieldPath) -> None:
        parts = [(("start", "year"), "من سنة", "int"), (("end", "year"), "إلى سنة", "int")]
        parts.append((("years",), "على مدى (سنوات)", "number"))
        self.within: dict[str, QComboBox] = {}
        super().__init__(document, path, parts)
        row = self.editor.layout()
        for end, position in (("start", 1), ("end", 3)):  # each beside its year
            combo = QComboBox()
            for label, parts_of in _parts_of_year():
                combo.addItem(label, _within_key(parts_of))  # a string: Qt cannot find a dict again
            combo.setToolTip("من السنة: كلها، أو نصفها، أو ربعها، أو شهرها")
            combo.activated.connect(lambda index, end=end: self._within_chosen(end, index))
            row.insertWidget(position, combo)
            self.within[end] = combo
        self.words = QLabel()
        self.layout().insertWidget(1, self.words)
        self.refresh()

    def _within_chosen(self, end: str, index: int) -> None:
        value = self.value()
        whole: dict[str, Any] = copy.deepcopy(value) if isinstance(value, dict) else {}
        node = whole.setdefault(end, {}) if isinstance(whole.get(end, {}), dict) else {}
        for key in WITHIN_YEAR:
            node.pop(key, None)
        node.update(dict(_parts_of_year())[self.within[end].itemText(index)])
        self.commit(whole)

    def show_value(self, value: Any) -> None:
        """The boxes, each end's part of its year, and the period as the report words it."""
        super().show_value(value)
        if not hasattr(self, "words"):
            return  # the first refresh, before the row is complete
        for end, combo in self.within.items():
            node = value_at(value, (end,)) if isinstance(value, dict) else None
            # An absent part and one stored as null (a file saved by the editor) mean the same.
            chosen = {
                k: node[k] for k in ("half", "quarter", "month") if isinstance(node, dict) and node.get(k)
            }
            index = combo.findData(_within_key(chosen))
            combo.setCurrentIndex(max(index, 0))
        self.words.setText(self._words(value))
        self.words.setVisible(bool(self.words.text()))

    def _words(self, value: Any) -> str:
        from engine.dates import format_period
        from engine.model import Period

        if not isinstance(value, dict):
            return ""
        try:
            period = Period.model_validate(value)
        except ValueError:
            return "—"
        return format_period(period, digits_of(self.document))
