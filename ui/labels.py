"""The interface's words for the core's vocabulary: field names and heirs' relationships,
translated once for every screen and dialog that shows them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def field_label(name: str) -> str:
    """A field name of the core (`address.rt`) in the officer's words."""
    labels = {
        "nik": QCoreApplication.translate("Field", "NIK"),
        "full_name": QCoreApplication.translate("Field", "Nama lengkap"),
        "birth_place": QCoreApplication.translate("Field", "Tempat lahir"),
        "birth_date": QCoreApplication.translate("Field", "Tanggal lahir"),
        "gender": QCoreApplication.translate("Field", "Jenis kelamin"),
        "mother_maiden_name": QCoreApplication.translate("Field", "Nama ibu kandung"),
        "phone": QCoreApplication.translate("Field", "Nomor HP"),
        "address.street": QCoreApplication.translate("Field", "Alamat"),
        "address.rt": QCoreApplication.translate("Field", "RT"),
        "address.rw": QCoreApplication.translate("Field", "RW"),
        "address.village_code": QCoreApplication.translate("Field", "Desa/kelurahan"),
        "occupation_code": QCoreApplication.translate("Field", "Pekerjaan"),
        "heirs": QCoreApplication.translate("Field", "Ahli waris"),
    }
    return labels.get(name, name)


def relationship_choices() -> list[tuple[str, str]]:
    """(label, code) of the heirs' relationships (models.validation.RELATIONSHIPS)."""
    return [
        (QCoreApplication.translate("Relationship", "Suami/istri"), "spouse"),
        (QCoreApplication.translate("Relationship", "Anak"), "child"),
        (QCoreApplication.translate("Relationship", "Orang tua"), "parent"),
        (QCoreApplication.translate("Relationship", "Kakek/nenek"), "grandparent"),
        (QCoreApplication.translate("Relationship", "Cucu"), "grandchild"),
        (QCoreApplication.translate("Relationship", "Saudara kandung"), "sibling"),
        (QCoreApplication.translate("Relationship", "Mertua"), "parent_in_law"),
        (QCoreApplication.translate("Relationship", "Penerima wasiat"), "will_named"),
    ]


def relationship_label(code: str) -> str:
    return dict((c, label) for label, c in relationship_choices()).get(code, code)
