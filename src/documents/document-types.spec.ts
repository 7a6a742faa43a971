import { DXF_TYPE, STEP_TYPE, attachmentDisposition, documentFileName, documentTypeOf } from './document-types.js';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('documentTypeOf', () => {
  it('takes the binary types file-type recognised, and only the allowed ones', () => {
    expect(documentTypeOf(bytes('%PDF-1.7'), 'application/pdf')?.mime).toBe('application/pdf');
    expect(documentTypeOf(bytes('AC1032'), 'image/vnd.dwg')?.extensions).toEqual(['dwg']);
    expect(documentTypeOf(bytes('MZ'), 'application/x-msdownload')).toBeNull();
    expect(documentTypeOf(bytes('PK'), 'application/zip')).toBeNull();
    expect(documentTypeOf(bytes('<svg'), 'image/svg+xml')).toBeNull();
  });
  it('recognises STEP and DXF by their mandatory opening, and refuses other text', () => {
    expect(documentTypeOf(bytes('ISO-10303-21;\nHEADER;'), undefined)).toBe(STEP_TYPE);
    expect(documentTypeOf(bytes('\uFEFFISO-10303-21;'), undefined)).toBeNull(); // a UTF-16 BOM is not latin1 text
    expect(documentTypeOf(bytes('\u00EF\u00BB\u00BFISO-10303-21;'), undefined)).toBe(STEP_TYPE);
    expect(documentTypeOf(bytes('  0\r\nSECTION\r\n  2\r\nHEADER'), undefined)).toBe(DXF_TYPE);
    expect(documentTypeOf(bytes('AutoCAD Binary DXF\r\n\u001a\u0000'), undefined)).toBe(DXF_TYPE);
    expect(documentTypeOf(bytes('<html><script>'), undefined)).toBeNull();
    expect(documentTypeOf(bytes('plain words'), undefined)).toBeNull();
  });
});

describe('documentFileName', () => {
  const pdf = { mime: 'application/pdf', extensions: ['pdf'] };
  it('keeps the last path component, and a matching extension', () => {
    expect(documentFileName('C:\\drawings\\制动卡钳.PDF', pdf)).toBe('制动卡钳.PDF');
    expect(documentFileName('../../etc/spec.pdf', pdf)).toBe('spec.pdf');
  });
  it('adds the sniffed type\'s extension when the name claims another', () => {
    expect(documentFileName('report.exe', pdf)).toBe('report.exe.pdf');
    expect(documentFileName('scan', pdf)).toBe('scan.pdf');
  });
  it('refuses empty, dot-only, control-character and over-long names', () => {
    for (const bad of ['', '  ', '..', 'a/', 'bad\u0000.pdf', 'line\nbreak.pdf', `${'x'.repeat(201)}.pdf`]) expect(documentFileName(bad, pdf)).toBeNull();
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    expect(attachmentDisposition('图纸 "A".pdf')).toBe(`attachment; filename="__ _A_.pdf"; filename*=UTF-8''%E5%9B%BE%E7%BA%B8%20%22A%22.pdf`);
  });
});
