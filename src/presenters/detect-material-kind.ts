import { MaterialKind } from './material-types';
import { ByteSource, ZipEntry, ZipFormatError, readBytes, readZipEntry, zipEntries } from './zip-directory';

export type Detection = { kind: MaterialKind } | { kind: null; reason: string };

/** Enough for every signature below, including an MP4 `ftyp` box with its brands. */
const HEAD_BYTES = 4096;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP = Buffer.from('PK\x03\x04', 'latin1');
const PDF = Buffer.from('%PDF-', 'latin1');
/** Readers accept a PDF header anywhere in the first KiB. */
const PDF_HEADER_WITHIN = 1024;
/** ISO base media brands that MP4 players take (QuickTime, HEIF and 3GP brands are not among them). */
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'iso7',
  'iso8',
  'iso9',
  'mp41',
  'mp42',
  'avc1',
  'M4V ',
  'M4VH',
  'M4VP',
  'dash',
  'mmp4',
  'MSNV',
]);
const OOXML_MAIN_TYPES: Array<[MaterialKind, string]> = [
  ['pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml'],
  ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'],
  ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'],
];
const ODP_MIMETYPE = 'application/vnd.oasis.opendocument.presentation';
const MAX_CONTENT_TYPES_BYTES = 1024 * 1024;

/**
 * What a stored file is, by its bytes alone: signatures at the start, and for
 * ZIP archives their directory, read from where the file lies: OOXML files
 * (DOCX, XLSX, PPTX) name their main part in `[Content_Types].xml`; an ODF
 * file starts with the entry `mimetype`.
 */
export async function detectMaterialKind(source: ByteSource, size: number): Promise<Detection> {
  const head = await readBytes(source, 0, Math.min(size, HEAD_BYTES));
  if (startsWith(head, PNG)) return { kind: 'png' };
  if (startsWith(head, JPEG)) return { kind: 'jpeg' };
  if (head.subarray(0, PDF_HEADER_WITHIN).includes(PDF)) return { kind: 'pdf' };
  if (isMp4(head)) return { kind: 'mp4' };
  if (startsWith(head, ZIP)) return zipKind(source, size);
  return { kind: null, reason: 'its content is not one of the accepted types' };
}

async function zipKind(source: ByteSource, size: number): Promise<Detection> {
  let first: ZipEntry | null = null;
  let contentTypes: ZipEntry | null = null;
  try {
    for await (const entry of zipEntries(source, size)) {
      if (!first || entry.localHeaderOffset < first.localHeaderOffset) first = entry;
      if (entry.name === '[Content_Types].xml') contentTypes = entry;
    }
    if (contentTypes) {
      const xml = (await readZipEntry(source, contentTypes, MAX_CONTENT_TYPES_BYTES)).toString('utf8');
      const main = OOXML_MAIN_TYPES.find(([, type]) => xml.includes(`"${type}"`));
      return { kind: main ? main[0] : 'zip' };
    }
    if (first?.name === 'mimetype') {
      const mimetype = (await readZipEntry(source, first, 256)).toString('latin1').trim();
      if (mimetype === ODP_MIMETYPE) return { kind: 'odp' };
    }
    return { kind: 'zip' };
  } catch (error) {
    if (error instanceof ZipFormatError)
      return { kind: null, reason: `it starts like a ZIP archive but cannot be read as one (${error.message})` };
    throw error;
  }
}

function startsWith(bytes: Buffer, prefix: Buffer): boolean {
  return bytes.length >= prefix.length && bytes.subarray(0, prefix.length).equals(prefix);
}

/** An ISO base media file whose `ftyp` box names an MP4 brand, as major or compatible brand. */
function isMp4(head: Buffer): boolean {
  if (head.length < 16 || head.toString('latin1', 4, 8) !== 'ftyp') return false;
  const boxEnd = Math.min(head.readUInt32BE(0), head.length);
  const brands = [head.toString('latin1', 8, 12)];
  for (let at = 16; at + 4 <= boxEnd; at += 4) brands.push(head.toString('latin1', at, at + 4));
  return brands.some((brand) => MP4_BRANDS.has(brand));
}
