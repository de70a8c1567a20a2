import { extensionOf, sanitiseFileName, withExtension } from './material-file-name';

describe('sanitiseFileName', () => {
  it.each([
    ['../x', 'x'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\ana\\Desktop\\slides.pptx', 'slides.pptx'],
    ['..', 'material'],
    ['', 'material'],
    ['.env', 'env'],
    ['report.pdf.', 'report.pdf'],
    ['a\u0000b\u0007c\r\nd.pdf', 'a_b_c d.pdf'],
    ['invoice\u202Efdp.exe', 'invoice_fdp.exe'],
    ['O’Higgins – résultats (2019).pdf', 'O_Higgins – résultats (2019).pdf'],
    ['Lessons   learned\t.pdf', 'Lessons learned .pdf'],
    ['<b>alert(1)</b>.pdf', 'b_.pdf'],
    ['<b>alert(1).pdf', 'b_alert(1).pdf'],
  ])('%j becomes %j', (raw, safe) => {
    expect(sanitiseFileName(raw)).toBe(safe);
  });

  it('keeps Unicode letters in NFC and caps the length at 120 characters, extension kept', () => {
    expect(sanitiseFileName('Piura, Perú.pdf'.normalize('NFD'))).toBe('Piura, Perú.pdf'.normalize('NFC'));
    const long = sanitiseFileName(`${'ñ'.repeat(300)}.pptx`);
    expect(Array.from(long)).toHaveLength(120);
    expect(long.endsWith('.pptx')).toBe(true);
  });
});

describe('extensionOf and withExtension', () => {
  it('reads an extension of letters and digits only', () => {
    expect(extensionOf('slides.PDF')).toBe('pdf');
    expect(extensionOf('slides v1.2')).toBeNull();
    expect(extensionOf('video.mp4')).toBe('mp4');
    expect(extensionOf('notes')).toBeNull();
  });

  it('adds the detected extension only to a name without one', () => {
    expect(withExtension('x', 'pdf')).toBe('x.pdf');
    expect(withExtension('slides v1.2', 'pdf')).toBe('slides v1.2.pdf');
    expect(withExtension('x.pdf', 'pdf')).toBe('x.pdf');
  });
});
