"""The enrolment form's district and village: search boxes that find any part of a name,
the event's regency's districts offered first, the NIK's district added when it is
elsewhere, and the villages of the chosen district."""

from __future__ import annotations

from PySide6.QtCore import QObject

from models.events import Event
from models.reference import Regions
from ui.widgets.keyboard import SearchCombo


class AddressBoxes(QObject):
    def __init__(self, regions: Regions, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.regions = regions
        self.district = SearchCombo()
        self.village = SearchCombo()
        for box in (self.district, self.village):
            line = box.lineEdit()
            assert line is not None  # a search combo is editable
            line.setPlaceholderText(self.tr("Ketik sebagian nama…"))

    def fill_districts(self, event: Event | None) -> None:
        """The districts of the event's regency: most people at an event live nearby."""
        items: list[tuple[str, str]] = []
        regency = self.regions.get(".".join(event.region_code.split(".")[:2])) if event else None
        if regency is not None:
            children = self.regions.children(regency.code)
            items = [(f"{r.name} — {regency.name}", r.code) for r in children]
        self.district.fill_items(items)

    def set_district(self, code: str) -> None:
        """Choose the district (one from another regency joins the list), and offer its
        villages; a retired or unknown code changes nothing."""
        index = self.district.findData(code)
        if index < 0:
            r, parent = self.regions.get(code), self.regions.get(code.rsplit(".", 1)[0])
            if r is None or r.retired:
                return
            self.district.addItem(f"{r.name} — {parent.name if parent else ''}", code)
            index = self.district.count() - 1
        self.district.setCurrentIndex(index)
        self.fill_villages()

    def fill_villages(self) -> None:
        code = self.district.currentData()
        children = self.regions.children(code) if code else []
        self.village.fill_items([(r.name, r.code) for r in children])

    def clear(self) -> None:
        self.district.setCurrentIndex(-1)
        self.village.fill_items([])
