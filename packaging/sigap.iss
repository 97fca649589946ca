; Inno Setup script of Sigap's Windows installer (Inno Setup 6.3 or newer).
; NOT YET RUN ON WINDOWS: written from Inno Setup's documentation; see docs/packaging.md.
;
; It packs the one-folder bundle that packaging/build.py leaves in dist\sigap (sigap.exe,
; sigapw.exe, _internal\) into dist\sigap-setup-<version>.exe. From the repository root:
;     uv run --group build python packaging\build.py
;     & "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" packaging\sigap.iss
; The version comes from pyproject.toml, through build\version.iss written by build.py
; (`#define AppVersion "…"`); `ISCC /DAppVersion=…` overrides it.

#ifndef AppVersion
  #include "..\build\version.iss"
#endif

[Setup]
; The AppId identifies Sigap to Windows across versions: never change it.
AppId={{5B0E6B2C-3F0D-4C8E-9A57-1D2C7E4F9A31}
AppName=Sigap
AppVersion={#AppVersion}
AppVerName=Sigap {#AppVersion}
AppPublisher=Sigap
VersionInfoVersion={#AppVersion}
; Relative paths below are from the repository root (this file's parent folder).
SourceDir=..
OutputDir=dist
OutputBaseFilename=sigap-setup-{#AppVersion}
; Per machine, into C:\Program Files\Sigap; 64-bit Windows 10 1809 or newer only.
PrivilegesRequired=admin
DefaultDirName={autopf}\Sigap
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
SetupIconFile=resources\icons\sigap.ico
UninstallDisplayIcon={app}\sigapw.exe
UninstallDisplayName=Sigap
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
; The whole bundle. Nothing else is installed: the officers' data folder
; (%LOCALAPPDATA%\Sigap, logs in %LOCALAPPDATA%\Sigap\Logs) is made by Sigap itself at its
; first start, so the uninstaller, which removes only what it installed, leaves it alone.
Source: "dist\sigap\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; The window, without a console, with the application icon.
Name: "{autoprograms}\Sigap"; Filename: "{app}\sigapw.exe"; IconFilename: "{app}\_internal\resources\icons\sigap.ico"; Comment: "Sigap enrolment desk"

[Run]
Filename: "{app}\sigapw.exe"; Description: "{cm:LaunchProgram,Sigap}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] and no [Code]: the uninstaller removes {app} and the shortcut only.
