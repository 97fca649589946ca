"""The Qt interface: the only package that imports QtWidgets."""

from ui.qt_fixes import install as _install_qt_fixes

_install_qt_fixes()  # before any signal is emitted: see ui/qt_fixes.py
