import { allowedAttachmentTypes, type AllowedAttachmentType } from '@omnichannel/contracts';
import { fromBuffer } from 'file-type';

const RASTER_IMAGES = new Set<string>(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const allowed = new Set<string>(allowedAttachmentTypes);

export interface Inspection {
  mime: AllowedAttachmentType;
  isImage: boolean;
}

/**
 * What a file really is, from its bytes (magic numbers), never from its name or the browser's claim.
 * Text has no magic bytes: it passes as text/plain when it decodes as UTF-8 and holds no NUL byte. SVG
 * and HTML are text too — they are stored as text/plain and always served as downloads, never rendered.
 */
export async function inspectFile(bytes: Buffer): Promise<Inspection | null> {
  const detected = await fromBuffer(bytes);
  if (detected) {
    if (!allowed.has(detected.mime)) return null;
    return { mime: detected.mime as AllowedAttachmentType, isImage: RASTER_IMAGES.has(detected.mime) };
  }
  if (bytes.length === 0 || bytes.includes(0)) return null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return { mime: 'text/plain', isImage: false };
}

/**
 * Names that run when opened, refused whatever their bytes say (a script is plain text, and an
 * executable can hide in an archive's or a text's clothes): Microsoft Outlook's list of blocked
 * attachment types, plus the programs, packages and scripts of macOS, Linux, Android and Java.
 */
export const BLOCKED_EXTENSIONS: ReadonlySet<string> = new Set([
  // Windows programs, installers, libraries, shortcuts and settings
  'exe', 'com', 'bat', 'cmd', 'msi', 'msp', 'mst', 'msu', 'msix', 'msixbundle', 'appx', 'appxbundle', 'scr', 'pif', 'dll', 'ocx', 'sys',
  'drv', 'cpl', 'msc', 'lnk', 'url', 'scf', 'reg', 'inf', 'ins', 'isp', 'gadget', 'application', 'appref-ms', 'xbap', 'xll', 'xnk',
  'chm', 'hlp', 'hta', 'htc', 'jnlp', 'diagcab', 'library-ms', 'settingcontent-ms', 'search-ms', 'theme', 'themepack', 'website',
  'wsb', 'cab', 'vhd', 'vhdx', 'iso', 'img', 'grp', 'shb', 'shs', 'sct', 'mshxml', 'msh', 'msh1', 'msh2', 'msh1xml', 'msh2xml',
  // Windows Script Host, PowerShell, VBA and friends
  'js', 'jse', 'mjs', 'cjs', 'vb', 'vbs', 'vbe', 'vbp', 'wsf', 'wsh', 'wsc', 'ws', 'ps1', 'ps1xml', 'ps2', 'ps2xml', 'psc1', 'psc2',
  'psd1', 'psdm1', 'psm1', 'pssc', 'bas', 'mde', 'ade', 'adp', 'mda', 'mdb', 'mdz', 'prg', 'fxp', 'ops', 'osd', 'pcd', 'plg', 'prf',
  // scripts of other interpreters that a double-click may run
  'sh', 'bash', 'zsh', 'csh', 'tcsh', 'ksh', 'fish', 'command', 'tool', 'py', 'pyc', 'pyo', 'pyw', 'pyz', 'pyzw', 'pl', 'rb', 'php',
  'applescript', 'scpt', 'workflow', 'action', 'desktop',
  // macOS, Linux, Android and Java programs and packages
  'app', 'pkg', 'mpkg', 'dmg', 'dylib', 'so', 'elf', 'run', 'bin', 'appimage', 'flatpak', 'snap', 'deb', 'rpm', 'apk', 'xapk', 'aab',
  'jar', 'class', 'war', 'ear',
]);

/**
 * The extension that makes this (already cleaned) name a program or a script, or null. Only the last
 * extension counts, after the trailing dots and spaces Windows drops ("a.exe." opens as "a.exe").
 */
export function blockedExtension(name: string): string | null {
  const trimmed = name.replace(/[. ]+$/, '');
  const dot = trimmed.lastIndexOf('.');
  if (dot <= 0) return null;
  const extension = trimmed.slice(dot + 1).toLowerCase();
  return BLOCKED_EXTENSIONS.has(extension) ? extension : null;
}

/**
 * A file name safe to store and to send back in Content-Disposition: no paths, no control or format
 * characters (bidi overrides and isolates, zero-width and soft hyphens: "invoice\u202Etxt.exe" shows as
 * "invoiceexe.txt" but is an .exe), no lone surrogates. Cleaned before the extension is checked.
 */
export function cleanFileName(name: string | undefined): string {
  // Browsers escape '"', CR and LF in multipart file names as %22, %0D and %0A (WHATWG form encoding).
  const decoded = (name ?? '').replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
  const base = decoded.split(/[\\/]/).pop() ?? '';
  // Cc: C0 and C1 controls; Cf: format characters (U+200B-U+200F, U+202A-U+202E, U+2066-U+2069, U+061C, U+FEFF…); Cs: lone surrogates.
  const cleaned = base.replace(/[\p{Cc}\p{Cf}\p{Cs}"]/gu, '').trim().slice(0, 200);
  return cleaned.replace(/[\uD800-\uDBFF]$/, '') || 'file';
}
