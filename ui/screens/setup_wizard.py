"""First start on a new laptop: the first supervisor, the branch office and the language.
Finishing makes the key file and the encrypted database (`models.desk.set_up`): the only
place where Sigap makes a new, empty database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from models import desk
from models.db import Error as DbError
from models.db import SigapDatabase, set_setting, storage_problem
from models.errors import Problem, SigapError, ValidationError
from models.officers import PASSPHRASE_MIN, Officer, check_officer

ERROR_STYLE = "color: #b00020; font-size: 11px;"


class SetupWizard(QDialog):
    def __init__(self, data_dir: Path, lang: str = "id", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.db: SigapDatabase | None = None
        self.officer: Officer | None = None
        self.setWindowTitle(self.tr("Sigap — persiapan pertama"))
        self.setMinimumWidth(520)
        self.language = QComboBox()
        self.language.addItem("Bahasa Indonesia", "id")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(lang)))
        self.branch = QLineEdit()
        self.branch.setPlaceholderText(self.tr("misalnya MDN01"))
        self.officer_id = QLineEdit()
        self.officer_id.setPlaceholderText(self.tr("misalnya budi.s"))
        self.name = QLineEdit()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        for label, key, widget in [
            (self.tr("Bahasa"), "language", self.language),
            (self.tr("Kode kantor cabang"), "branch_code", self.branch),
            (self.tr("Id supervisor"), "officer_id", self.officer_id),
            (self.tr("Nama supervisor"), "name", self.name),
            (
                self.tr("Kata sandi ({n}+ karakter)").format(n=PASSPHRASE_MIN),
                "passphrase",
                self.passphrase,
            ),
            (self.tr("Ulangi kata sandi"), "repeat", self.repeat),
        ]:
            box = QWidget()
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            v.addWidget(widget)
            err = QLabel()
            err.setStyleSheet(ERROR_STYLE)
            err.setWordWrap(True)
            err.hide()
            v.addWidget(err)
            self.errors[key] = err
            form.addRow(label, box)
        intro = QLabel(
            self.tr(
                "Laptop ini belum dipakai untuk Sigap. Buat akun supervisor pertama; "
                "supervisor nanti menambah petugas lain. Data di laptop ini dienkripsi; "
                "kata sandi inilah kuncinya, jadi jangan sampai lupa. Contoh bentuk yang "
                "baik: tiga kata dan angka, kopi-pagi-pasar-27."
            )
        )
        intro.setWordWrap(True)
        general = QLabel()
        general.setObjectName("message")
        general.setStyleSheet(ERROR_STYLE)
        general.setWordWrap(True)
        general.hide()
        self.errors["general"] = general
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Mulai"))
        buttons.accepted.connect(self.finish)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(general)
        layout.addWidget(buttons)

    @property
    def lang(self) -> str:
        return str(self.language.currentData())

    def _show(self, problems: list[Problem]) -> None:
        for err in self.errors.values():
            err.hide()
        for p in problems:
            label = self.errors.get(p.field)
            if label is not None:
                label.setText(p.message(self.lang))
                label.show()
        self.adjustSize()  # grow so every message is readable in full

    def finish(self) -> None:
        branch = self.branch.text().strip().upper()
        problems = []
        if not (2 <= len(branch) <= 20 and branch.replace("-", "").isalnum()):
            problems.append(Problem("branch_code", "branch_missing"))
        if self.passphrase.text() != self.repeat.text():
            problems.append(Problem("repeat", "passphrases_differ"))
        problems += check_officer(
            self.officer_id.text(), self.name.text(), "supervisor", self.passphrase.text()
        )
        try:
            if self.db is None:  # a second try after a failed setting does not set up again
                if problems:
                    raise ValidationError(problems)
                self.db, self.officer = desk.set_up(
                    self.data_dir, self.officer_id.text(), self.name.text(), self.passphrase.text()
                )
            set_setting(self.db, "branch_code", branch)
            set_setting(self.db, "language", self.lang)
        except ValidationError as exc:
            self._show(exc.problems)
            return
        except SigapError as exc:
            self._show([Problem("general", exc.code, exc.params)])
            return
        except (DbError, OSError) as exc:
            problem = storage_problem(exc)
            self._show([Problem("general", problem.code, problem.params)])
            return
        self.passphrase.clear()
        self.repeat.clear()
        self.accept()
