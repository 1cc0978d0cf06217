"""The front matter as a form, in sync with the text both ways. Reading: the panel shows what the
text says (a field being edited is left alone). Writing: each change becomes `edited(key, value)`,
which the window applies to the text as one undoable edit of that key's lines only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QScrollArea, QWidget)

from ..core.catalog import Catalog
from ..core.errors import PresetError
from ..core.project import DEFAULT_BRAND
from ..session.frontmatter_text import FrontMatterBlock
from ..core.labels import caption_style_label, preset_label
from .i18n import tr


class FrontMatterForm(QScrollArea):
    edited = Signal(str, object)  # front matter key, new value (None: remove the key)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalog = catalog
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(tr("Story details"))
        body = QWidget(self)
        form = QFormLayout(body)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.status = QLabel("", body)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #b71c1c")
        form.addRow(self.status)
        # the groups in the order of the form (which is also the tab order: widgets' creation order)
        self._build_story_fields(form, body)
        self._build_care_fields(form, body)
        self._build_preset_list(form, body, catalog)
        self._build_look_fields(form, body, catalog)
        self._build_media_fields(form, body)
        self.setWidget(body)
        self._brand_choices("")
        self._updating = False

    def _line(self, form: QFormLayout, body: QWidget, key: str, label: str, placeholder: str = "") -> QLineEdit:
        w = QLineEdit(body)
        w.setPlaceholderText(placeholder)
        w.setAccessibleName(label)
        w.editingFinished.connect(lambda: self._emit(key, w.text().strip() or None))
        form.addRow(label, w)
        return w

    def _combo(self, form: QFormLayout, body: QWidget, key: str, label: str) -> QComboBox:
        w = QComboBox(body)
        w.setEditable(True)
        w.setAccessibleName(label)
        w.activated.connect(lambda _: self._emit(key, w.currentText().strip() or None))
        w.lineEdit().editingFinished.connect(lambda: self._emit(key, w.currentText().strip() or None))
        form.addRow(label, w)
        return w

    def _build_story_fields(self, form: QFormLayout, body: QWidget) -> None:
        """Title and language."""
        self.title = self._line(form, body, "title", tr("Title"), tr("shown on the cover"))
        self.lang = QComboBox(body)
        self.lang.setEditable(True)
        self.lang.addItems(["fr", "en"])
        self.lang.setAccessibleName(tr("Language"))
        self.lang.activated.connect(lambda _: self._emit("lang", self.lang.currentText().strip() or None))
        self.lang.lineEdit().editingFinished.connect(lambda: self._emit("lang", self.lang.currentText().strip() or None))
        form.addRow(tr("Language"), self.lang)

    def _build_care_fields(self, form: QFormLayout, body: QWidget) -> None:
        """Consent (given, by whom, when: one front-matter key) and the content warning."""
        self.consent_given = QCheckBox(tr("Consent given"), body)
        self.consent_given.setAccessibleName(tr("Consent given"))
        self.consent_by = QLineEdit(body)
        self.consent_by.setPlaceholderText(tr("by whom"))
        self.consent_by.setAccessibleName(tr("Consent given by"))
        self.consent_date = QLineEdit(body)
        self.consent_date.setPlaceholderText(tr("YYYY-MM-DD"))
        self.consent_date.setAccessibleName(tr("Consent date"))
        self.consent_given.toggled.connect(lambda _: self._emit_consent())
        self.consent_by.editingFinished.connect(self._emit_consent)
        self.consent_date.editingFinished.connect(self._emit_consent)
        form.addRow(tr("Consent"), self.consent_given)
        form.addRow(tr("Given by"), self.consent_by)
        form.addRow(tr("Date"), self.consent_date)
        self.warning = self._line(form, body, "content_warning", tr("Content warning"),
                                  tr("shown on a card before the story"))

    def _build_preset_list(self, form: QFormLayout, body: QWidget, catalog: Catalog) -> None:
        """The presets to export, one checkbox each."""
        self.presets = QListWidget(body)
        self.presets.setAccessibleName(tr("Presets"))
        for name in catalog.preset_entries():
            item = QListWidgetItem(preset_label(name))  # "TikTok 9:16"; the id is what the text gets
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.presets.addItem(item)
        self.presets.itemChanged.connect(lambda _: self._emit("presets", self._checked_presets() or None))
        # every preset in view, so the ticked ones are never scrolled out of sight
        rows = max(1, self.presets.count())
        self.presets.setFixedHeight(rows * self.presets.sizeHintForRow(0) + 2 * self.presets.frameWidth())
        form.addRow(tr("Presets"), self.presets)

    def _build_look_fields(self, form: QFormLayout, body: QWidget, catalog: Catalog) -> None:
        """Brand kit, end card (variant and footer) and caption style."""
        self.brand = self._combo(form, body, "brand", tr("Brand kit"))
        self.brand.addItems([""] + list(catalog.brand_entries()))
        self.brand.lineEdit().setPlaceholderText(tr("default: {}").format(DEFAULT_BRAND))
        self.endcard = QComboBox(body)
        self.endcard.setEditable(True)
        self.endcard.setAccessibleName(tr("End card"))
        self.endcard.activated.connect(lambda _: self._emit_endcard())
        self.endcard.lineEdit().editingFinished.connect(self._emit_endcard)
        form.addRow(tr("End card"), self.endcard)
        self.endcard_footer = QLineEdit(body)
        self.endcard_footer.setAccessibleName(tr("End card footer"))
        self.endcard_footer.setPlaceholderText(tr("e.g. Suicidal thoughts? Call 3114, day and night"))
        self.endcard_footer.editingFinished.connect(self._emit_endcard)
        form.addRow(tr("End card footer"), self.endcard_footer)
        self._endcard_rest: dict[str, Any] = {}  # the end card's other fields, kept as the text has them
        # the styles by their names ("Bandeau"); the text gets the id (`caption_style: band`)
        self.caption_style = QComboBox(body)
        self.caption_style.setAccessibleName(tr("Caption style"))
        self.caption_style.activated.connect(
            lambda _: self._emit("caption_style", self.caption_style.currentData() or None))
        form.addRow(tr("Caption style"), self.caption_style)

    def _build_media_fields(self, form: QFormLayout, body: QWidget) -> None:
        """Music, voice-over, and what to anonymise."""
        self.music = self._line(form, body, "music", tr("Music"), "media/music.mp3")
        self.voiceover = self._line(form, body, "voiceover", tr("Voice-over"), "media/voice.m4a")
        self.faces = QCheckBox(tr("Blur faces"), body)
        self.voice = QCheckBox(tr("Disguise voice"), body)
        for w in (self.faces, self.voice):
            w.setAccessibleName(w.text())
            w.toggled.connect(lambda _: self._emit("anonymize", self._anonymize() or None))
        row = QHBoxLayout()
        row.addWidget(self.faces)
        row.addWidget(self.voice)
        row.addStretch(1)
        form.addRow(tr("Anonymise"), row)

    @staticmethod
    def field_label(key: str) -> str:
        """The words the form shows for a front-matter key (names an undo step)."""
        return {"title": tr("Title"), "lang": tr("Language"), "consent": tr("Consent"),
                "content_warning": tr("Content warning"), "presets": tr("Presets"),
                "brand": tr("Brand kit"), "endcard": tr("End card"), "caption_style": tr("Caption style"),
                "music": tr("Music"), "voiceover": tr("Voice-over"), "anonymize": tr("Anonymise"),
                "cover": tr("Cover")}.get(key, key)

    # --- text -> form -------------------------------------------------------------------------
    def set_block(self, block: FrontMatterBlock) -> None:
        self._updating = True
        try:
            self.status.setText(tr("The front matter cannot be read: fix it in the text.") + f" ({block.error})"
                                if block.error else "")
            v = block.values
            consent = v.get("consent") if isinstance(v.get("consent"), dict) else {}
            self._set_text(self.title, v.get("title"))
            self._set_combo(self.lang, v.get("lang") or "fr")
            self._set_check(self.consent_given, bool(consent.get("given")))
            self._set_text(self.consent_by, consent.get("by"))
            self._set_text(self.consent_date, consent.get("date"))
            self._set_text(self.warning, v.get("content_warning"))
            presets = v.get("presets") or []
            presets = [presets] if isinstance(presets, str) else list(presets)
            for i in range(self.presets.count()):
                item = self.presets.item(i)
                state = (Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in presets
                         else Qt.CheckState.Unchecked)
                if item.checkState() != state:
                    item.setCheckState(state)
            self._brand_choices(str(v.get("brand") or ""))
            self._set_combo(self.brand, v.get("brand") or "")
            endcard = v.get("endcard")
            self._set_combo(self.endcard, endcard.get("variant", "") if isinstance(endcard, dict) else endcard or "")
            self._set_text(self.endcard_footer, endcard.get("footer") if isinstance(endcard, dict) else None)
            self._endcard_rest = ({k: x for k, x in endcard.items() if k not in ("variant", "footer")}
                                  if isinstance(endcard, dict) else {})
            self._set_style(str(v.get("caption_style") or ""))
            self._set_text(self.music, v.get("music"))
            self._set_text(self.voiceover, v.get("voiceover"))
            anon = v.get("anonymize") or []
            anon = [anon] if isinstance(anon, str) else list(anon)
            self._set_check(self.faces, "faces" in anon)
            self._set_check(self.voice, "voice" in anon)
        finally:
            self._updating = False

    def _brand_choices(self, brand: str) -> None:
        """End-card variants and caption styles offered by the story's brand kit."""
        try:
            kit = self.catalog.brand(brand or DEFAULT_BRAND)
            variants, styles = list(kit.endcard.variants), list(kit.caption_styles)
            self.endcard.lineEdit().setPlaceholderText(tr("default: {}").format(kit.endcard.default))
        except PresetError:
            variants, styles = [], []
        current = self.endcard.currentText()
        if [self.endcard.itemText(i) for i in range(self.endcard.count())] != [""] + variants:
            self.endcard.blockSignals(True)
            self.endcard.clear()
            self.endcard.addItems([""] + variants)
            self.endcard.setCurrentText(current)
            self.endcard.blockSignals(False)
        if [self.caption_style.itemData(i) for i in range(self.caption_style.count())] != ["", *styles]:
            chosen = self.caption_style.currentData() or ""
            self.caption_style.blockSignals(True)
            self.caption_style.clear()
            self.caption_style.addItem(tr("the brand kit's default"), "")
            for style in styles:
                self.caption_style.addItem(caption_style_label(style), style)
            self.caption_style.blockSignals(False)
            self._set_style(chosen)

    def _set_style(self, style: str) -> None:
        """Shows the story's caption style by its name; one the brand kit lacks shows as written."""
        w = self.caption_style
        i = w.findData(style)
        if i < 0:
            w.addItem(style, style)
            i = w.count() - 1
        if w.currentIndex() != i:
            w.blockSignals(True)
            w.setCurrentIndex(i)
            w.blockSignals(False)

    @staticmethod
    def _set_text(w: QLineEdit, value: Any) -> None:
        text = "" if value is None else str(value)
        if not w.hasFocus() and w.text() != text:
            w.blockSignals(True)
            w.setText(text)
            w.blockSignals(False)

    @staticmethod
    def _set_combo(w: QComboBox, value: Any) -> None:
        text = "" if value is None else str(value)
        if not w.hasFocus() and w.currentText() != text:
            w.blockSignals(True)
            w.setCurrentText(text)
            w.blockSignals(False)

    @staticmethod
    def _set_check(w: QCheckBox, on: bool) -> None:
        if w.isChecked() != on:
            w.blockSignals(True)
            w.setChecked(on)
            w.blockSignals(False)

    # --- form -> text -------------------------------------------------------------------------
    def _emit(self, key: str, value: Any) -> None:
        if not self._updating:
            self.edited.emit(key, value)

    def _emit_consent(self) -> None:
        value: dict[str, Any] = {"given": self.consent_given.isChecked()}
        if self.consent_by.text().strip():
            value["by"] = self.consent_by.text().strip()
        date = self.consent_date.text().strip()
        if date:
            try:
                value["date"] = dt.date.fromisoformat(date)
            except ValueError:
                value["date"] = date  # the engine's validation says what is wrong with it
        self._emit("consent", value)

    def _emit_endcard(self) -> None:
        """`endcard: 3018` while only the variant is chosen; fields ({variant, footer, …}) otherwise."""
        variant = self.endcard.currentText().strip()
        footer = self.endcard_footer.text().strip()
        fields = {**({"variant": variant} if variant else {}), **self._endcard_rest, **({"footer": footer} if footer else {})}
        self._emit("endcard", (variant or None) if set(fields) <= {"variant"} else fields)

    def _checked_presets(self) -> list[str]:
        return [self.presets.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.presets.count())
                if self.presets.item(i).checkState() == Qt.CheckState.Checked]

    def _anonymize(self) -> list[str]:
        return [k for k, w in (("faces", self.faces), ("voice", self.voice)) if w.isChecked()]
