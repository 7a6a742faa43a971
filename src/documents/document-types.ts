/**
 * Which files may be attached, judged from their bytes, never from their name or the type the
 * sender declared. `file-type` recognises the binary formats by their signatures; the two text
 * formats of CAD exchange that it does not know are recognised here by their mandatory opening.
 *
 * Allowed:
 * - PDF (`%PDF-`): specifications, drawings, certificates;
 * - PNG, JPEG and TIFF: scans and photographs;
 * - DWG (AutoCAD drawing, `AC10xx` version header);
 * - STEP (ISO 10303-21 exchange file, opens with `ISO-10303-21;`);
 * - DXF (ASCII: opens with group code 0 and `SECTION`; binary: `AutoCAD Binary DXF`).
 * Everything else is refused: executables, archives (a ZIP could carry anything), office files
 * (macros), HTML and SVG (scripts), and text that is none of the above.
 */
export interface DocumentType {
  mime: string;
  /** Extensions a file of this type carries, first the usual one. */
  extensions: readonly string[];
}

const BY_FILE_TYPE: Readonly<Record<string, DocumentType>> = {
  'application/pdf': { mime: 'application/pdf', extensions: ['pdf'] },
  'image/png': { mime: 'image/png', extensions: ['png'] },
  'image/jpeg': { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  'image/tiff': { mime: 'image/tiff', extensions: ['tif', 'tiff'] },
  'image/vnd.dwg': { mime: 'image/vnd.dwg', extensions: ['dwg'] },
};

export const STEP_TYPE: DocumentType = { mime: 'model/step', extensions: ['step', 'stp'] };
export const DXF_TYPE: DocumentType = { mime: 'image/vnd.dxf', extensions: ['dxf'] };

/** The allowed types, for messages and documentation. */
export const ALLOWED_DOCUMENT_TYPES = ['PDF', 'PNG', 'JPEG', 'TIFF', 'DWG', 'STEP', 'DXF'] as const;

/** How many leading bytes the sniffers read. */
export const SNIFF_BYTES = 4100;

/**
 * The document type of a file from its first bytes and file-type's verdict on them (its MIME type,
 * or undefined when it recognised nothing), or null when the file may not be attached.
 */
export function documentTypeOf(head: Uint8Array, detectedMime: string | undefined): DocumentType | null {
  if (detectedMime !== undefined) return BY_FILE_TYPE[detectedMime] ?? null;
  const text = Buffer.from(head.subarray(0, 256)).toString('latin1').replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '');
  if (/^\s*ISO-10303-21;/.test(text)) return STEP_TYPE;
  if (/^\s*0\r?\n\s*SECTION\r?\n/.test(text)) return DXF_TYPE;
  if (text.startsWith('AutoCAD Binary DXF\r\n\u001a\u0000')) return DXF_TYPE;
  return null;
}

/** The longest file name kept, in characters. */
export const FILE_NAME_MAX = 200;

/**
 * The name a document is stored and downloaded under: the last path component of what was sent,
 * trimmed, with the type's usual extension added when it carries none of the type's own (a
 * `report.exe` that is a PDF downloads as `report.exe.pdf`). Null when nothing usable is left:
 * empty, too long, control characters, or only dots.
 */
export function documentFileName(sent: string, type: DocumentType): string | null {
  const base = sent.split(/[\\/]/).pop()?.trim() ?? '';
  // eslint-disable-next-line no-control-regex
  if (base === '' || /^\.+$/.test(base) || /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(base)) return null;
  const extension = /\.([^.]+)$/.exec(base)?.[1]?.toLowerCase();
  const name = extension !== undefined && type.extensions.includes(extension) ? base : `${base}.${type.extensions[0]}`;
  return name.length > FILE_NAME_MAX ? null : name;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 8187). */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
